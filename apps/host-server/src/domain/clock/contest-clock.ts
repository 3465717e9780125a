import { formatRelTime, formatTime, type ContestState } from '@arena/protocol';
import { z } from 'zod';

const EpochMs = z.number().int();
const NonNegativeMs = z.number().int().nonnegative();

/**
 * The stored contest clock (`contests.clock` JSON). Everything time-related about a contest is
 * derived from it with the functions below and the host's current time; nothing else stores
 * phase. Times are epoch milliseconds from the host clock.
 *
 * - The contest starts at `startedAtMs` (started by hand) or else at `scheduledStartMs`.
 * - It ends at start + `durationMs` (ending early shortens the duration).
 * - The scoreboard freezes at `frozenAtMs` (frozen by hand) or else `freezeDurationMs` before
 *   the end, and stays frozen until `thawedAtMs`.
 * - While the countdown is paused, `scheduledStartMs` is null and `countdownPauseMs` holds the
 *   time that was left.
 */
export const ContestClock = z.object({
  scheduledStartMs: EpochMs.nullable(),
  durationMs: z.number().int().positive(),
  freezeDurationMs: NonNegativeMs.nullable(),
  startedAtMs: EpochMs.nullable().default(null),
  frozenAtMs: EpochMs.nullable().default(null),
  thawedAtMs: EpochMs.nullable().default(null),
  finalizedAtMs: EpochMs.nullable().default(null),
  countdownPauseMs: NonNegativeMs.nullable().default(null),
});
export type ContestClock = z.infer<typeof ContestClock>;

export type ContestPhase = 'not-scheduled' | 'scheduled' | 'running' | 'frozen' | 'ended' | 'finalized';

/** The clock of a freshly imported contest: scheduled (or not), nothing happened yet. */
export function initialClock(input: { scheduledStartMs: number | null; durationMs: number; freezeDurationMs: number | null }): ContestClock {
  return ContestClock.parse({
    scheduledStartMs: input.scheduledStartMs,
    durationMs: input.durationMs,
    freezeDurationMs: input.freezeDurationMs,
  });
}

/** When the contest starts (or started), or null when it is not scheduled. */
export function startMs(clock: ContestClock): number | null {
  return clock.startedAtMs ?? clock.scheduledStartMs;
}

/** When the contest ends (or ended), or null when it has no start. */
export function endMs(clock: ContestClock): number | null {
  const start = startMs(clock);
  return start === null ? null : start + clock.durationMs;
}

/** When the scoreboard freezes (or froze), or null if it never will on the current schedule. */
export function freezeStartMs(clock: ContestClock): number | null {
  if (clock.frozenAtMs !== null) return clock.frozenAtMs;
  const end = endMs(clock);
  if (end === null || clock.freezeDurationMs === null) return null;
  return Math.max(end - clock.freezeDurationMs, startMs(clock) ?? end);
}

export function hasStarted(clock: ContestClock, nowMs: number): boolean {
  const start = startMs(clock);
  return start !== null && nowMs >= start;
}

export function hasEnded(clock: ContestClock, nowMs: number): boolean {
  const end = endMs(clock);
  return end !== null && nowMs >= end;
}

/** True while the public scoreboard is frozen (from the freeze until the thaw). */
export function isScoreboardFrozen(clock: ContestClock, nowMs: number): boolean {
  const freeze = freezeStartMs(clock);
  if (freeze === null || nowMs < freeze) return false;
  return clock.thawedAtMs === null || nowMs < clock.thawedAtMs;
}

/** The phase at `nowMs`. `frozen` is only used while the contest runs; after the end it is `ended`. */
export function phase(clock: ContestClock, nowMs: number): ContestPhase {
  if (clock.finalizedAtMs !== null) return 'finalized';
  const start = startMs(clock);
  if (start === null) return 'not-scheduled';
  if (nowMs < start) return 'scheduled';
  if (hasEnded(clock, nowMs)) return 'ended';
  return isScoreboardFrozen(clock, nowMs) ? 'frozen' : 'running';
}

