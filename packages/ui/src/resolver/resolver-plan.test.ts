import type { ScoreboardProblemCell, ScoreboardRow } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { rankRows } from './rank-rows';
import { planResolver, type ResolverInput, type ResolverPlan } from './resolver-plan';

const PROBLEMS = ['A', 'B', 'C'];
const PENALTY = 20;

/** A cell from a short code: '' untried, 'p' 1 pending, '2p' 2 judged + 1 pending, '3/127' solved, '-2' 2 rejected; '*' suffix = first to solve. */
function cell(problemId: string, code: string): ScoreboardProblemCell {
  const first = code.endsWith('*');
  const c = first ? code.slice(0, -1) : code;
  if (c === '') return { problem_id: problemId, num_judged: 0, num_pending: 0, solved: false };
  if (c.endsWith('p')) return { problem_id: problemId, num_judged: Number(c.slice(0, -1) || 0), num_pending: 1, solved: false };
  if (c.startsWith('-')) return { problem_id: problemId, num_judged: Number(c.slice(1)), num_pending: 0, solved: false };
  const [tries, time] = c.split('/').map(Number) as [number, number];
  return { problem_id: problemId, num_judged: tries, num_pending: 0, solved: true, time, ...(first ? { first_to_solve: true } : {}) };
}

/** Rows from `team: [A, B, C]` codes, scored and ranked like the host does. */
function board(spec: Record<string, string[]>): ScoreboardRow[] {
  const rows = Object.entries(spec).map(([teamId, codes]): ScoreboardRow => {
    const problems = codes.map((code, i) => cell(PROBLEMS[i]!, code));
    const solved = problems.filter((p) => p.solved);
    return {
      rank: 1, team_id: teamId, problems,
      score: { num_solved: solved.length, total_time: solved.reduce((n, p) => n + p.time! + PENALTY * (p.num_judged - 1), 0) },
    };
  });
  return rankRows(rows, (id) => id, 'pass-fail');
}

function input(publicSpec: Record<string, string[]>, jurySpec: Record<string, string[]>, awards: ResolverInput['awards'] = []): ResolverInput {
  return {
    publicRows: board(publicSpec), juryRows: board(jurySpec), problemIds: PROBLEMS, teamName: (id) => id,
    penaltyMinutes: PENALTY, scoreboardType: 'pass-fail', awards,
  };
}

/** Frozen cells of a state: cells that still differ from the jury board. */
function frozenCells(plan: ResolverPlan, index: number, jury: readonly ScoreboardRow[]): string[] {
  const out: string[] = [];
  for (const row of plan.states[index]!.rows) {
    const j = jury.find((r) => r.team_id === row.team_id)!;
    for (const c of row.problems) {
      if (JSON.stringify(c) !== JSON.stringify(j.problems.find((x) => x.problem_id === c.problem_id))) out.push(`${row.team_id}/${c.problem_id}`);
    }
  }
  return out.sort();
}

const CASES: Array<[string, Record<string, string[]>, Record<string, string[]>, string[]]> = [
  ['nothing frozen', { t1: ['1/10', '', ''], t2: ['-1', '', ''] }, { t1: ['1/10', '', ''], t2: ['-1', '', ''] }, []],
  ['bottom team solves and overtakes', { t1: ['1/10*', '', ''], t2: ['p', '', ''] }, { t1: ['1/10*', '', ''], t2: ['1/5', '', ''] }, ['t2/A']],
  ['pending turns into a rejection', { t1: ['1/10', '', ''], t2: ['1p', '', ''] }, { t1: ['1/10', '', ''], t2: ['-2', '', ''] }, ['t2/A']],
  ['two cells of one team, left to right', { t1: ['1/10', '1/20', ''], t2: ['p', 'p', ''], t3: ['', '', ''] },
    { t1: ['1/10', '1/20', ''], t2: ['1/250', '2/260', ''], t3: ['', '', ''] }, ['t2/A', 't2/B']],
  ['bottom-up over three teams', { a: ['1/10', '', 'p'], b: ['p', '', ''], c: ['', 'p', ''] },
    { a: ['1/10', '', '1/280'], b: ['1/250', '', ''], c: ['', '-1', ''] }, ['c/B', 'b/A', 'a/C']],
  ['a team that moves up lets the next one below be resolved first', { a: ['1/10', '1/30', ''], b: ['1/50', '', ''], c: ['p', 'p', 'p'] },
    { a: ['1/10', '1/30', ''], b: ['1/50', '', ''], c: ['1/241', '1/242', '1/243'] }, ['c/A', 'c/B', 'c/C']],
  ['moved-up team is passed by a lower one', { a: ['1/10', '', ''], b: ['', 'p', ''], c: ['', '', 'p'] },
    { a: ['1/10', '', ''], b: ['', '1/290', ''], c: ['', '', '1/250'] }, ['c/C', 'b/B']],
];

