import { describe, expect, it } from 'vitest';
import { computeScoreboard } from './scoreboard';
import type { ScoringInput, ScoringJudgement, ScoringProblem, ScoringTestcaseResult, ScoringTestGroup } from './scoring-input';
import { KNOWN_JUDGEMENT_TYPES } from './known-judgement-types';
import { subtaskScores } from './subtask-score';
import type { SubmissionOutcome } from './submission-outcome';

const MINUTE_MS = 60_000;

function group(path: string, maxScore: number, aggregation: ScoringTestGroup['aggregation'], requirePass: string[] = []): ScoringTestGroup {
  return { path, maxScore, aggregation, requirePass };
}

function judged(results: ScoringTestcaseResult[], score?: number): SubmissionOutcome {
  return { kind: 'judged', judgementTypeId: 'AC', solved: true, penalty: false, countsAsJudged: true, testcaseResults: results, ...(score !== undefined ? { score } : {}) };
}

const ok = (name: string, scoreFraction?: number): ScoringTestcaseResult => ({ name, accepted: true, ...(scoreFraction !== undefined ? { scoreFraction } : {}) });
const bad = (name: string): ScoringTestcaseResult => ({ name, accepted: false });

describe('subtask score of one submission', () => {
  it.each<[string, ScoringTestGroup[], ScoringTestcaseResult[], Record<string, number>]>([
    ['pass-fail: all accepted = max_score', [group('secret/g1', 30, 'pass-fail')], [ok('secret/g1/a'), ok('secret/g1/b')], { 'secret/g1': 30 }],
    ['pass-fail: one rejected = 0', [group('secret/g1', 30, 'pass-fail')], [ok('secret/g1/a'), bad('secret/g1/b')], { 'secret/g1': 0 }],
    ['sum: each test case an equal share', [group('secret/g1', 40, 'sum')], [ok('secret/g1/a'), bad('secret/g1/b'), ok('secret/g1/c'), ok('secret/g1/d')], { 'secret/g1': 30 }],
    ['sum with partial scores', [group('secret/g1', 10, 'sum')], [ok('secret/g1/a', 0.5), ok('secret/g1/b', 1)], { 'secret/g1': 7.5 }],
    ['min: the smallest fraction', [group('secret/g1', 20, 'min')], [ok('secret/g1/a', 0.5), ok('secret/g1/b', 0.75)], { 'secret/g1': 10 }],
    ['min: a rejected test case = 0', [group('secret/g1', 20, 'min')], [ok('secret/g1/a'), bad('secret/g1/b')], { 'secret/g1': 0 }],
    ['fractions are clamped to [0, 1]', [group('secret/g1', 10, 'min')], [ok('secret/g1/a', 3)], { 'secret/g1': 10 }],
    ['a group with no results scores 0', [group('secret/g1', 10, 'sum'), group('secret/g2', 5, 'pass-fail')], [ok('secret/g1/a')], { 'secret/g1': 10, 'secret/g2': 0 }],
    ['a test case belongs to its longest matching group', [group('secret', 10, 'pass-fail'), group('secret/g1', 20, 'pass-fail')],
      [ok('secret/x'), bad('secret/g1/y')], { secret: 10, 'secret/g1': 0 }],
    ['a name prefix is not a path prefix', [group('secret/g1', 10, 'pass-fail')], [bad('secret/g10/a'), ok('secret/g1/a')], { 'secret/g1': 10 }],
    ['require_pass met', [group('secret/g1', 10, 'pass-fail'), group('secret/g2', 20, 'pass-fail', ['secret/g1'])],
      [ok('secret/g1/a'), ok('secret/g2/a')], { 'secret/g1': 10, 'secret/g2': 20 }],
    ['require_pass not met: the group scores 0', [group('secret/g1', 10, 'sum'), group('secret/g2', 20, 'pass-fail', ['secret/g1'])],
      [ok('secret/g1/a'), bad('secret/g1/b'), ok('secret/g2/a')], { 'secret/g1': 5, 'secret/g2': 0 }],
  ])('%s', (_name, groups, results, expected) => {
    const problem: ScoringProblem = { id: 'p', label: 'P', ordinal: 0, testGroups: groups };
    expect(Object.fromEntries(subtaskScores(problem, judged(results)))).toEqual(expected);
  });

  it('without test groups, the judgement score (or max_score when accepted without one)', () => {
    const problem: ScoringProblem = { id: 'p', label: 'P', ordinal: 0, maxScore: 100 };
    expect(Object.fromEntries(subtaskScores(problem, judged([], 42)))).toEqual({ '': 42 });
    expect(Object.fromEntries(subtaskScores(problem, judged([])))).toEqual({ '': 100 });
  });
});