/** Milliseconds since the start (negative before it), or null when not scheduled. */
export function contestTimeMs(clock: ContestClock, nowMs: number): number | null {
  const start = startMs(clock);
  return start === null ? null : nowMs - start;
}

/** The CLICS `state` object at `nowMs`: each field is when that happened, null until it has. */
export function clicsState(clock: ContestClock, nowMs: number): ContestState {
  const at = (ms: number | null): string | null => (ms !== null && nowMs >= ms ? formatTime(ms) : null);
  const freeze = freezeStartMs(clock);
  const thawed = at(clock.thawedAtMs);
  const finalized = at(clock.finalizedAtMs);
  const frozen = at(freeze);
  // No more updates once finalized and, if the board was frozen, thawed too.
  const endOfUpdates = finalized !== null && (frozen === null || thawed !== null)
    ? formatTime(Math.max(clock.finalizedAtMs ?? 0, clock.thawedAtMs ?? 0))
    : null;
  return { started: at(startMs(clock)), frozen, ended: at(endMs(clock)), thawed, finalized, end_of_updates: endOfUpdates };
}

/** The clock-derived fields of the CLICS `contest` object. */
export function clicsContestTimes(clock: ContestClock): {
  start_time: string | null; duration: string; scoreboard_freeze_duration: string | null;
  countdown_pause_time: string | null; scoreboard_thaw_time: string | null;
} {
  const start = clock.countdownPauseMs !== null ? null : startMs(clock);
  return {
    start_time: start === null ? null : formatTime(start),
    duration: formatRelTime(clock.durationMs),
    scoreboard_freeze_duration: clock.freezeDurationMs === null ? null : formatRelTime(clock.freezeDurationMs),
    countdown_pause_time: clock.countdownPauseMs === null ? null : formatRelTime(clock.countdownPauseMs),
    scoreboard_thaw_time: clock.thawedAtMs === null ? null : formatTime(clock.thawedAtMs),
  };
}

/** What must be settled before results can be finalized (contest-rules: Finalize). */
export interface FinalizeBlockers {
  pendingSubmissions: number;
  judgingErrors: number;
  unansweredClarifications: number;
}

export type ClockAction =
  | { action: 'schedule'; startMs: number | null }
  | { action: 'start' }
  | { action: 'pause-countdown' }
  | { action: 'resume-countdown' }
  | { action: 'freeze' }
  | { action: 'extend'; byMs: number }
  | { action: 'end' }
  | { action: 'thaw' }
  | { action: 'finalize'; blockers: FinalizeBlockers };

export type TransitionResult =
  | { ok: true; clock: ContestClock; contestChanged: boolean }
  | { ok: false; reason: 'invalid' | 'conflict'; message: string };

function refuse(message: string, reason: 'invalid' | 'conflict' = 'conflict'): TransitionResult {
  return { ok: false, reason, message };
}

function done(clock: ContestClock, contestChanged: boolean): TransitionResult {
  return { ok: true, clock, contestChanged };
}

/**
 * Applies one clock action at `nowMs`. Pure: returns the new clock and whether the CLICS
 * `contest` object changed (start time, duration, ...), or a refusal with a message meant for
 * the jury ('invalid' = the request itself is wrong, 'conflict' = not possible in this phase).
 * A refusal changes nothing.
 */
