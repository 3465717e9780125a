import { PENDING, type SubmissionOutcome } from './submission-outcome';
import type { ScoreboardView } from './scoring-input';

/**
 * THE place where the scoreboard freeze is applied (DESIGN.md: freeze views in one module).
 *
 * In the public view of a frozen contest, every submission made at or after the freeze is shown
 * as pending: its verdict, whether it counts as a try, any solve, first-to-solve or award it
 * would earn are all hidden, because everything downstream (team scores, ranking, first to solve,
 * awards) is computed only from the outcomes this function returns. The jury view sees all.
 * A judgement (or rejudge) of a submission made BEFORE the freeze is shown as it is.
 */
export function visibleOutcome(
  outcome: SubmissionOutcome,
  submissionContestTimeMs: number,
  view: ScoreboardView,
  freezeTimeMs: number | null,
): SubmissionOutcome {
  if (view === 'jury' || freezeTimeMs === null) return outcome;
  return submissionContestTimeMs >= freezeTimeMs ? PENDING : outcome;
}

/**
 * Contest time at which the board freezes, from CLICS `duration` and
 * `scoreboard_freeze_duration`; null when there is no freeze (null, zero) or it was thawed.
 */
export function freezeTimeFromDurations(durationMs: number, freezeDurationMs: number | null, thawed: boolean): number | null {
  if (thawed || freezeDurationMs === null || freezeDurationMs <= 0) return null;
  return Math.max(0, durationMs - freezeDurationMs);
}

/** The banner CLICS prescribes for a frozen public board. */
export function freezeBannerText(freezeDurationMs: number): string {
  const minutes = Math.round(freezeDurationMs / 60_000);
  return `The scoreboard was frozen with ${minutes} minutes remaining - submissions in the last ${minutes} minutes of the contest are still shown as pending.`;
}
