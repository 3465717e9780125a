/**
 * Time limit suggestion from accepted runs (Kattis legacy rule): the slowest accepted test case
 * run × `timeMultiplier` (default 5), rounded UP to whole seconds (at least 1 s). Accepted
 * submissions must fit within that limit; submissions expected to time out must still do so at
 * the limit × `timeSafetyMargin` (default 2). Returns null without accepted runs; throws on a
 * multiplier ≤ 0 or a margin < 1 (a broken problem.yaml, reported by the caller). Pure.
 */

export interface TimeLimitSuggestion {
  /** The suggested time limit. */
  timeLimitMs: number;
  /** Limit a time_limit_exceeded submission must exceed to be sure it is too slow. */
  tleCheckLimitMs: number;
  slowestAcceptedMs: number;
  timeMultiplier: number;
  timeSafetyMargin: number;
}

export function suggestTimeLimit(acceptedRunTimesMs: readonly number[], timeMultiplier = 5, timeSafetyMargin = 2): TimeLimitSuggestion | null {
  if (acceptedRunTimesMs.length === 0) return null;
  if (!(timeMultiplier > 0) || !(timeSafetyMargin >= 1)) throw new Error('time_multiplier must be > 0 and time_safety_margin >= 1');
  const slowestAcceptedMs = Math.max(...acceptedRunTimesMs);
  const timeLimitMs = Math.max(1, Math.ceil((slowestAcceptedMs * timeMultiplier) / 1000)) * 1000;
  return { timeLimitMs, tleCheckLimitMs: Math.round(timeLimitMs * timeSafetyMargin), slowestAcceptedMs, timeMultiplier, timeSafetyMargin };
}
