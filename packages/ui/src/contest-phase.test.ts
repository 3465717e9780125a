import type { ContestState } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { contestPhase, formatClock, freezeBannerText, type ClockContest } from './contest-phase';

const START = Date.UTC(2030, 0, 1, 10, 0, 0);
const MIN = 60_000;
const contest: ClockContest = { start_time: '2030-01-01T10:00:00.000+00:00', duration: '5:00:00.000', scoreboard_freeze_duration: '1:00:00.000' };
const noState: ContestState = { started: null, frozen: null, ended: null, thawed: null, finalized: null, end_of_updates: null };
const at = (iso: string | null) => iso;

describe('contestPhase', () => {
  it.each([
    ['an hour before', START - 60 * MIN, noState, 'countdown', '1:00:00', false],
    ['half a second before', START - 500, noState, 'countdown', '0:00:01', false],
    ['at the start', START, noState, 'running', '5:00:00', false],
    ['started by state', START + 10 * MIN, { ...noState, started: at('x') }, 'running', '4:50:00', false],
    ['at the freeze by schedule', START + 240 * MIN, noState, 'frozen', '1:00:00', true],
    ['frozen by hand before the schedule', START + 100 * MIN, { ...noState, started: 'x', frozen: 'x' }, 'frozen', '3:20:00', true],
    ['after the end, still frozen', START + 301 * MIN, noState, 'ended', '0:00:00', true],
    ['ended and thawed', START + 301 * MIN, { ...noState, started: 'x', frozen: 'x', ended: 'x', thawed: 'x' }, 'ended', '0:00:00', false],
    ['finalized', START + 400 * MIN, { ...noState, started: 'x', frozen: 'x', ended: 'x', finalized: 'x' }, 'final', '0:00:00', false],
  ] as const)('%s', (_name, nowMs, state, phase, clockText, frozen) => {
    const info = contestPhase(contest, state as ContestState, nowMs);
    expect(info.phase).toBe(phase);
    expect(info.clockText).toBe(clockText);
    expect(info.frozen).toBe(frozen);
    expect(info.freezeMinutes).toBe(60);
  });

  it('a freeze by hand reports the minutes actually left when the board froze, not the planned freeze', () => {
    const frozenAt = new Date(START + 100 * MIN).toISOString();
    const info = contestPhase(contest, { ...noState, started: 'x', frozen: frozenAt }, START + 120 * MIN);
    expect(info).toMatchObject({ phase: 'frozen', frozen: true, freezeMinutes: 200 });
  });

  it('not scheduled and paused countdowns', () => {
    expect(contestPhase({ ...contest, start_time: null }, noState, START).phase).toBe('not-scheduled');
    const paused = contestPhase({ ...contest, start_time: null, countdown_pause_time: '0:05:00' }, noState, START);
    expect(paused).toMatchObject({ phase: 'paused', clockText: '0:05:00' });
  });

  it('no freeze duration means never frozen by schedule', () => {
    const info = contestPhase({ ...contest, scoreboard_freeze_duration: null }, noState, START + 299 * MIN);
    expect(info).toMatchObject({ phase: 'running', frozen: false, freezeMinutes: null });
  });

  it('formats clocks and the banner', () => {
    expect(formatClock(3_723_999)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00:00');
    expect(freezeBannerText(60)).toBe('The scoreboard was frozen with 60 minutes remaining - submissions in the last 60 minutes of the contest are still shown as pending.');
  });
});
