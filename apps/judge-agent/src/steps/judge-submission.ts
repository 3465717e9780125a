import type { JudgeJob, JudgeResult, TestcaseResult } from '@arena/protocol';
import { findLanguage } from '../languages/languages';
import type { Box, ExecOutcome, Sandbox } from '../sandbox/sandbox';
import { aggregateScore } from '../domain/aggregate-score';
import { determineInteractiveVerdict, determineVerdict, firstFailureVerdict, runFailureVerdict, type TestcaseVerdict } from '../domain/determine-verdict';
import { compileProgram, type CompiledProgram, type ProgramSource } from './compile-program';
import { COMPILE_MEMORY_BYTES, truncateText } from './judge-constants';
import { runInteractive } from './interactive-run';
import { createCustomChecker, createDefaultChecker, createValidatorInstance, type CheckResult, type OutputChecker, type TestcaseFiles, type ValidatorInstance } from './output-checker';
import { runSolution, SOLUTION_OUTPUT_FILE, type SolutionLimits } from './run-solution';
import { buildValidator, createValidatorCache, type ValidatorBuild } from './validator-program';

export interface JudgeDeps {
  sandbox: Sandbox;
  /** Local path of the file with this sha256 (fetched and verified by the caller, cached). Throws if it cannot. */
  fetchFile(sha256: string): Promise<string>;
  /** Called after each test case, in judging order, before the next one starts. */
  onTestcase?(result: TestcaseResult): void | Promise<void>;
  /** Where built output validators are kept between jobs; the process-wide cache if absent. */
  validatorCache?: ReturnType<typeof createValidatorCache>;
  /** Passed to `createBox` (CPU pinning when judging in parallel). */
  boxOptions?: { cpu?: number };
  /**
   * Aborts the job (lease lost, shutdown): checked before compiling and before each test case,
   * so judging stops within one run; the result is then `{ ok: false }`.
   */
  signal?: AbortSignal;
}

export type JudgeOutcome =
  | { ok: true; result: JudgeResult; testcases: TestcaseResult[] }
  | { ok: false; failure: string };

/** Thrown inside this module for judging errors; turned into `{ ok: false }` at the end. */
class JudgingError extends Error {}

const TEST_RUN_OUTPUT_MAX_CHARS = 65_536;
/** Validators built by this process, shared by all jobs (keyed by the validator files' hashes). */
const processValidatorCache = createValidatorCache();
const CUSTOM_INPUT_FILE = '.custom-input';

/**
 * Judges one job end to end through the sandbox: fetch sources → compile (CE ends it) → for each
 * test case in ordinal (name) order: run, check (default validator, custom validator, or
 * interactive), stream the result through `onTestcase`; pass-fail problems stop at the first
 * failure when `stopAtFirstFailure`. The verdict is the first non-AC test case verdict (AC if
 * none); scoring problems also get a score from their test groups.
 *
 * `{ ok: false, failure }` means the JUDGE failed (sandbox, missing file, unknown language,
 * broken validator): the host re-queues the job; it is never the team's verdict. `job` must
 * already be parsed with the protocol's JudgeJob schema.
 */
export async function judgeSubmission(job: JudgeJob, deps: JudgeDeps): Promise<JudgeOutcome> {
  const boxes: Box[] = [];
  const checkers: OutputChecker[] = [];
  try {
    return await judge(job, deps, boxes, checkers);
  } catch (error) {
    const message = error instanceof JudgingError ? error.message : `unexpected judge error: ${(error as Error).stack ?? String(error)}`;
    return { ok: false, failure: message.slice(0, 4096) };
  } finally {
    for (const checker of checkers) await checker.destroy().catch(() => undefined);
    for (const box of boxes) await box.destroy().catch(() => undefined);
  }
}

