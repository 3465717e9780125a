import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Box, ExecOutcome, RunSpec, Sandbox } from '../sandbox/sandbox';
import { checkWithDefaultValidator, parseDefaultValidatorFlags } from '../domain/default-validator';
import { validatorExitVerdict } from '../domain/determine-verdict';
import { JUDGE_MESSAGE_MAX_CHARS, TEAM_MESSAGE_MAX_CHARS, truncateText, VALIDATOR_OUTPUT_BYTES, VALIDATOR_PROCESSES, wallTimeLimitMs } from './judge-constants';
import type { ValidatorBuild } from './validator-program';

/** The files of one test case on the judge's disk. */
export interface TestcaseFiles {
  inputPath: string;
  answerPath: string;
}

export type CheckResult =
  | { ok: true; verdict: 'accepted' | 'wrong-answer'; judgeMessage: string; teamMessage: string; score: number | null }
  | { ok: false; internalError: string };

/** Decides whether a team's output is right. One per submission; `destroy` frees its box, if any. */
export interface OutputChecker {
  check(testcase: TestcaseFiles, teamOutput: Buffer): Promise<CheckResult>;
  destroy(): Promise<void>;
}

/** The Kattis default validator with the problem's flags; bad flags are a judging error (the package is broken). */
export function createDefaultChecker(flags: readonly string[]): { ok: true; checker: OutputChecker } | { ok: false; internalError: string } {
  const parsed = parseDefaultValidatorFlags(flags);
  if (!parsed.ok) return { ok: false, internalError: `problem validator_flags: ${parsed.error}` };
  const checker: OutputChecker = {
    async check(testcase, teamOutput) {
      let answer: string;
      try {
        answer = (await readFile(testcase.answerPath)).toString('latin1');
      } catch (error) {
        return { ok: false, internalError: `cannot read the answer file: ${(error as Error).message}` };
      }
      const result = checkWithDefaultValidator(teamOutput.toString('latin1'), answer, parsed.options);
      return { ok: true, verdict: result.accepted ? 'accepted' : 'wrong-answer', judgeMessage: result.judgeMessage, teamMessage: '', score: null };
    },
    async destroy() {},
  };
  return { ok: true, checker };
}

export interface ValidatorLimits {
  validatorTimeLimitMs: number;
  validatorMemoryLimitBytes: number;
}

/** Where a validator run finds the test case, inside its sandbox. */
const INPUT_IN_SANDBOX = '/judge/testcase.in';
const ANSWER_IN_SANDBOX = '/judge/testcase.ans';

/**
 * True if the sandbox user can open `path` for reading: every directory on the way searchable by
 * others and the file readable by others (bwrap binds it as the box's unprivileged uid).
 */
async function readableByOthers(path: string): Promise<boolean> {
  try {
    if (((await stat(path)).mode & 0o004) === 0) return false;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (((await stat(dir)).mode & 0o001) === 0) return false;
      if (dir === dirname(dir)) return true;
    }
  } catch {
    return false;
  }
}

/**
 * Makes the test case's input and answer visible to a validator run: bound read-only at
 * /judge/ when the sandbox user may read them where they are (no copy), else copied into the box.
 */
async function testcaseFilesInSandbox(box: Box, testcase: TestcaseFiles): Promise<{ inputPath: string; answerPath: string; mounts: NonNullable<RunSpec['readOnlyMounts']> }> {
  if ((await readableByOthers(testcase.inputPath)) && (await readableByOthers(testcase.answerPath))) {
    return {
      inputPath: INPUT_IN_SANDBOX,
      answerPath: ANSWER_IN_SANDBOX,
      mounts: [{ hostPath: testcase.inputPath, sandboxPath: INPUT_IN_SANDBOX }, { hostPath: testcase.answerPath, sandboxPath: ANSWER_IN_SANDBOX }],
    };
  }
  await box.copyIn(testcase.inputPath, '.testcase.in', 0o644);
  await box.copyIn(testcase.answerPath, '.testcase.ans', 0o644);
  return { inputPath: '/box/.testcase.in', answerPath: '/box/.testcase.ans', mounts: [] };
}

/** A built custom validator placed in a fresh box of its own, ready to run once per test case. */
export interface ValidatorInstance {
  box: Box;
  /**
   * Puts the test case where the validator can read it and returns the RunSpec that runs it as
   * Kattis specifies: `validator input_file answer_file feedback_dir/ [flags]`, feedback_dir a
   * fresh directory the validator's sandbox user creates itself (`feedbackDir`, box-relative).
   */
  prepareRun(testcase: TestcaseFiles, extra: Pick<RunSpec, 'stdin' | 'stdout'>, wallTimeMs?: number): Promise<{ spec: RunSpec; feedbackDir: string }>;
  /** Reads judgemessage.txt, teammessage.txt and score.txt of a finished run. */
  readFeedback(feedbackDir: string): Promise<{ judgeMessage: string; teamMessage: string; score: number | null } | { error: string }>;
}

