import { describe, expect, it } from 'vitest';
import {
  applyClockAction, clicsContestTimes, clicsState, ContestClock, contestTimeMs, freezeStartMs, initialClock,
  isScoreboardFrozen, phase, type ClockAction, type ContestPhase,
} from './contest-clock';

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const base = initialClock({ scheduledStartMs: T0, durationMs: 5 * HOUR, freezeDurationMs: HOUR });
const unscheduled = initialClock({ scheduledStartMs: null, durationMs: 5 * HOUR, freezeDurationMs: HOUR });
const noBlockers = { pendingSubmissions: 0, judgingErrors: 0, unansweredClarifications: 0 };

function must(clock: ContestClock, nowMs: number, action: ClockAction): ContestClock {
  const result = applyClockAction(clock, nowMs, action);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.clock;
}

describe('phase', () => {
  it.each<[string, ContestClock, number, ContestPhase]>([
    ['no start time', unscheduled, T0, 'not-scheduled'],
    ['before the scheduled start', base, T0 - 1, 'scheduled'],
    ['at the scheduled start', base, T0, 'running'],
    ['just before the freeze', base, T0 + 4 * HOUR - 1, 'running'],
    ['at the freeze', base, T0 + 4 * HOUR, 'frozen'],
    ['just before the end', base, T0 + 5 * HOUR - 1, 'frozen'],
    ['at the end', base, T0 + 5 * HOUR, 'ended'],
    ['started by hand before the schedule', { ...base, startedAtMs: T0 - HOUR }, T0 - 30 * MIN, 'running'],
    ['frozen by hand', { ...base, frozenAtMs: T0 + HOUR }, T0 + HOUR, 'frozen'],
    ['thawed while running', { ...base, thawedAtMs: T0 + 4.5 * HOUR }, T0 + 4.6 * HOUR, 'running'],
    ['no freeze configured', { ...base, freezeDurationMs: null }, T0 + 4.9 * HOUR, 'running'],
    ['finalized', { ...base, finalizedAtMs: T0 + 6 * HOUR }, T0 + 7 * HOUR, 'finalized'],
  ])('%s', (_name, clock, nowMs, expected) => {
    expect(phase(clock, nowMs)).toBe(expected);
  });
});

describe('derived times', () => {
  it('contest time is ms since the effective start, null when unscheduled', () => {
    expect(contestTimeMs(base, T0 + 59_999)).toBe(59_999);
    expect(contestTimeMs(base, T0 - 5)).toBe(-5);
    expect(contestTimeMs({ ...base, startedAtMs: T0 + 10 }, T0 + 20)).toBe(10);
    expect(contestTimeMs(unscheduled, T0)).toBeNull();
  });

  it('the freeze never starts before the start', () => {
    expect(freezeStartMs({ ...base, freezeDurationMs: 10 * HOUR })).toBe(T0);
    expect(freezeStartMs(unscheduled)).toBeNull();
  });

  it('serves the CLICS state with each time once it has happened', () => {
    expect(clicsState(base, T0 - 1)).toEqual({ started: null, frozen: null, ended: null, thawed: null, finalized: null, end_of_updates: null });
    expect(clicsState(base, T0 + 4 * HOUR)).toEqual({
      started: '2026-11-26T10:00:00.000+00:00', frozen: '2026-11-26T14:00:00.000+00:00',
      ended: null, thawed: null, finalized: null, end_of_updates: null,
    });
    const finalizedFrozen = { ...base, finalizedAtMs: T0 + 6 * HOUR };
    expect(clicsState(finalizedFrozen, T0 + 7 * HOUR).end_of_updates).toBeNull();
    const thawedToo = { ...finalizedFrozen, thawedAtMs: T0 + 6.5 * HOUR };
    expect(clicsState(thawedToo, T0 + 7 * HOUR)).toMatchObject({
      ended: '2026-11-26T15:00:00.000+00:00', thawed: '2026-11-26T16:30:00.000+00:00',
      finalized: '2026-11-26T16:00:00.000+00:00', end_of_updates: '2026-11-26T16:30:00.000+00:00',
    });
    const neverFrozen = { ...base, freezeDurationMs: null, finalizedAtMs: T0 + 6 * HOUR };
    expect(clicsState(neverFrozen, T0 + 6 * HOUR).end_of_updates).toBe('2026-11-26T16:00:00.000+00:00');
  });

  it('serves the contest times, hiding the start while the countdown is paused', () => {
    expect(clicsContestTimes(base)).toEqual({
      start_time: '2026-11-26T10:00:00.000+00:00', duration: '5:00:00.000', scoreboard_freeze_duration: '1:00:00.000',
      countdown_pause_time: null, scoreboard_thaw_time: null,
    });
    const paused = must(base, T0 - 90_000, { action: 'pause-countdown' });
    expect(clicsContestTimes(paused)).toMatchObject({ start_time: null, countdown_pause_time: '0:01:30.000' });
  });

  it('rejects a stored clock that is not one', () => {
    expect(ContestClock.safeParse({ scheduledStartMs: T0, durationMs: 0, freezeDurationMs: null }).success).toBe(false);
    expect(ContestClock.safeParse({ scheduledStartMs: 'soon', durationMs: 1, freezeDurationMs: null }).success).toBe(false);
  });
});