async function judge(job: JudgeJob, deps: JudgeDeps, boxes: Box[], checkers: OutputChecker[]): Promise<JudgeOutcome> {
  const language = findLanguage(job.languageId);
  if (language === undefined) throw new JudgingError(`language ${JSON.stringify(job.languageId)} is not known to this judge`);
  const sources: ProgramSource[] = [];
  for (const file of job.source) sources.push({ path: file.path, hostPath: await fetch(deps, file.sha256, `source ${file.path}`) });

  checkAborted(deps);
  const box = await deps.sandbox.createBox(deps.boxOptions).catch((error: Error) => {
    throw new JudgingError(`could not create a sandbox box: ${error.message}`);
  });
  boxes.push(box);
  const compiled = await compileProgram(box, language, sources, {
    entryPoint: job.entryPoint,
    compileTimeLimitMs: job.limits.compileTimeLimitMs,
    runMemoryLimitBytes: job.limits.memoryLimitBytes,
  });
  if (!compiled.ok) throw new JudgingError(compiled.internalError);
  if (!compiled.compiled) {
    return { ok: true, result: { leaseId: job.leaseId, verdict: 'CE', compileOutput: compiled.output, maxCpuTimeMs: 0 }, testcases: [] };
  }
  const program = compiled.program;
  const limits: SolutionLimits = { timeLimitMs: job.limits.timeLimitMs, memoryLimitBytes: job.limits.memoryLimitBytes, outputLimitBytes: job.limits.outputLimitBytes };

  checkAborted(deps);
  // A test run with custom input just runs it; one on the samples is judged like a submission (below), outputs included.
  if (job.kind === 'test-run' && job.customInput !== null) return testRun(job, deps, program, limits, compiled.output);

  let checker: OutputChecker | null = null;
  let interactiveValidator: ValidatorInstance | null = null;
  const validatorLimits = { validatorTimeLimitMs: job.limits.validatorTimeLimitMs, validatorMemoryLimitBytes: job.limits.validatorMemoryLimitBytes };
  if (job.problem.validation === 'default') {
    const created = createDefaultChecker(job.problem.validatorFlags);
    if (!created.ok) throw new JudgingError(created.internalError);
    checker = created.checker;
  } else {
    const build = await validatorBuild(job, deps);
    try {
      if (job.problem.validation === 'custom') {
        checker = await createCustomChecker(deps.sandbox, build, job.problem.validatorFlags, validatorLimits);
      } else {
        interactiveValidator = await createValidatorInstance(deps.sandbox, build, job.problem.validatorFlags, validatorLimits);
        boxes.push(interactiveValidator.box);
      }
    } catch (error) {
      throw new JudgingError(`could not set up the output validator's box: ${(error as Error).message}`);
    }
  }
  if (checker !== null) checkers.push(checker);

  const results: TestcaseResult[] = [];
  const scored: Array<{ name: string; accepted: boolean; validatorScore: number | null }> = [];
  const ordered = [...job.testcases].sort((a, b) => a.ordinal - b.ordinal);
  for (const testcase of ordered) {
    checkAborted(deps);
    const files = {
      inputPath: await fetch(deps, testcase.inputSha256, `input of ${testcase.name}`),
      answerPath: await fetch(deps, testcase.answerSha256, `answer of ${testcase.name}`),
    };
    const { outcome, check, verdict } = await judgeTestcase(testcase.name, files, { program, box, checker, interactiveValidator, limits, validatorTimeLimitMs: job.limits.validatorTimeLimitMs });
    const validatorScore = check?.score ?? null;
    const result: TestcaseResult = {
      leaseId: job.leaseId,
      testcaseId: testcase.id,
      ordinal: testcase.ordinal,
      verdict,
      cpuTimeMs: outcome.cpuTimeMs,
      wallTimeMs: outcome.wallTimeMs,
      memoryBytes: Math.max(0, Math.round(outcome.peakMemoryBytes)),
      judgeMessage: check?.judgeMessage ?? '',
      teamMessage: check?.teamMessage ?? '',
      ...(validatorScore !== null ? { score: validatorScore } : {}),
      ...(job.kind === 'test-run' ? { output: await testRunOutput(box) } : {}),
    };
    results.push(result);
    scored.push({ name: testcase.name, accepted: verdict === 'AC', validatorScore });
    await deps.onTestcase?.(result);
    if (job.problem.scoring === 'pass-fail' && job.problem.stopAtFirstFailure && verdict !== 'AC') break;
  }

  const verdict = firstFailureVerdict(results.map((result) => result.verdict));
  const judgeResult: JudgeResult = {
    leaseId: job.leaseId,
    verdict,
    compileOutput: compiled.output,
    maxCpuTimeMs: results.reduce((max, result) => Math.max(max, result.cpuTimeMs), 0),
  };
  if (job.problem.scoring === 'score') {
    judgeResult.score = aggregateScore(job.problem.testGroups, scored).score;
  }
  return { ok: true, result: judgeResult, testcases: results };
}

type Checked = Extract<CheckResult, { ok: true }>;

interface TestcaseContext {
  program: CompiledProgram;
  box: Box;
  checker: OutputChecker | null;
  interactiveValidator: ValidatorInstance | null;
  limits: SolutionLimits;
  validatorTimeLimitMs: number;
}

/**
 * Runs and checks one test case. The output is checked only after a clean run; an interactive
 * validator always decides first. Judge failures throw JudgingError.
 */
