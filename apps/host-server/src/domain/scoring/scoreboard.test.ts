import type { ScoreboardRow } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { assembleScoreboard, computeScoreboard } from './scoreboard';
import { computeTeamScore } from './team-score';
import { computeTeamScores, orderProblems, visibleSubmissionsByTeam } from './team-scores';
import { testContest, type SubmissionSpec } from './scoring-test-contest';
import { UnknownJudgementTypeError } from './submission-outcome';
import type { ScoringTeam } from './scoring-input';

function rowOf(rows: readonly ScoreboardRow[], teamId: string): ScoreboardRow {
  const row = rows.find((r) => r.team_id === teamId);
  if (!row) throw new Error(`no row for ${teamId}`);
  return row;
}

function juryRow(subs: SubmissionSpec[], teamId = 't1', addedPenalty?: number): ScoreboardRow {
  const teams: ScoringTeam[] | undefined = addedPenalty === undefined ? undefined
    : [{ id: 't1', name: 'Team 1', groupIds: [], addedPenaltyMinutes: addedPenalty }];
  return rowOf(computeScoreboard(testContest(subs, teams ? { teams } : {}), { view: 'jury' }).rows, teamId);
}

describe('pass-fail problem cell (CLICS)', () => {
  it.each<[string, SubmissionSpec[], { judged: number; pending: number; solved: boolean; time?: number; total: number }]>([
    ['accepted at 10:00 is minute 10', [['t1', 'A', 10, 'AC']], { judged: 1, pending: 0, solved: true, time: 10, total: 10 }],
    ['59.99 s is minute 0 (rounded down)', [['t1', 'A', 0.9998, 'AC']], { judged: 1, pending: 0, solved: true, time: 0, total: 0 }],
    ['10:59.9 is minute 10', [['t1', 'A', 10.999, 'AC']], { judged: 1, pending: 0, solved: true, time: 10, total: 10 }],
    ['20 penalty per earlier rejection', [['t1', 'A', 5, 'WA'], ['t1', 'A', 6, 'WA'], ['t1', 'A', 30, 'AC']], { judged: 3, pending: 0, solved: true, time: 30, total: 70 }],
    ['TLE, RTE, MLE, OLE, PE all carry penalty', [['t1', 'A', 1, 'TLE'], ['t1', 'A', 2, 'RTE'], ['t1', 'A', 3, 'MLE'], ['t1', 'A', 4, 'OLE'], ['t1', 'A', 5, 'PE'], ['t1', 'A', 50, 'AC']], { judged: 6, pending: 0, solved: true, time: 50, total: 150 }],
    ['compile error: no penalty and not counted as judged', [['t1', 'A', 5, 'CE'], ['t1', 'A', 30, 'AC']], { judged: 1, pending: 0, solved: true, time: 30, total: 30 }],
    ['only compile errors: nothing shown', [['t1', 'A', 5, 'CE'], ['t1', 'A', 6, 'CE']], { judged: 0, pending: 0, solved: false, total: 0 }],
    ['unsolved rejections cost nothing', [['t1', 'A', 5, 'WA'], ['t1', 'A', 6, 'WA']], { judged: 2, pending: 0, solved: false, total: 0 }],
    ['a rejection after the first AC changes nothing', [['t1', 'A', 30, 'AC'], ['t1', 'A', 40, 'WA']], { judged: 1, pending: 0, solved: true, time: 30, total: 30 }],
    ['a second AC changes nothing', [['t1', 'A', 30, 'AC'], ['t1', 'A', 40, 'AC']], { judged: 1, pending: 0, solved: true, time: 30, total: 30 }],
    ['a pending submission after the first AC is not counted', [['t1', 'A', 30, 'AC'], ['t1', 'A', 40]], { judged: 1, pending: 0, solved: true, time: 30, total: 30 }],
    ['a pending submission before the AC is counted as pending, no penalty', [['t1', 'A', 10], ['t1', 'A', 30, 'AC']], { judged: 1, pending: 1, solved: true, time: 30, total: 30 }],
    ['no judgement yet = pending', [['t1', 'A', 10]], { judged: 0, pending: 1, solved: false, total: 0 }],
    ['judging not finished (null type) = pending', [['t1', 'A', 10, null]], { judged: 0, pending: 1, solved: false, total: 0 }],
    ['judging error = pending, no penalty', [['t1', 'A', 10, 'JE'], ['t1', 'A', 20, 'AC']], { judged: 1, pending: 1, solved: true, time: 20, total: 20 }],
    ['rejudge WA -> AC: the latest counts', [['t1', 'A', 10, 'WA', 'AC']], { judged: 1, pending: 0, solved: true, time: 10, total: 10 }],
    ['rejudge AC -> WA: the latest counts', [['t1', 'A', 10, 'AC', 'WA']], { judged: 1, pending: 0, solved: false, total: 0 }],
    ['an aborted rejudge (no type) leaves the earlier verdict', [['t1', 'A', 10, 'WA', null], ['t1', 'A', 20, 'AC']], { judged: 2, pending: 0, solved: true, time: 20, total: 40 }],
    ['an invalid judgement is ignored', [['t1', 'A', 10, 'AC', '!WA']], { judged: 1, pending: 0, solved: true, time: 10, total: 10 }],
    ['only invalid judgements = pending', [['t1', 'A', 10, '!AC']], { judged: 0, pending: 1, solved: false, total: 0 }],
    ['a rejudge to judging error makes it pending again', [['t1', 'A', 10, 'AC', 'JE']], { judged: 0, pending: 1, solved: false, total: 0 }],
    ['a submission at the contest end does not count', [['t1', 'A', 300, 'AC']], { judged: 0, pending: 0, solved: false, total: 0 }],
    ['a pending submission at the contest end does not count', [['t1', 'A', 300]], { judged: 0, pending: 0, solved: false, total: 0 }],
    ['a submission 1 ms before the end counts', [['t1', 'A', 300 - 1 / 60_000, 'AC']], { judged: 1, pending: 0, solved: true, time: 299, total: 299 }],
    ['before the start: negative minute, rounded down', [['t1', 'A', -10.5, 'AC']], { judged: 1, pending: 0, solved: true, time: -11, total: -11 }],
    ['submissions are taken in time order, not input order', [['t1', 'A', 30, 'AC'], ['t1', 'A', 10, 'WA']], { judged: 2, pending: 0, solved: true, time: 30, total: 50 }],
  ])('%s', (_name, subs, expected) => {
    const row = juryRow(subs);
    const cell = row.problems.find((p) => p.problem_id === 'A')!;
    expect({ judged: cell.num_judged, pending: cell.num_pending, solved: cell.solved, time: cell.time }).toEqual({
      judged: expected.judged, pending: expected.pending, solved: expected.solved, time: expected.time,
    });
    expect(row.score.total_time).toBe(expected.total);
    expect(row.score.num_solved).toBe(expected.solved ? 1 : 0);
  });

  it.each([
    ['positive', 15, 45],
    ['negative', -5, 25],
    ['zero', 0, 30],
  ])('judge-added penalty (%s) is added to the total', (_name, added, total) => {
    expect(juryRow([['t1', 'A', 10, 'WA'], ['t1', 'A', 10, 'AC']], 't1', added).score.total_time).toBe(total);
  });

  it('sums problems and reports the last accepted minute as score.time', () => {
    const row = juryRow([['t1', 'A', 10, 'AC'], ['t1', 'B', 50, 'WA'], ['t1', 'B', 70, 'AC'], ['t1', 'C', 20, 'WA']]);
    expect(row.score).toEqual({ num_solved: 2, total_time: 10 + 70 + 20, time: 70 });
    expect(row.problems.map((p) => p.problem_id)).toEqual(['A', 'B', 'C']);
  });

  it('a judgement type nobody defined is an error, not a silent guess', () => {
    const input = testContest([['t1', 'A', 10, 'XYZ']]);
    expect(() => computeScoreboard(input, { view: 'jury' })).toThrow(UnknownJudgementTypeError);
  });

  it('a submission of an unknown team or problem is ignored', () => {
    const board = computeScoreboard(testContest([['nobody', 'A', 10, 'AC'], ['t1', 'Z', 10, 'AC']]), { view: 'jury' });
    expect(board.rows.map((r) => r.score.num_solved)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('ranking', () => {
  const order = (subs: SubmissionSpec[]) => computeScoreboard(testContest(subs), { view: 'jury' }).rows.map((r) => [r.rank, r.team_id]);

  it.each<[string, SubmissionSpec[], (string | number)[][]]>([
    ['more solved beats less time', [['t1', 'A', 10, 'AC'], ['t2', 'A', 100, 'AC'], ['t2', 'B', 100, 'AC']],
      [[1, 't2'], [2, 't1'], [3, 't3'], [3, 't4'], [3, 't5']]],
    ['equal solved: less total time first', [['t1', 'A', 30, 'AC'], ['t2', 'A', 20, 'AC']],
      [[1, 't2'], [2, 't1'], [3, 't3'], [3, 't4'], [3, 't5']]],
    ['equal solved and time: earlier last AC first', [
      ['t1', 'A', 10, 'AC'], ['t1', 'B', 50, 'AC'], // 60, last 50
      ['t2', 'A', 30, 'AC'], ['t2', 'B', 30, 'AC'], // 60, last 30
    ], [[1, 't2'], [2, 't1'], [3, 't3'], [3, 't4'], [3, 't5']]],
    ['full ties share a rank and skip the next ones, listed by name', [
      ['t4', 'A', 10, 'AC'], ['t3', 'A', 10, 'AC'], ['t2', 'A', 10, 'AC'], ['t5', 'A', 5, 'AC'],
    ], [[1, 't5'], [2, 't2'], [2, 't3'], [2, 't4'], [5, 't1']]],
  ])('%s', (_name, subs, expected) => {
    expect(order(subs)).toEqual(expected);
  });

  it('four teams tied at 17 are followed by 21', () => {
    const teams: ScoringTeam[] = Array.from({ length: 22 }, (_, i) => ({ id: `t${i + 1}`, name: `Team ${String(i + 1).padStart(2, '0')}`, groupIds: [] }));
    const subs: SubmissionSpec[] = teams.map((t, i) => [t.id, 'A', i < 16 ? i + 1 : i < 20 ? 100 : 200 + i, 'AC']);
    const ranks = computeScoreboard(testContest(subs, { teams }), { view: 'jury' }).rows.map((r) => r.rank);
    expect(ranks.slice(15)).toEqual([16, 17, 17, 17, 17, 21, 22]);
  });

  it('within a tie, names sort by Unicode collation (case-insensitive, accents after base)', () => {
    const names = ['zeta', 'Émile', 'alpha', 'Beta', 'emile'];
    const teams: ScoringTeam[] = names.map((name, i) => ({ id: `t${i + 1}`, name, groupIds: [] }));
    const rows = computeScoreboard(testContest([], { teams }), { view: 'jury' }).rows;
    expect(rows.map((r) => names[Number(r.team_id.slice(1)) - 1])).toEqual(['alpha', 'Beta', 'emile', 'Émile', 'zeta']);
    expect(rows.every((r) => r.rank === 1)).toBe(true);
  });

  it('restricting to a group ranks among its teams only', () => {
    const input = testContest([['t4', 'A', 5, 'AC'], ['t2', 'A', 10, 'AC']]);
    const rows = computeScoreboard(input, { view: 'jury', groupId: 'g1' }).rows;
    expect(rows.map((r) => [r.rank, r.team_id])).toEqual([[1, 't2'], [2, 't1'], [2, 't3']]);
  });
});

describe('first to solve', () => {
  const fts = (subs: SubmissionSpec[]) => {
    const board = computeScoreboard(testContest(subs), { view: 'jury' });
    return board.rows.flatMap((r) => r.problems.filter((p) => p.first_to_solve).map((p) => `${r.team_id}:${p.problem_id}`)).sort();
  };

  it.each<[string, SubmissionSpec[], string[]]>([
    ['the earliest solve gets it', [['t1', 'A', 20, 'AC'], ['t2', 'A', 10, 'AC']], ['t2:A']],
    ['exact time decides within the same minute', [['t1', 'A', 10.5, 'AC'], ['t2', 'A', 10.2, 'AC']], ['t2:A']],
    ['the same exact time: both get it', [['t1', 'A', 10.25, 'AC'], ['t2', 'A', 10.25, 'AC']], ['t1:A', 't2:A']],
    ['penalty does not matter, the solve time does', [['t1', 'A', 1, 'WA'], ['t1', 'A', 10, 'AC'], ['t2', 'A', 11, 'AC']], ['t1:A']],
    ['an earlier pending submission of another team blocks it', [['t1', 'A', 5], ['t2', 'A', 10, 'AC']], []],
    ['a later pending submission does not block it', [['t1', 'A', 15], ['t2', 'A', 10, 'AC']], ['t2:A']],
    ['an earlier judging error blocks it (still pending)', [['t1', 'A', 5, 'JE'], ['t2', 'A', 10, 'AC']], []],
    ['an earlier rejection does not block it', [['t1', 'A', 5, 'WA'], ['t2', 'A', 10, 'AC']], ['t2:A']],
    ['unsolved problems have none', [['t1', 'A', 5, 'WA']], []],
    ['per problem', [['t1', 'A', 5, 'AC'], ['t2', 'B', 5, 'AC'], ['t1', 'B', 6, 'AC']], ['t1:A', 't2:B']],
  ])('%s', (_name, subs, expected) => {
    expect(fts(subs)).toEqual(expected);
  });

  it('on a group board, only the group\'s teams compete for it', () => {
    const board = computeScoreboard(testContest([['t4', 'A', 5, 'AC'], ['t2', 'A', 10, 'AC']]), { view: 'jury', groupId: 'g1' });
    expect(rowOf(board.rows, 't2').problems[0]!.first_to_solve).toBe(true);
  });
});

describe('incremental update (one team recomputed)', () => {
  it('recomputing only the changed team and re-assembling equals a full recompute', () => {
    const contest = testContest([['t1', 'A', 10, 'AC'], ['t2', 'A', 20, 'AC'], ['t2', 'B', 30]]);
    const before = { ...contest, problems: [...contest.problems].reverse() };
    const scores = computeTeamScores(before, 'jury');
    // t2's pending submission on B is judged AC.
    const after = { ...before, judgements: [...before.judgements, { submissionId: 's3', judgementTypeId: 'AC', valid: true }] };
    const t2 = visibleSubmissionsByTeam(after, 'jury').get('t2')!;
    scores.set('t2', computeTeamScore('t2', 0, orderProblems(after.problems), t2, after.rules));
    const incremental = assembleScoreboard('pass-fail', after.teams, scores);
    expect(incremental.rows).toEqual(computeScoreboard(after, { view: 'jury' }).rows);
    expect(incremental.rows[0]!.team_id).toBe('t2');
  });
});
