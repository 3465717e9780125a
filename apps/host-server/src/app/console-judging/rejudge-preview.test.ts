import { describe, expect, it } from 'vitest';
import type { ScoringInput } from '../../domain/scoring/scoring-input';
import { scoreboardChanges } from './rejudge-preview';

const MIN = 60_000;

function contest(judgements: ScoringInput['judgements']): ScoringInput {
  return {
    rules: { scoreboardType: 'pass-fail', penaltyMinutes: 20, contestDurationMs: 300 * MIN, freezeTimeMs: 240 * MIN },
    problems: [{ id: 'a', label: 'A', ordinal: 0 }, { id: 'b', label: 'B', ordinal: 1 }],
    teams: [{ id: 't1', name: 'One', groupIds: [] }, { id: 't2', name: 'Two', groupIds: [] }, { id: 't3', name: 'Three', groupIds: [] }],
    judgementTypes: [
      { id: 'AC', penalty: false, solved: true }, { id: 'WA', penalty: true, solved: false }, { id: 'CE', penalty: false, solved: false },
    ],
    submissions: [
      { id: 's1', teamId: 't1', problemId: 'a', contestTimeMs: 10 * MIN },
      { id: 's2', teamId: 't1', problemId: 'a', contestTimeMs: 30 * MIN },
      { id: 's3', teamId: 't2', problemId: 'a', contestTimeMs: 20 * MIN },
      // After the freeze: the jury board (what the preview uses) still counts it.
      { id: 's4', teamId: 't3', problemId: 'b', contestTimeMs: 250 * MIN },
    ],
    judgements,
  };
}

const judged = (submissionId: string, judgementTypeId: string) => ({ submissionId, judgementTypeId, valid: true });

describe('rejudging scoreboard preview', () => {
  const input = contest([judged('s1', 'WA'), judged('s2', 'AC'), judged('s3', 'AC'), judged('s4', 'WA')]);

  it('is empty when nothing is rejudged yet or nothing would change', () => {
    expect(scoreboardChanges(input, new Map())).toEqual([]);
    expect(scoreboardChanges(input, new Map([['s1', 'WA'], ['s4', 'CE']]))).toEqual([]);
  });

  it('lists the teams whose rank, solved count or penalty change (jury view, freeze ignored)', () => {
    // t1: s1 WA→AC solves at minute 10 with no penalty (was 30 + 20); t3 solves B at 250.
    expect(scoreboardChanges(input, new Map([['s1', 'AC'], ['s4', 'AC']]))).toEqual([
      { teamId: 't1', teamName: 'One', oldRank: 2, newRank: 1, oldSolved: 1, newSolved: 1, oldPenalty: 50, newPenalty: 10 },
      { teamId: 't2', teamName: 'Two', oldRank: 1, newRank: 2, oldSolved: 1, newSolved: 1, oldPenalty: 20, newPenalty: 20 },
      { teamId: 't3', teamName: 'Three', oldRank: 3, newRank: 3, oldSolved: 0, newSolved: 1, oldPenalty: 0, newPenalty: 250 },
    ]);
  });

  it('ignores earlier invalid judgements and reports ties that form (rank shared, listed by name)', () => {
    const rejudgedBefore = contest([judged('s1', 'WA'), { submissionId: 's1', judgementTypeId: 'AC', valid: false }, judged('s3', 'AC')]);
    // t2 loses its only solve: all three teams tie at rank 1 with nothing solved.
    expect(scoreboardChanges(rejudgedBefore, new Map([['s3', 'WA']]))).toEqual([
      { teamId: 't1', teamName: 'One', oldRank: 2, newRank: 1, oldSolved: 0, newSolved: 0, oldPenalty: 0, newPenalty: 0 },
      { teamId: 't3', teamName: 'Three', oldRank: 2, newRank: 1, oldSolved: 0, newSolved: 0, oldPenalty: 0, newPenalty: 0 },
      { teamId: 't2', teamName: 'Two', oldRank: 1, newRank: 1, oldSolved: 1, newSolved: 0, oldPenalty: 20, newPenalty: 0 },
    ]);
  });
});