export function applyClockAction(clock: ContestClock, nowMs: number, action: ClockAction): TransitionResult {
  const current = phase(clock, nowMs);
  switch (action.action) {
    case 'schedule': {
      if (hasStarted(clock, nowMs)) return refuse('the contest has already started; its start time can no longer change');
      if (action.startMs !== null && action.startMs <= nowMs) return refuse('the start time must be in the future; use "start" to start now', 'invalid');
      return done({ ...clock, scheduledStartMs: action.startMs, countdownPauseMs: null }, true);
    }
    case 'start': {
      if (hasStarted(clock, nowMs)) return refuse('the contest has already started');
      return done({ ...clock, startedAtMs: nowMs, countdownPauseMs: null }, true);
    }
    case 'pause-countdown': {
      if (current !== 'scheduled') return refuse('the countdown can only be paused while the contest is scheduled and not started');
      return done({ ...clock, scheduledStartMs: null, countdownPauseMs: (clock.scheduledStartMs ?? nowMs) - nowMs }, true);
    }
    case 'resume-countdown': {
      if (clock.countdownPauseMs === null) return refuse('the countdown is not paused');
      return done({ ...clock, scheduledStartMs: nowMs + clock.countdownPauseMs, countdownPauseMs: null }, true);
    }
    case 'freeze': {
      if (current === 'frozen') return refuse('the scoreboard is already frozen');
      if (current !== 'running') return refuse('the scoreboard can only be frozen while the contest is running');
      if (clock.thawedAtMs !== null) return refuse('the scoreboard was already thawed; it cannot be frozen again');
      return done({ ...clock, frozenAtMs: nowMs }, false);
    }
    case 'extend': {
      if (!Number.isInteger(action.byMs) || action.byMs === 0) return refuse('give a whole, non-zero number of milliseconds to extend by (negative shortens)', 'invalid');
      if (hasEnded(clock, nowMs) || current === 'finalized') return refuse('the contest has ended; its duration can no longer change');
      const durationMs = clock.durationMs + action.byMs;
      if (durationMs <= 0) return refuse('the duration must stay positive', 'invalid');
      const start = startMs(clock);
      if (start !== null && start + durationMs <= nowMs) return refuse('that would put the end in the past; use "end" to end the contest now', 'invalid');
      // A freeze that has begun stays where it is; one still to come must not land in the past.
      const pinned = pinStartedFreeze(clock, nowMs);
      const next = { ...pinned, durationMs };
      const nextFreeze = freezeStartMs(next);
      if (pinned.frozenAtMs !== null && start !== null && start + durationMs <= pinned.frozenAtMs) return refuse('that would put the end before the freeze', 'invalid');
      if (pinned.frozenAtMs === null && nextFreeze !== null && nextFreeze < nowMs) return refuse('that would start the scoreboard freeze in the past; freeze first, or shorten less', 'invalid');
      return done(next, true);
    }
    case 'end': {
      if (current !== 'running' && current !== 'frozen') return refuse('the contest can only be ended while it is running');
      const start = startMs(clock) as number;
      // Ending early keeps a freeze that has begun; one that had not begun never happens.
      const freeze = freezeStartMs(clock);
      const pinned = freeze !== null && freeze <= nowMs ? pinStartedFreeze(clock, nowMs) : { ...clock, freezeDurationMs: null };
      return done({ ...pinned, durationMs: Math.max(1, nowMs - start) }, true);
    }
    case 'thaw': {
      const freeze = freezeStartMs(clock);
      if (freeze === null || nowMs < freeze) return refuse('the scoreboard is not frozen');
      if (clock.thawedAtMs !== null) return refuse('the scoreboard is already thawed');
      return done({ ...clock, thawedAtMs: nowMs }, true);
    }
    case 'finalize': {
      if (current === 'finalized') return refuse('the results are already finalized');
      if (current !== 'ended') return refuse('results can only be finalized after the contest has ended');
      const { pendingSubmissions, judgingErrors, unansweredClarifications } = action.blockers;
      const open = [
        pendingSubmissions > 0 ? `${pendingSubmissions} submission(s) still pending` : null,
        judgingErrors > 0 ? `${judgingErrors} submission(s) with a judging error` : null,
        unansweredClarifications > 0 ? `${unansweredClarifications} unanswered clarification(s)` : null,
      ].filter((s): s is string => s !== null);
      if (open.length > 0) return refuse(`cannot finalize: ${open.join(', ')}`);
      return done({ ...clock, finalizedAtMs: nowMs }, false);
    }
  }
}

/** Records a freeze that is in effect at `nowMs` as a fixed time, so moving the end cannot move it. */
function pinStartedFreeze(clock: ContestClock, nowMs: number): ContestClock {
  const freeze = freezeStartMs(clock);
  if (clock.frozenAtMs !== null || freeze === null || freeze > nowMs) return clock;
  return { ...clock, frozenAtMs: freeze };
}
