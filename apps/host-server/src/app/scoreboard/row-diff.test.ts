import type { ScoreboardRow } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { diffRows, indexRows } from './row-diff';

const row = (teamId: string, rank: number, solved = 0, pending = 0): ScoreboardRow => ({
  rank, team_id: teamId, score: { num_solved: solved, total_time: solved * 20 },
  problems: [{ problem_id: 'a', num_judged: solved, num_pending: pending, solved: solved > 0, first_to_solve: false }],
});

describe('diffRows', () => {
  it.each([
    { name: 'nothing changed', previous: [row('t1', 1), row('t2', 1)], next: [row('t1', 1), row('t2', 1)], changed: [], removed: [] },
    { name: 'a pending count', previous: [row('t1', 1)], next: [row('t1', 1, 0, 1)], changed: ['t1'], removed: [] },
    { name: 'a solve moves ranks', previous: [row('t1', 1), row('t2', 1)], next: [row('t2', 1, 1), row('t1', 2)], changed: ['t2', 't1'], removed: [] },
    { name: 'a team left', previous: [row('t1', 1), row('t2', 1)], next: [row('t1', 1)], changed: [], removed: ['t2'] },
    { name: 'a team joined', previous: [row('t1', 1)], next: [row('t1', 1), row('t3', 1)], changed: ['t3'], removed: [] },
  ])('$name', ({ previous, next, changed, removed }) => {
    const diff = diffRows(indexRows(previous), next);
    expect(diff.changed.map((r) => r.team_id)).toEqual(changed);
    expect(diff.removed).toEqual(removed);
    expect(diff.index).toEqual(indexRows(next));
  });
});
