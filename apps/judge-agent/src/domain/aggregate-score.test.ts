import { describe, expect, it } from 'vitest';
import { aggregateScore, compareDataPaths, type ScoreGroup, type ScoredTestcase } from './aggregate-score';

function tc(name: string, accepted: boolean, validatorScore: number | null = null): ScoredTestcase {
  return { name, accepted, validatorScore };
}

function group(path: string, aggregation: ScoreGroup['aggregation'], maxScore: number | null, requirePass: string[] = [], acceptScore?: number): ScoreGroup {
  return { path, aggregation, maxScore, requirePass, acceptScore };
}

// An IOI-style problem: two subtasks of 30 and 70 points, the second needing the first.
const subtasks = [
  group('secret', 'sum', null),
  group('secret/group1', 'pass-fail', 30),
  group('secret/group2', 'pass-fail', 70, ['secret/group1']),
];

describe('aggregateScore', () => {
  it.each([
    ['all pass', [tc('secret/group1/a', true), tc('secret/group1/b', true), tc('secret/group2/a', true)], 100],
    ['subtask 2 fails', [tc('secret/group1/a', true), tc('secret/group1/b', true), tc('secret/group2/a', false)], 30],
    ['one case of subtask 1 fails: both lost (require_pass)', [tc('secret/group1/a', true), tc('secret/group1/b', false), tc('secret/group2/a', true)], 0],
    ['samples do not count', [tc('sample/1', false), tc('secret/group1/a', true), tc('secret/group1/b', true), tc('secret/group2/a', true)], 100],
    ['nothing passes', [tc('secret/group1/a', false), tc('secret/group1/b', false), tc('secret/group2/a', false)], 0],
  ])('pass-fail subtasks: %s → %d', (_name, testcases, score) => {
    expect(aggregateScore(subtasks, testcases).score).toBe(score);
  });

  it('a sum group with max_score gives each case its share', () => {
    const groups = [group('secret/g', 'sum', 40)];
    const testcases = [tc('secret/g/1', true), tc('secret/g/2', false), tc('secret/g/3', true), tc('secret/g/4', false)];
    const summary = aggregateScore(groups, testcases);
    expect(summary.score).toBe(20);
    expect(summary.maxScore).toBe(40);
  });

  it('a min group takes the weakest case (validator scores)', () => {
    const groups = [group('secret/g', 'min', 10)];
    const testcases = [tc('secret/g/1', true, 0.9), tc('secret/g/2', true, 0.5), tc('secret/g/3', true, 1)];
    expect(aggregateScore(groups, testcases).score).toBe(5);
  });

  it('a rejected case scores 0 even if the validator wrote a score', () => {
    const testcases = [tc('secret/1', false, 1), tc('secret/2', true, 0.25)];
    expect(aggregateScore([], testcases)).toMatchObject({ score: 0.25, maxScore: 2 });
  });

  it('without groups, secret is an unscaled sum of 1 per accepted case', () => {
    expect(aggregateScore([], [tc('secret/a', true), tc('secret/b', true), tc('secret/c', false)]).score).toBe(2);
  });

  it('accept_score of the nearest group applies', () => {
    const groups = [group('secret', 'sum', null, [], 5), group('secret/big', 'sum', null, [], 20)];
    const testcases = [tc('secret/small1', true), tc('secret/big/1', true), tc('secret/big/2', false)];
    expect(aggregateScore(groups, testcases)).toMatchObject({ score: 25, maxScore: 45 });
  });

  it('nested groups aggregate bottom-up', () => {
    const groups = [
      group('secret', 'sum', null),
      group('secret/outer', 'min', 50),
      group('secret/outer/a', 'pass-fail', 10),
      group('secret/outer/b', 'pass-fail', 10),
    ];
    const halfDone = [tc('secret/outer/a/1', true), tc('secret/outer/b/1', false)];
    const allDone = [tc('secret/outer/a/1', true), tc('secret/outer/b/1', true)];
    expect(aggregateScore(groups, halfDone).score).toBe(0);
    expect(aggregateScore(groups, allDone).score).toBe(50);
    expect(aggregateScore(groups, allDone).groups.map((g) => [g.path, g.score])).toEqual([
      ['secret', 50], ['secret/outer', 50], ['secret/outer/a', 10], ['secret/outer/b', 10],
    ]);
  });

  it('a requirement that names nothing is unmet', () => {
    const groups = [group('secret/g', 'pass-fail', 10, ['secret/missing'])];
    expect(aggregateScore(groups, [tc('secret/g/1', true)]).score).toBe(0);
  });

  it('a requirement on the samples', () => {
    const groups = [group('secret/g', 'pass-fail', 10, ['sample'])];
    expect(aggregateScore(groups, [tc('sample/1', true), tc('secret/g/1', true)]).score).toBe(10);
    expect(aggregateScore(groups, [tc('sample/1', false), tc('secret/g/1', true)]).score).toBe(0);
  });
});

describe('compareDataPaths', () => {
  it('keeps group contents together and samples first', () => {
    const names = ['secret/g-2/1', 'secret/g/2', 'secret/10', 'sample/2', 'secret/g/1', 'secret/2', 'sample/1'];
    expect([...names].sort(compareDataPaths)).toEqual(['sample/1', 'sample/2', 'secret/10', 'secret/2', 'secret/g/1', 'secret/g/2', 'secret/g-2/1']);
  });
});
