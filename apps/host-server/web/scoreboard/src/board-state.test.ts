import type { ScoreboardDelta, ScoreboardRow, ScoreboardSnapshot } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { applyDelta, boardFromSnapshot, type LiveBoard } from './board-state';

const state = { started: '2030-01-01T10:00:00.000+00:00', frozen: null, ended: null, thawed: null, finalized: null, end_of_updates: null };
const row = (team: string, rank: number, solved = 0): ScoreboardRow => ({ rank, team_id: team, score: { num_solved: solved, total_time: 0 }, problems: [] });
const names: Record<string, string> = { t1: 'Zulu', t2: 'Alpha', t3: 'Mike' };
const name = (id: string) => names[id] ?? id;
const snapshot: ScoreboardSnapshot = {
  contestId: 'c', view: 'public', seq: 4, serverTimeMs: 0,
  scoreboard: { time: '2030-01-01T10:00:00.000+00:00', contest_time: '0:00:00.000', state, rows: [row('t1', 1), row('t2', 1), row('t3', 1)] },
};
const delta = (seq: number, rows: ScoreboardRow[], extra: Partial<ScoreboardDelta> = {}): ScoreboardDelta => ({ contestId: 'c', view: 'public', seq, serverTimeMs: 0, rows, ...extra });
const applied = (outcome: ReturnType<typeof applyDelta>): LiveBoard => {
  if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`);
  return outcome.board;
};

describe('live board', () => {
  it('orders a snapshot by rank, ties by team name', () => {
    expect(boardFromSnapshot(snapshot, name).rows.map((r) => r.team_id)).toEqual(['t2', 't3', 't1']);
  });

  it('applies the next delta: changed rows move, others keep their place', () => {
    const board = boardFromSnapshot(snapshot, name);
    const next = applied(applyDelta(board, delta(5, [row('t1', 1, 1), row('t2', 2), row('t3', 2)]), name));
    expect(next.seq).toBe(5);
    expect(next.rows.map((r) => [r.team_id, r.rank])).toEqual([['t1', 1], ['t2', 2], ['t3', 2]]);
    expect(board.rows.map((r) => r.team_id)).toEqual(['t2', 't3', 't1']);
  });

  it('applies rank-only changes sent as ranks', () => {
    const board = boardFromSnapshot(snapshot, name);
    const next = applied(applyDelta(board, delta(5, [row('t3', 1, 1)], { ranks: { t1: 2, t2: 2 } }), name));
    expect(next.rows.map((r) => [r.team_id, r.rank])).toEqual([['t3', 1], ['t2', 2], ['t1', 2]]);
    expect(next.rows.find((r) => r.team_id === 't2')!.score).toEqual(board.rows.find((r) => r.team_id === 't2')!.score);
  });

  it('removes teams and takes a new state', () => {
    const board = boardFromSnapshot(snapshot, name);
    const frozen = { ...state, frozen: '2030-01-01T14:00:00.000+00:00' };
    const next = applied(applyDelta(board, delta(5, [], { removed: ['t3'], state: frozen }), name));
    expect(next.rows.map((r) => r.team_id)).toEqual(['t2', 't1']);
    expect(next.state).toEqual(frozen);
  });

  it.each([
    ['a repeated delta', 4, 'stale'],
    ['an old delta', 2, 'stale'],
    ['a gap', 6, 'gap'],
  ] as const)('%s is %s', (_name, seq, kind) => {
    expect(applyDelta(boardFromSnapshot(snapshot, name), delta(seq, [row('t1', 1, 3)]), name).kind).toBe(kind);
  });

  it('ignores deltas of another contest', () => {
    expect(applyDelta(boardFromSnapshot(snapshot, name), { ...delta(5, []), contestId: 'other' }, name).kind).toBe('stale');
  });
});