async function judgeTestcase(name: string, files: TestcaseFiles, context: TestcaseContext): Promise<{ outcome: ExecOutcome; check: Checked | null; verdict: TestcaseVerdict }> {
  const { program, box, checker, interactiveValidator, limits } = context;
  if (interactiveValidator !== null) {
    const run = await runInteractive(program, interactiveValidator, files, { ...limits, validatorTimeLimitMs: context.validatorTimeLimitMs });
    if (!run.ok) throw new JudgingError(`test case ${name}: ${run.internalError}`);
    if (!run.check.ok) throw new JudgingError(`test case ${name}: ${run.check.internalError}`);
    return { outcome: run.solution, check: run.check, verdict: determineInteractiveVerdict(run.solution, run.check.verdict, limits) };
  }
  const run = await runSolution(program, { hostFile: files.inputPath }, { boxFile: SOLUTION_OUTPUT_FILE }, limits);
  if (!run.ok) throw new JudgingError(`sandbox failed on test case ${name}: ${run.internalError}`);
  const failure = runFailureVerdict(run.outcome, limits);
  if (failure !== null) return { outcome: run.outcome, check: null, verdict: failure };
  if (checker === null) throw new JudgingError('no output checker for a non-interactive problem');
  const output = await box.readFile(SOLUTION_OUTPUT_FILE, limits.outputLimitBytes);
  const check = await checker.check(files, output ?? Buffer.alloc(0));
  if (!check.ok) throw new JudgingError(`test case ${name}: ${check.internalError}`);
  return { outcome: run.outcome, check, verdict: determineVerdict(run.outcome, check.verdict, limits) };
}

/** The custom validator for this job, built once per distinct set of files. */
async function validatorBuild(job: JudgeJob, deps: JudgeDeps): Promise<ValidatorBuild> {
  if (job.problem.validator.length === 0) throw new JudgingError(`problem uses ${job.problem.validation} validation but has no output validator`);
  const sources: ProgramSource[] = [];
  for (const file of job.problem.validator) sources.push({ path: file.path, hostPath: await fetch(deps, file.sha256, `validator file ${file.path}`) });
  const key = job.problem.validator.map((file) => `${file.path}:${file.sha256}`).sort().join('|');
  const cache = deps.validatorCache ?? processValidatorCache;
  const built = await cache.get(key, () => buildValidator(deps.sandbox, sources, job.limits.compileTimeLimitMs, Math.min(job.limits.validatorMemoryLimitBytes, COMPILE_MEMORY_BYTES)));
  if (!built.ok) throw new JudgingError(built.internalError);
  return built.build;
}

/** A contestant's test run: compile, run once on their own input, return the output. No checking. */
async function testRun(job: JudgeJob, deps: JudgeDeps, program: CompiledProgram, limits: SolutionLimits, compileOutput: string): Promise<JudgeOutcome> {
  await program.box.writeFile(CUSTOM_INPUT_FILE, job.customInput ?? '', 0o644);
  const run = await runSolution(program, { boxFile: CUSTOM_INPUT_FILE }, { boxFile: SOLUTION_OUTPUT_FILE }, limits);
  if (!run.ok) throw new JudgingError(`sandbox failed on the test run: ${run.internalError}`);
  const output = await program.box.readFile(SOLUTION_OUTPUT_FILE, TEST_RUN_OUTPUT_MAX_CHARS);
  const verdict = runFailureVerdict(run.outcome, limits) ?? 'AC';
  const result: TestcaseResult = {
    leaseId: job.leaseId,
    testcaseId: 'custom',
    ordinal: 0,
    verdict,
    cpuTimeMs: run.outcome.cpuTimeMs,
    wallTimeMs: run.outcome.wallTimeMs,
    memoryBytes: Math.max(0, Math.round(run.outcome.peakMemoryBytes)),
    judgeMessage: '',
    teamMessage: '',
    output: truncateText(output?.toString('utf8') ?? '', TEST_RUN_OUTPUT_MAX_CHARS),
  };
  await deps.onTestcase?.(result);
  return { ok: true, result: { leaseId: job.leaseId, verdict, compileOutput, maxCpuTimeMs: run.outcome.cpuTimeMs }, testcases: [result] };
}

/** The program's output of the last run, for a test run on the samples (empty if it wrote none). */
async function testRunOutput(box: Box): Promise<string> {
  const output = await box.readFile(SOLUTION_OUTPUT_FILE, TEST_RUN_OUTPUT_MAX_CHARS);
  return truncateText(output?.toString('utf8') ?? '', TEST_RUN_OUTPUT_MAX_CHARS);
}

function checkAborted(deps: JudgeDeps): void {
  if (deps.signal?.aborted) throw new JudgingError('judging was aborted (lease lost or judge stopping)');
}

async function fetch(deps: JudgeDeps, sha256: string, what: string): Promise<string> {
  try {
    return await deps.fetchFile(sha256);
  } catch (error) {
    throw new JudgingError(`could not fetch ${what} (${sha256}): ${(error as Error).message}`);
  }
}
