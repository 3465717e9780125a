import type { ScoreboardRow } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { diffRows, indexRows } from './row-diff';

const row = (teamId: string, rank: number, solved = 0, pending = 0): ScoreboardRow => ({
  rank, team_id: teamId, score: { num_solved: solved, total_time: solved * 20 },
  problems: [{ problem_id: 'a', num_judged: solved, num_pending: pending, solved: solved > 0, first_to_solve: false }],
});

describe('diffRows', () => {
  it.each([
    { name: 'nothing changed', previous: [row('t1', 1), row('t2', 1)], next: [row('t1', 1), row('t2', 1)], changed: [], reranked: {}, removed: [] },
    { name: 'a pending count', previous: [row('t1', 1)], next: [row('t1', 1, 0, 1)], changed: ['t1'], reranked: {}, removed: [] },
    { name: 'a solve moves ranks', previous: [row('t1', 1), row('t2', 1), row('t3', 1)], next: [row('t2', 1, 1), row('t1', 2), row('t3', 2)],
      changed: ['t2'], reranked: { t1: 2, t3: 2 }, removed: [] },
    { name: 'a team left', previous: [row('t1', 1), row('t2', 1)], next: [row('t1', 1)], changed: [], reranked: {}, removed: ['t2'] },
    { name: 'a team joined', previous: [row('t1', 1)], next: [row('t1', 1), row('t3', 1)], changed: ['t3'], reranked: {}, removed: [] },
  ])('$name', ({ previous, next, changed, reranked, removed }) => {
    const diff = diffRows(indexRows(previous), next);
    expect(diff.changed.map((r) => r.team_id)).toEqual(changed);
    expect(diff.reranked).toEqual(reranked);
    expect(diff.removed).toEqual(removed);
    expect(diff.index).toEqual(indexRows(next));
  });
});