describe('transitions', () => {
  it.each<[string, ContestClock, number, ClockAction, RegExp]>([
    ['schedule after the start', base, T0 + 1, { action: 'schedule', startMs: T0 + HOUR }, /already started/],
    ['schedule in the past', base, T0 - HOUR, { action: 'schedule', startMs: T0 - 2 * HOUR }, /future/],
    ['start twice', base, T0 + 1, { action: 'start' }, /already started/],
    ['pause an unscheduled countdown', unscheduled, T0, { action: 'pause-countdown' }, /paused while/],
    ['resume a running countdown', base, T0 - 1, { action: 'resume-countdown' }, /not paused/],
    ['freeze before the start', base, T0 - 1, { action: 'freeze' }, /while the contest is running/],
    ['freeze twice', base, T0 + 4 * HOUR, { action: 'freeze' }, /already frozen/],
    ['freeze after the end', base, T0 + 5 * HOUR, { action: 'freeze' }, /while the contest is running/],
    ['extend by zero', base, T0, { action: 'extend', byMs: 0 }, /non-zero/],
    ['extend after the end', base, T0 + 5 * HOUR, { action: 'extend', byMs: HOUR }, /has ended/],
    ['shorten into the past', base, T0 + 2 * HOUR, { action: 'extend', byMs: -3 * HOUR }, /end in the past/],
    ['shorten so the freeze lands in the past', base, T0 + 3.5 * HOUR, { action: 'extend', byMs: -HOUR }, /freeze in the past/],
    ['shorten to nothing', unscheduled, T0, { action: 'extend', byMs: -5 * HOUR }, /positive/],
    ['end before the start', base, T0 - 1, { action: 'end' }, /while it is running/],
    ['end twice', base, T0 + 5 * HOUR, { action: 'end' }, /while it is running/],
    ['thaw an unfrozen board', base, T0 + HOUR, { action: 'thaw' }, /not frozen/],
    ['thaw twice', { ...base, thawedAtMs: T0 + 6 * HOUR }, T0 + 7 * HOUR, { action: 'thaw' }, /already thawed/],
    ['finalize while running', base, T0 + HOUR, { action: 'finalize', blockers: noBlockers }, /after the contest has ended/],
    ['finalize with pending work', base, T0 + 6 * HOUR, { action: 'finalize', blockers: { pendingSubmissions: 2, judgingErrors: 1, unansweredClarifications: 3 } },
      /2 submission\(s\) still pending, 1 submission\(s\) with a judging error, 3 unanswered clarification/],
    ['finalize twice', { ...base, finalizedAtMs: T0 + 6 * HOUR }, T0 + 7 * HOUR, { action: 'finalize', blockers: noBlockers }, /already finalized/],
  ])('refuses: %s', (_name, clock, nowMs, action, message) => {
    const result = applyClockAction(clock, nowMs, action);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('schedules, pauses and resumes the countdown', () => {
    let clock = must(unscheduled, T0 - HOUR, { action: 'schedule', startMs: T0 });
    expect(phase(clock, T0 - 1)).toBe('scheduled');
    clock = must(clock, T0 - 10 * MIN, { action: 'pause-countdown' });
    expect(phase(clock, T0 + HOUR)).toBe('not-scheduled');
    clock = must(clock, T0 + HOUR, { action: 'resume-countdown' });
    expect(clock.scheduledStartMs).toBe(T0 + 70 * MIN);
    expect(must(clock, T0, { action: 'schedule', startMs: null }).scheduledStartMs).toBeNull();
  });

  it('starts now, and the submission clock counts from then', () => {
    const result = applyClockAction(unscheduled, T0 + 123, { action: 'start' });
    expect(result).toMatchObject({ ok: true, contestChanged: true });
    if (!result.ok) return;
    expect(phase(result.clock, T0 + 123)).toBe('running');
    expect(contestTimeMs(result.clock, T0 + 60_123)).toBe(60_000);
  });

  it('freezes by hand and keeps the freeze when extended', () => {
    let clock = must(base, T0 + 2 * HOUR, { action: 'freeze' });
    expect(isScoreboardFrozen(clock, T0 + 2 * HOUR)).toBe(true);
    clock = must(clock, T0 + 3 * HOUR, { action: 'extend', byMs: 30 * MIN });
    expect(phase(clock, T0 + 5.4 * HOUR)).toBe('frozen');
    expect(phase(clock, T0 + 5.5 * HOUR)).toBe('ended');
    expect(freezeStartMs(clock)).toBe(T0 + 2 * HOUR);
  });

  it('extending during the automatic freeze does not unfreeze the board', () => {
    const clock = must(base, T0 + 4.5 * HOUR, { action: 'extend', byMs: HOUR });
    expect(isScoreboardFrozen(clock, T0 + 4.5 * HOUR)).toBe(true);
    expect(freezeStartMs(clock)).toBe(T0 + 4 * HOUR);
  });

  it('extending before the freeze moves the freeze with the end', () => {
    const clock = must(base, T0 + HOUR, { action: 'extend', byMs: 30 * MIN });
    expect(freezeStartMs(clock)).toBe(T0 + 4.5 * HOUR);
    expect(phase(clock, T0 + 4.4 * HOUR)).toBe('running');
  });

  it('ending early while frozen keeps the freeze; before the freeze there is none', () => {
    const frozenEnd = must(base, T0 + 4.5 * HOUR, { action: 'end' });
    expect(phase(frozenEnd, T0 + 4.5 * HOUR)).toBe('ended');
    expect(clicsState(frozenEnd, T0 + 4.5 * HOUR)).toMatchObject({ frozen: '2026-11-26T14:00:00.000+00:00', ended: '2026-11-26T14:30:00.000+00:00' });
    const earlyEnd = must(base, T0 + HOUR, { action: 'end' });
    expect(clicsState(earlyEnd, T0 + HOUR)).toMatchObject({ frozen: null, ended: '2026-11-26T11:00:00.000+00:00' });
    expect(applyClockAction(earlyEnd, T0 + 2 * HOUR, { action: 'thaw' }).ok).toBe(false);
  });

  it('thaws and finalizes after the end', () => {
    let clock = must(base, T0 + 5.5 * HOUR, { action: 'thaw' });
    expect(isScoreboardFrozen(clock, T0 + 5.5 * HOUR)).toBe(false);
    clock = must(clock, T0 + 6 * HOUR, { action: 'finalize', blockers: noBlockers });
    expect(phase(clock, T0 + 6 * HOUR)).toBe('finalized');
    expect(clicsState(clock, T0 + 6 * HOUR).end_of_updates).toBe('2026-11-26T16:00:00.000+00:00');
  });
});
