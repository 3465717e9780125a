/**
 * Verdicts from what happened, as pure functions (STYLE.md 2).
 *
 * A sandbox failure never reaches these functions: it is a judging error handled by the caller.
 * The outcome type mirrors the sandbox's `ExecOutcome` (domain/ may not import sandbox/).
 */

export type RunEnd = 'exited' | 'signaled' | 'cpu-limit' | 'wall-limit' | 'memory-limit' | 'output-limit';

export interface RunOutcome {
  kind: RunEnd;
  exitCode: number | null;
  cpuTimeMs: number;
  wallTimeMs: number;
  peakMemoryBytes: number;
}

export interface VerdictLimits {
  timeLimitMs: number;
  memoryLimitBytes: number;
}

/** The output validator's decision; null when the output was not checked (the run failed first). */
export type CheckVerdict = 'accepted' | 'wrong-answer' | null;

export type TestcaseVerdict = 'AC' | 'WA' | 'TLE' | 'RTE' | 'MLE' | 'OLE';

/**
 * The verdict of a program's failure, or null when it ran cleanly (exit 0 within all limits).
 * Order: output limit, memory limit, time (CPU over the limit even when the program exited before
 * the sandbox's poll caught it, or wall limit), then crash (non-zero exit or signal).
 */
export function runFailureVerdict(run: RunOutcome, limits: VerdictLimits): TestcaseVerdict | null {
  switch (run.kind) {
    case 'output-limit': return 'OLE';
    case 'memory-limit': return 'MLE';
    case 'cpu-limit':
    case 'wall-limit': return 'TLE';
    default: break;
  }
  if (run.cpuTimeMs > limits.timeLimitMs) return 'TLE';
  if (run.kind === 'signaled' || run.exitCode !== 0) {
    // An allocation failure right at the cgroup limit is the memory limit, not a bug.
    return run.peakMemoryBytes >= limits.memoryLimitBytes ? 'MLE' : 'RTE';
  }
  return null;
}

/**
 * Verdict of one test case of a non-interactive problem: the program's failure if any,
 * otherwise the output validator's decision. A clean run passed without a check is a caller
 * bug: it throws rather than invent a verdict.
 */
export function determineVerdict(run: RunOutcome, check: CheckVerdict, limits: VerdictLimits): TestcaseVerdict {
  const failure = runFailureVerdict(run, limits);
  if (failure !== null) return failure;
  if (check === null) throw new Error('determineVerdict: a clean run must have its output checked');
  return check === 'accepted' ? 'AC' : 'WA';
}

/**
 * Verdict of one test case of an interactive problem (Kattis rules): the validator's verdict
 * first — wrong answer stays WA even if the solution then crashed or timed out — and only when
 * the validator accepted does the solution's own ending (TLE/RTE/MLE/OLE) count.
 */
export function determineInteractiveVerdict(solution: RunOutcome, validator: 'accepted' | 'wrong-answer', limits: VerdictLimits): TestcaseVerdict {
  if (validator === 'wrong-answer') return 'WA';
  return runFailureVerdict(solution, limits) ?? 'AC';
}

/**
 * Meaning of a Kattis output validator's exit: 42 accepted, 43 wrong answer, anything else
 * (another code, a signal, a limit) is a judging error — the validator is jury code.
 */
export function validatorExitVerdict(run: Pick<RunOutcome, 'kind' | 'exitCode'>): 'accepted' | 'wrong-answer' | 'judge-error' {
  if (run.kind !== 'exited') return 'judge-error';
  if (run.exitCode === 42) return 'accepted';
  if (run.exitCode === 43) return 'wrong-answer';
  return 'judge-error';
}

/** A compilation succeeded only if the compiler exited 0 within its limits; anything else is CE. */
export function compileSucceeded(run: Pick<RunOutcome, 'kind' | 'exitCode'>): boolean {
  return run.kind === 'exited' && run.exitCode === 0;
}

/** Why a compilation failed, in words for the team (prepended to the compiler's messages). */
export function compileFailureNote(run: Pick<RunOutcome, 'kind' | 'exitCode'>, limits: { timeLimitMs: number; memoryLimitBytes: number }): string {
  switch (run.kind) {
    case 'cpu-limit':
    case 'wall-limit': return `Compilation took longer than the ${Math.round(limits.timeLimitMs / 1000)} s limit.\n`;
    case 'memory-limit': return `Compilation used more than the ${Math.round(limits.memoryLimitBytes / 1048576)} MiB memory limit.\n`;
    case 'output-limit': return 'Compilation wrote too much output.\n';
    case 'signaled': return 'The compiler was killed by a signal.\n';
    default: return '';
  }
}

/**
 * The submission's verdict from its test case verdicts in judging (name) order: the first one
 * that is not AC, or AC when all are (including when there are none).
 */
export function firstFailureVerdict(verdicts: readonly TestcaseVerdict[]): TestcaseVerdict {
  return verdicts.find((verdict) => verdict !== 'AC') ?? 'AC';
}
