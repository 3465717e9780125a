import { parseRelTime, type Contest, type ContestState } from '@arena/protocol';

/** What the projector says about the contest right now. */
export type ContestPhase = 'not-scheduled' | 'paused' | 'countdown' | 'running' | 'frozen' | 'ended' | 'final';

export interface PhaseInfo {
  phase: ContestPhase;
  /** Human label of the phase ("Contest running", "Starts in"). */
  label: string;
  /** The big clock: time to start, time remaining, or 0:00:00 after the end; '' when unknown. */
  clockText: string;
  /**
   * Minutes of the scoreboard freeze: from the actual freeze time when the host froze the board
   * (a "freeze now" may come earlier or later than planned), else `scoreboard_freeze_duration`;
   * null without either.
   */
  freezeMinutes: number | null;
  /** True while the public board is frozen (frozen and not yet thawed or finalized). */
  frozen: boolean;
}

/** The contest fields the clock needs (a CLICS `contest` object has them all). */
export type ClockContest = Pick<Contest, 'start_time' | 'duration'> & Partial<Pick<Contest, 'scoreboard_freeze_duration' | 'countdown_pause_time'>>;

/** Formats a non-negative duration as `h:mm:ss` (seconds rounded down). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** The exact CLICS freeze banner text for a freeze of `minutes` minutes. */
export function freezeBannerText(minutes: number): string {
  return `The scoreboard was frozen with ${minutes} minutes remaining - submissions in the last ${minutes} minutes of the contest are still shown as pending.`;
}

/**
 * The contest phase at `nowMs` (host time: the caller corrects its own clock skew). The host's
 * `state` wins where it says something (finalized, ended, frozen, thawed); between state pushes
 * the schedule decides, so the clock flips to "frozen" and "ended" on time. Pure.
 */
export function contestPhase(contest: ClockContest, state: ContestState | null, nowMs: number): PhaseInfo {
  const durationMs = parseRelTime(contest.duration);
  const freezeMs = contest.scoreboard_freeze_duration ? parseRelTime(contest.scoreboard_freeze_duration) : 0;
  const startMs = contest.start_time === null ? null : Date.parse(contest.start_time);
  const endMs = startMs === null ? null : startMs + durationMs;
  const frozenAtMs = state?.frozen != null ? Date.parse(state.frozen) : Number.NaN;
  const actualFreezeMs = endMs !== null && Number.isFinite(frozenAtMs) ? endMs - frozenAtMs : null;
  const freezeMinutes = actualFreezeMs !== null && actualFreezeMs > 0 ? Math.round(actualFreezeMs / 60_000)
    : freezeMs > 0 ? Math.floor(freezeMs / 60_000) : null;
  const thawed = state?.thawed != null || state?.finalized != null;
  const frozenByState = state?.frozen != null && !thawed;
  const frozenBySchedule = !thawed && freezeMs > 0 && endMs !== null && nowMs >= endMs - freezeMs;
  const frozen = frozenByState || frozenBySchedule;
  const base = { freezeMinutes, frozen };

  if (state?.finalized != null) return { ...base, phase: 'final', label: 'Final standings', clockText: formatClock(0) };
  if (state?.ended != null || (endMs !== null && nowMs >= endMs)) return { ...base, phase: 'ended', label: 'Contest over', clockText: formatClock(0) };
  if (state?.started != null || (startMs !== null && nowMs >= startMs)) {
    const remainingMs = endMs === null ? 0 : endMs - nowMs;
    return { ...base, phase: frozen ? 'frozen' : 'running', label: frozen ? 'Scoreboard frozen' : 'Time remaining', clockText: formatClock(remainingMs) };
  }
  if (startMs !== null) return { ...base, phase: 'countdown', label: 'Starts in', clockText: formatClock(startMs - nowMs + 999) };
  if (contest.countdown_pause_time) {
    return { ...base, phase: 'paused', label: 'Countdown paused', clockText: formatClock(parseRelTime(contest.countdown_pause_time)) };
  }
  return { ...base, phase: 'not-scheduled', label: 'Not started', clockText: '' };
}
