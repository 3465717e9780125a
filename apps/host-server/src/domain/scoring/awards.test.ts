import { describe, expect, it } from 'vitest';
import { computeAwards, type MedalCounts } from './awards';
import { computeScoreboard } from './scoreboard';
import { testContest, type SubmissionSpec } from './scoring-test-contest';
import type { ScoringTeam } from './scoring-input';

/** n teams; team i (1-based) solves A at minute i unless listed in `unsolved`. */
function awardsFor(n: number, medals: MedalCounts, options: { unsolved?: number[]; tieAt?: number[] } = {}) {
  const teams: ScoringTeam[] = Array.from({ length: n }, (_, i) => ({ id: `t${i + 1}`, name: `Team ${String(i + 1).padStart(2, '0')}`, groupIds: [i % 2 === 0 ? 'odd' : 'even'] }));
  const subs: SubmissionSpec[] = teams.filter((_, i) => !(options.unsolved ?? []).includes(i + 1))
    .map((t, i) => [t.id, 'A', (options.tieAt ?? []).includes(i + 1) ? options.tieAt![0]! : i + 1, 'AC']);
  const input = testContest(subs, { teams });
  const board = computeScoreboard(input, { view: 'jury' });
  const awards = computeAwards(board, teams, input.problems, [{ id: 'odd', name: 'Odd' }, { id: 'even', name: 'Even' }], medals);
  return Object.fromEntries(awards.map((a) => [a.id, a.team_ids]));
}

const WF: MedalCounts = { gold: 4, silver: 4, bronze: 4, extraBronze: 0 };

describe('awards', () => {
  it('medals by rank: gold 1-4, silver 5-8, bronze 9-12', () => {
    const a = awardsFor(14, WF);
    expect(a['gold-medal']).toEqual(['t1', 't2', 't3', 't4']);
    expect(a['silver-medal']).toEqual(['t5', 't6', 't7', 't8']);
    expect(a['bronze-medal']).toEqual(['t9', 't10', 't11', 't12']);
    expect(a.winner).toEqual(['t1']);
  });

  it.each([
    [0, ['t9', 't10', 't11', 't12']],
    [1, ['t9', 't10', 't11', 't12', 't13']],
    [2, ['t9', 't10', 't11', 't12', 't13', 't14']],
  ])('B = %i extra bronze medals', (extra, bronze) => {
    expect(awardsFor(14, { ...WF, extraBronze: extra })['bronze-medal']).toEqual(bronze);
  });

  it('a tie across the gold boundary gets gold for all tied teams', () => {
    // Teams 4 and 5 both solve at minute 4: both rank 4.
    const a = awardsFor(10, WF, { tieAt: [4, 5] });
    expect(a['gold-medal']).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(a['silver-medal']).toEqual(['t6', 't7', 't8']);
  });

  it('teams that have not scored get no medal, and winner is empty if nobody scored', () => {
    const a = awardsFor(6, WF, { unsolved: [3, 4, 5, 6] });
    expect(a['gold-medal']).toEqual(['t1', 't2']);
    expect(a['silver-medal']).toEqual([]);
    expect(awardsFor(3, WF, { unsolved: [1, 2, 3] }).winner).toEqual([]);
  });

  it('winner is shared by a full tie at rank 1', () => {
    expect(awardsFor(4, WF, { tieAt: [1, 2] }).winner).toEqual(['t1', 't2']);
  });

  it('first to solve per problem, empty when unsolved', () => {
    const a = awardsFor(4, WF);
    expect(a['first-to-solve-A']).toEqual(['t1']);
    expect(a['first-to-solve-B']).toEqual([]);
  });

  it('group winners: best of each group among its teams', () => {
    const a = awardsFor(6, WF);
    expect(a['group-winner-odd']).toEqual(['t1']);
    expect(a['group-winner-even']).toEqual(['t2']);
    expect(awardsFor(6, WF, { unsolved: [2, 4, 6] })['group-winner-even']).toEqual([]);
  });
});