describe('planResolver', () => {
  it.each(CASES)('%s', (_name, publicSpec, jurySpec, expectedReveals) => {
    const inp = input(publicSpec, jurySpec);
    const before = JSON.stringify(inp);
    const plan = planResolver(inp);
    const reveals = plan.steps.filter((s) => s.kind === 'reveal').map((s) => `${s.teamId}/${s.kind === 'reveal' ? s.problemId : ''}`);
    expect(reveals).toEqual(expectedReveals);
    expect(plan.states).toHaveLength(plan.steps.length + 1);
    // Starts from the public board, ends exactly on the jury board.
    expect(plan.states[0]!.rows).toEqual(inp.publicRows);
    expect(plan.states.at(-1)!.rows).toEqual(inp.juryRows);
    expect(plan.states.at(-1)!.remaining).toBe(0);
    // Each reveal step changes exactly one cell (to its jury value); awards change nothing.
    for (let i = 0; i < plan.steps.length; i++) {
      const was = frozenCells(plan, i, inp.juryRows);
      const now = frozenCells(plan, i + 1, inp.juryRows);
      const step = plan.steps[i]!;
      if (step.kind === 'reveal') {
        expect(was.filter((c) => !now.includes(c))).toEqual([`${step.teamId}/${step.problemId}`]);
        expect(now.every((c) => was.includes(c))).toBe(true);
        // Bottom-up: no team ranked below the revealed one still had a frozen cell.
        const order = plan.states[i]!.rows.map((r) => r.team_id);
        const position = order.indexOf(step.teamId);
        expect(was.every((c) => order.indexOf(c.split('/')[0]!) <= position)).toBe(true);
      } else {
        expect(now).toEqual(was);
      }
    }
    // The input is untouched, so going back (states[i - 1]) restores exactly what was shown.
    expect(JSON.stringify(inp)).toBe(before);
  });

  it('walking forward to the end and back again shows the same boards', () => {
    const inp = input({ a: ['1/10', '', 'p'], b: ['p', '', ''], c: ['', 'p', ''] }, { a: ['1/10', '', '1/280'], b: ['1/250', '', ''], c: ['', '-1', ''] });
    const plan = planResolver(inp);
    const snapshots = plan.states.map((s) => JSON.stringify(s));
    let index = 0;
    while (index < plan.steps.length) index++;
    while (index > 0) {
      index--;
      expect(JSON.stringify(plan.states[index])).toBe(snapshots[index]);
    }
    expect(plan.states[0]!.rows).toEqual(inp.publicRows);
  });

  it('announces awards when the cursor reaches the team, after its reveals', () => {
    const awards = [
      { id: 'winner', citation: 'Contest winner', team_ids: ['b'] },
      { id: 'gold-medal', citation: 'Gold medal', team_ids: ['a', 'b'] },
      { id: 'first-to-solve-C', citation: 'First to solve problem C', team_ids: ['c'] },
    ];
    const plan = planResolver(input({ a: ['1/10', '', ''], b: ['p', 'p', ''], c: ['', '', '1/5*'] }, { a: ['1/10', '', ''], b: ['1/200', '1/250', ''], c: ['', '', '1/5*'] }, awards));
    // Public order: c (1 solved, 5 min), a (1, 10), b (0). b is revealed first, climbs to the top;
    // then the cursor passes a, c and finally b, announcing each one's awards.
    expect(plan.steps).toEqual([
      { kind: 'reveal', teamId: 'b', problemId: 'A' },
      { kind: 'reveal', teamId: 'b', problemId: 'B' },
      { kind: 'award', teamId: 'a', citations: ['Gold medal'] },
      { kind: 'award', teamId: 'c', citations: ['First to solve problem C'] },
      { kind: 'award', teamId: 'b', citations: ['Contest winner', 'Gold medal'] },
    ]);
    expect(plan.states[1]!.rows.map((r) => r.team_id)).toEqual(['c', 'a', 'b']);
    expect(plan.states[3]!.announcement).toEqual({ teamId: 'a', citations: ['Gold medal'] });
    expect(plan.states.at(-1)!.rows.map((r) => r.team_id)).toEqual(['b', 'c', 'a']);
  });

  it('ties share a rank and skip the next one, alphabetical within the tie', () => {
    const rows = board({ zed: ['1/10', '', ''], amy: ['1/10', '', ''], bob: ['1/5', '', ''], cat: ['', '', ''] });
    expect(rows.map((r) => [r.team_id, r.rank])).toEqual([['bob', 1], ['amy', 2], ['zed', 2], ['cat', 4]]);
  });

  it('ignores jury-only (hidden) teams and applies judge-added penalty on the last reveal', () => {
    const inp = input({ t1: ['1/10', '', ''], t2: ['p', '', ''] }, { t1: ['1/10', '', ''], t2: ['1/5', '', ''], hidden: ['1/1', '1/1', ''] });
    const jury = inp.juryRows.filter((r) => r.team_id !== 'hidden').map((r) => (r.team_id === 't2' ? { ...r, score: { ...r.score, total_time: 45 } } : r));
    const plan = planResolver({ ...inp, juryRows: jury });
    expect(plan.states.at(-1)!.rows).toEqual(rankRows(jury, (id) => id, 'pass-fail'));
    expect(plan.states.at(-1)!.rows.map((r) => r.team_id)).toEqual(['t1', 't2']);
  });
});
