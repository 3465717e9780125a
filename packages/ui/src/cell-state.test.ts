import type { ScoreboardProblemCell } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { cellDescription, cellKind, cellText } from './cell-state';

const cell = (over: Partial<ScoreboardProblemCell>): ScoreboardProblemCell => ({ problem_id: 'A', num_judged: 0, num_pending: 0, solved: false, ...over });

describe('scoreboard cells', () => {
  it.each([
    ['untried', cell({}), 'untried', '', 'not tried'],
    ['first to solve', cell({ num_judged: 3, solved: true, time: 127, first_to_solve: true }), 'first', '3 / 127', 'solved first, 3 tries, minute 127'],
    ['solved', cell({ num_judged: 1, solved: true, time: 5 }), 'solved', '1 / 5', 'solved, 1 try, minute 5'],
    ['pending only', cell({ num_pending: 2 }), 'pending', '2?', '2 pending, 0 judged'],
    ['pending after rejections', cell({ num_judged: 2, num_pending: 1 }), 'pending', '2 + 1?', '1 pending, 2 judged'],
    ['failed', cell({ num_judged: 4 }), 'failed', '4', 'not solved, 4 tries'],
  ] as const)('%s', (_name, c, kind, text, words) => {
    expect(cellKind(c)).toBe(kind);
    expect(cellText(c)).toBe(text);
    expect(cellDescription(c)).toBe(words);
  });

  it('a missing cell is untried', () => {
    expect(cellKind(undefined)).toBe('untried');
    expect(cellText(undefined)).toBe('');
  });
});