export async function createValidatorInstance(sandbox: Sandbox, build: ValidatorBuild, flags: readonly string[], limits: ValidatorLimits): Promise<ValidatorInstance> {
  const box = await sandbox.createBox();
  try {
    for (const file of build.files) await box.writeFile(file.path, file.content, file.mode);
  } catch (error) {
    await box.destroy().catch(() => undefined);
    throw error;
  }
  let runs = 0;
  return {
    box,
    async prepareRun(testcase, extra, wallTimeMs) {
      runs++;
      const feedbackDir = `feedback-${runs}`;
      const files = await testcaseFilesInSandbox(box, testcase);
      const spec: RunSpec = {
        // The box belongs to the sandbox user, so the validator's own shell makes a writable feedback dir.
        argv: ['sh', '-c', 'dir=$1; shift; mkdir -- "$dir" && exec "$@"', 'sh', feedbackDir, ...build.argv, files.inputPath, files.answerPath, `${feedbackDir}/`, ...flags],
        env: { ...build.language.env },
        limits: {
          cpuTimeMs: limits.validatorTimeLimitMs,
          wallTimeMs: wallTimeMs ?? wallTimeLimitMs(limits.validatorTimeLimitMs),
          memoryBytes: limits.validatorMemoryLimitBytes,
          processes: VALIDATOR_PROCESSES,
          outputBytes: VALIDATOR_OUTPUT_BYTES,
        },
        stderr: null,
        readOnlyMounts: files.mounts,
        ...extra,
      };
      return { spec, feedbackDir };
    },
    async readFeedback(feedbackDir) {
      const judgeMessage = await box.readFile(`${feedbackDir}/judgemessage.txt`, JUDGE_MESSAGE_MAX_CHARS);
      const teamMessage = await box.readFile(`${feedbackDir}/teammessage.txt`, TEAM_MESSAGE_MAX_CHARS);
      const scoreText = await box.readFile(`${feedbackDir}/score.txt`, 1024);
      let score: number | null = null;
      if (scoreText !== null && scoreText.toString('utf8').trim() !== '') {
        score = Number(scoreText.toString('utf8').trim());
        if (!Number.isFinite(score)) return { error: `output validator wrote a score.txt that is not a number: ${JSON.stringify(scoreText.toString('utf8').slice(0, 100))}` };
      }
      return {
        judgeMessage: truncateText(judgeMessage?.toString('utf8') ?? '', JUDGE_MESSAGE_MAX_CHARS),
        teamMessage: truncateText(teamMessage?.toString('utf8') ?? '', TEAM_MESSAGE_MAX_CHARS),
        score,
      };
    },
  };
}

/**
 * A custom output validator run in its own sandbox box per test case:
 * `validator input answer feedback_dir/ [flags] < team_output`. Exit 42 accepted, 43 wrong answer;
 * anything else (other code, signal, limit) and a sandbox failure are judging errors.
 */
export async function createCustomChecker(sandbox: Sandbox, build: ValidatorBuild, flags: readonly string[], limits: ValidatorLimits): Promise<OutputChecker> {
  const instance = await createValidatorInstance(sandbox, build, flags, limits);
  return {
    async check(testcase, teamOutput) {
      try {
        await instance.box.writeFile('.team-output', teamOutput, 0o644);
      } catch (error) {
        return { ok: false, internalError: `cannot hand the output to the validator: ${(error as Error).message}` };
      }
      const { spec, feedbackDir } = await instance.prepareRun(testcase, { stdin: { boxFile: '.team-output' }, stdout: null });
      const run = await instance.box.run(spec);
      if (!run.ok) return { ok: false, internalError: `sandbox failed while running the output validator: ${run.internalError}` };
      return interpretValidatorRun(instance, run.outcome, feedbackDir);
    },
    async destroy() {
      await instance.box.destroy();
    },
  };
}

/** Turns a finished validator run into a check result (exit 42/43, else a judging error). */
export async function interpretValidatorRun(instance: ValidatorInstance, outcome: ExecOutcome, feedbackDir: string): Promise<CheckResult> {
  const meaning = validatorExitVerdict(outcome);
  let feedback;
  try {
    feedback = await instance.readFeedback(feedbackDir);
  } catch (error) {
    return { ok: false, internalError: `cannot read the validator's feedback: ${(error as Error).message}` };
  }
  if (meaning === 'judge-error') {
    const how = outcome.kind === 'exited' ? `exited with code ${outcome.exitCode}` : outcome.kind === 'signaled' ? `was killed by ${outcome.signal ?? 'a signal'}` : `hit its ${outcome.kind}`;
    const message = 'judgeMessage' in feedback ? feedback.judgeMessage.slice(0, 2000) : '';
    return { ok: false, internalError: `output validator ${how} (42 = accepted, 43 = wrong answer expected)${message ? `: ${message}` : ''}` };
  }
  if ('error' in feedback) return { ok: false, internalError: feedback.error };
  return { ok: true, verdict: meaning, ...feedback };
}