describe('IOI score contest board', () => {
  const problems: ScoringProblem[] = [
    { id: 'p', label: 'P', ordinal: 0, maxScore: 100, testGroups: [group('secret/g1', 40, 'pass-fail'), group('secret/g2', 60, 'pass-fail')] },
    { id: 'q', label: 'Q', ordinal: 1, maxScore: 100 },
  ];
  function board(subs: { team: string; problem: string; minute: number; results?: ScoringTestcaseResult[]; score?: number; type?: string | null }[], freezeMinute: number | null = null) {
    const judgements: ScoringJudgement[] = subs.map((s, i) => ({
      submissionId: `s${i}`, judgementTypeId: s.type === undefined ? 'AC' : s.type, valid: true,
      ...(s.results ? { testcaseResults: s.results } : {}), ...(s.score !== undefined ? { score: s.score } : {}),
    }));
    const input: ScoringInput = {
      rules: { scoreboardType: 'score', penaltyMinutes: 20, contestDurationMs: 300 * MINUTE_MS, freezeTimeMs: freezeMinute === null ? null : freezeMinute * MINUTE_MS },
      problems,
      teams: ['a', 'b', 'c'].map((id) => ({ id, name: `Team ${id}`, groupIds: [] })),
      submissions: subs.map((s, i) => ({ id: `s${i}`, teamId: s.team, problemId: s.problem, contestTimeMs: s.minute * MINUTE_MS })),
      judgements,
      judgementTypes: KNOWN_JUDGEMENT_TYPES,
    };
    return { jury: computeScoreboard(input, { view: 'jury' }), public: computeScoreboard(input, { view: 'public' }) };
  }
  const g1 = [ok('secret/g1/1'), bad('secret/g2/1')];
  const g2 = [bad('secret/g1/1'), ok('secret/g2/1')];

  it('best per subtask over all submissions, summed (IOI rule)', () => {
    const { jury } = board([{ team: 'a', problem: 'p', minute: 10, results: g1 }, { team: 'a', problem: 'p', minute: 20, results: g2 }]);
    const row = jury.rows.find((r) => r.team_id === 'a')!;
    expect(row.problems[0]).toMatchObject({ score: 100, solved: true, time: 20, num_judged: 2 });
    expect(row.score).toEqual({ score: 100, time: 20 });
  });

  it('a worse later submission changes neither score nor time', () => {
    const { jury } = board([{ team: 'a', problem: 'q', minute: 10, score: 70 }, { team: 'a', problem: 'q', minute: 50, score: 30 }]);
    expect(jury.rows.find((r) => r.team_id === 'a')!.problems[1]).toMatchObject({ score: 70, time: 10, solved: false, num_judged: 2 });
  });

  it('ranks by score desc, then by the earlier last improvement; full ties share a rank', () => {
    const { jury } = board([
      { team: 'a', problem: 'q', minute: 50, score: 70 },
      { team: 'b', problem: 'q', minute: 20, score: 70 },
      { team: 'c', problem: 'q', minute: 5, score: 30 },
    ]);
    expect(jury.rows.map((r) => [r.rank, r.team_id])).toEqual([[1, 'b'], [2, 'a'], [3, 'c']]);
    const tie = board([{ team: 'a', problem: 'q', minute: 20, score: 70 }, { team: 'b', problem: 'q', minute: 20, score: 70 }]).jury;
    expect(tie.rows.map((r) => [r.rank, r.team_id])).toEqual([[1, 'a'], [1, 'b'], [3, 'c']]);
  });

  it('pending and compile errors do not score; pending is counted', () => {
    const { jury } = board([{ team: 'a', problem: 'q', minute: 10, type: null }, { team: 'a', problem: 'q', minute: 11, type: 'CE', score: 90 }]);
    expect(jury.rows.find((r) => r.team_id === 'a')!.problems[1]).toMatchObject({ score: 0, num_pending: 1, num_judged: 0 });
  });

  it('the public view hides post-freeze scores', () => {
    const result = board([{ team: 'a', problem: 'q', minute: 10, score: 20 }, { team: 'a', problem: 'q', minute: 250, score: 90 }], 240);
    expect(result.public.rows.find((r) => r.team_id === 'a')!.problems[1]).toMatchObject({ score: 20, num_pending: 1 });
    expect(result.jury.rows.find((r) => r.team_id === 'a')!.problems[1]).toMatchObject({ score: 90, num_pending: 0 });
  });
});
