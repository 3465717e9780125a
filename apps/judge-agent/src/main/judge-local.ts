/**
 * Judging one submission against a local problem package, with no host: builds the same
 * JudgeJob the host would send and runs the agent's own `judgeSubmission` on it.
 */
import { JudgeJob, type TestcaseResult, type VerdictId } from '@arena/protocol';
import type { Sandbox } from '../sandbox/sandbox';
import { judgeSubmission } from '../steps/judge-submission';
import type { createValidatorCache } from '../steps/validator-program';
import type { LocalFileStore } from './local-file-store';
import type { ProblemPackage } from './problem-package';

export interface LocalSubmission {
  languageId: string;
  entryPoint: string | null;
  /** `path` is the file's name in the submission (as in the box). */
  files: Array<{ path: string; hostPath: string }>;
}

export interface LocalTestcaseReport {
  name: string;
  verdict: TestcaseResult['verdict'];
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryBytes: number;
  score?: number;
  judgeMessage?: string;
}

export type LocalJudgement =
  | { ok: true; verdict: Exclude<VerdictId, 'JE'>; score?: number; maxCpuTimeMs: number; compileOutput: string; testcases: LocalTestcaseReport[] }
  | { ok: false; failure: string };

export interface LocalJudgeOptions {
  sandbox: Sandbox;
  store: LocalFileStore;
  timeLimitMs: number;
  validatorCache?: ReturnType<typeof createValidatorCache>;
  boxOptions?: { cpu?: number };
  onTestcase?(report: LocalTestcaseReport): void;
}

/** Builds the JudgeJob for `submission` on `pkg` (parsed with the protocol schema, like the agent would). */
export async function buildLocalJob(pkg: ProblemPackage, submission: LocalSubmission, store: LocalFileStore, timeLimitMs: number): Promise<JudgeJob> {
  const source = [];
  for (const file of submission.files) source.push({ path: file.path, sha256: await store.add(file.hostPath) });
  const validator = [];
  for (const file of pkg.validatorFiles) validator.push({ path: file.path, sha256: await store.add(file.hostPath) });
  const testcases = [];
  for (const [index, testcase] of pkg.testcases.entries()) {
    testcases.push({
      id: `t${index + 1}`,
      name: testcase.name,
      ordinal: index,
      inputSha256: await store.add(testcase.inputPath),
      answerSha256: testcase.answerPath === null ? await store.addContent('') : await store.add(testcase.answerPath),
      isSample: testcase.isSample,
      extra: [],
    });
  }
  return JudgeJob.parse({
    leaseId: 'local',
    kind: 'submission',
    contestId: 'local',
    submissionId: 'local',
    problemId: 'local',
    languageId: submission.languageId,
    entryPoint: submission.entryPoint,
    source,
    limits: {
      timeLimitMs,
      memoryLimitBytes: pkg.memoryLimitBytes,
      outputLimitBytes: pkg.outputLimitBytes,
      compileTimeLimitMs: pkg.compileTimeLimitMs,
      validatorTimeLimitMs: pkg.validatorTimeLimitMs,
      validatorMemoryLimitBytes: pkg.validatorMemoryLimitBytes,
    },
    problem: {
      validation: pkg.validation,
      validatorFlags: pkg.validatorFlags,
      validator,
      scoring: pkg.scoring,
      stopAtFirstFailure: true,
      testGroups: pkg.testGroups,
    },
    testcases,
    customInput: null,
  });
}

/** Judges `submission` against `pkg` through the sandbox. */
export async function judgeLocally(pkg: ProblemPackage, submission: LocalSubmission, options: LocalJudgeOptions): Promise<LocalJudgement> {
  const job = await buildLocalJob(pkg, submission, options.store, options.timeLimitMs);
  const names = new Map(job.testcases.map((testcase) => [testcase.id, testcase.name]));
  const toReport = (result: TestcaseResult): LocalTestcaseReport => ({
    name: names.get(result.testcaseId) ?? result.testcaseId,
    verdict: result.verdict,
    cpuTimeMs: Math.round(result.cpuTimeMs),
    wallTimeMs: Math.round(result.wallTimeMs),
    memoryBytes: result.memoryBytes,
    ...(result.score !== undefined ? { score: result.score } : {}),
    ...(result.judgeMessage !== '' ? { judgeMessage: result.judgeMessage } : {}),
  });
  const outcome = await judgeSubmission(job, {
    sandbox: options.sandbox,
    fetchFile: (sha256) => options.store.fetchFile(sha256),
    onTestcase: (result) => options.onTestcase?.(toReport(result)),
    ...(options.validatorCache ? { validatorCache: options.validatorCache } : {}),
    ...(options.boxOptions ? { boxOptions: options.boxOptions } : {}),
  });
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    verdict: outcome.result.verdict,
    ...(outcome.result.score !== undefined ? { score: outcome.result.score } : {}),
    maxCpuTimeMs: Math.round(outcome.result.maxCpuTimeMs),
    compileOutput: outcome.result.compileOutput,
    testcases: outcome.testcases.map(toReport),
  };
}
