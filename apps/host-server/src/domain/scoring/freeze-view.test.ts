import type { ScoreboardRow } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { computeAwards } from './awards';
import { freezeBannerText, freezeTimeFromDurations, visibleOutcome } from './freeze-view';
import { computeScoreboard } from './scoreboard';
import { MINUTE_MS, testContest, type SubmissionSpec } from './scoring-test-contest';
import { PENDING, type SubmissionOutcome } from './submission-outcome';

const FREEZE_MS = 240 * MINUTE_MS;
const frozen = (subs: SubmissionSpec[]) => testContest(subs, { rules: { freezeTimeMs: FREEZE_MS } });
const publicRows = (subs: SubmissionSpec[]) => computeScoreboard(frozen(subs), { view: 'public' }).rows;
const juryRows = (subs: SubmissionSpec[]) => computeScoreboard(frozen(subs), { view: 'jury' }).rows;

/** The same board with every num_pending zeroed: what may differ is only the pending counts. */
function withoutPending(rows: readonly ScoreboardRow[]): ScoreboardRow[] {
  return rows.map((r) => ({ ...r, problems: r.problems.map((p) => ({ ...p, num_pending: 0 })) }));
}

// Before the freeze: t1 solved A at 100 (first), t2 solved A at 120 and B at 200 (leads).
const BEFORE: SubmissionSpec[] = [['t1', 'A', 100, 'AC'], ['t2', 'A', 120, 'AC'], ['t2', 'B', 200, 'AC'], ['t3', 'B', 230, 'WA']];

describe('visibleOutcome', () => {
  const judged: SubmissionOutcome = { kind: 'judged', judgementTypeId: 'AC', solved: true, penalty: false, countsAsJudged: true };
  it.each<[string, number, 'public' | 'jury', number | null, SubmissionOutcome]>([
    ['public, before the freeze: as judged', FREEZE_MS - 1, 'public', FREEZE_MS, judged],
    ['public, at the freeze: pending', FREEZE_MS, 'public', FREEZE_MS, PENDING],
    ['public, after the freeze: pending', FREEZE_MS + 1, 'public', FREEZE_MS, PENDING],
    ['public, no freeze: as judged', FREEZE_MS + 1, 'public', null, judged],
    ['jury, after the freeze: as judged', FREEZE_MS + 1, 'jury', FREEZE_MS, judged],
  ])('%s', (_name, timeMs, view, freezeMs, expected) => {
    expect(visibleOutcome(judged, timeMs, view, freezeMs)).toEqual(expected);
  });
});

describe('public view of a frozen contest', () => {
  it.each(['AC', 'WA', 'TLE', 'CE', 'JE', null])('a post-freeze %s changes nothing public except num_pending', (verdict) => {
    const base = publicRows(BEFORE);
    const after = publicRows([...BEFORE, ['t3', 'A', 250, verdict], ['t4', 'C', 240, verdict]]);
    expect(withoutPending(after)).toEqual(withoutPending(base));
    const cellOf = (rows: ScoreboardRow[], team: string, problem: string) => rows.find((r) => r.team_id === team)!.problems.find((p) => p.problem_id === problem)!;
    expect(cellOf(after, 't3', 'A').num_pending).toBe(1);
    expect(cellOf(after, 't4', 'C').num_pending).toBe(1);
  });

  it('the jury sees the post-freeze verdicts', () => {
    const rows = juryRows([...BEFORE, ['t3', 'A', 250, 'WA'], ['t3', 'A', 260, 'AC']]);
    const cell = rows.find((r) => r.team_id === 't3')!.problems[0]!;
    expect(cell).toMatchObject({ num_judged: 2, num_pending: 0, solved: true, time: 260 });
  });

  it('a post-freeze solve that would take the lead does not move the public ranks', () => {
    const subs: SubmissionSpec[] = [...BEFORE, ['t1', 'B', 245, 'AC'], ['t1', 'C', 250, 'AC']];
    expect(publicRows(subs).map((r) => [r.rank, r.team_id])).toEqual(publicRows(BEFORE).map((r) => [r.rank, r.team_id]));
    expect(juryRows(subs)[0]!.team_id).toBe('t1');
  });

  it('a post-freeze first solve of a problem is not revealed, on the board or in awards', () => {
    const subs: SubmissionSpec[] = [...BEFORE, ['t4', 'C', 250, 'AC']];
    const input = frozen(subs);
    const publicBoard = computeScoreboard(input, { view: 'public' });
    const juryBoard = computeScoreboard(input, { view: 'jury' });
    expect(publicBoard.rows.some((r) => r.problems.some((p) => p.problem_id === 'C' && p.first_to_solve))).toBe(false);
    const award = (board: typeof publicBoard) => computeAwards(board, input.teams, input.problems, []).find((a) => a.id === 'first-to-solve-C')!.team_ids;
    expect(award(publicBoard)).toEqual([]);
    expect(award(juryBoard)).toEqual(['t4']);
  });

  it('a post-freeze submission cannot take away a pre-freeze first solve (it is later)', () => {
    const board = computeScoreboard(frozen([...BEFORE, ['t5', 'A', 250]]), { view: 'public' });
    expect(board.firstToSolve.get('A')).toEqual(new Set(['t1']));
  });

  it('a post-freeze solve does not change public medals or winner', () => {
    const subs: SubmissionSpec[] = [...BEFORE, ['t5', 'A', 241, 'AC'], ['t5', 'B', 242, 'AC'], ['t5', 'C', 243, 'AC']];
    const input = frozen(subs);
    const awards = (view: 'public' | 'jury') => computeAwards(computeScoreboard(input, { view }), input.teams, input.problems, [], { gold: 1, silver: 1, bronze: 1, extraBronze: 0 })
      .filter((a) => ['winner', 'gold-medal', 'silver-medal', 'bronze-medal'].includes(a.id)).map((a) => [a.id, a.team_ids]);
    expect(awards('public')).toEqual([['winner', ['t2']], ['gold-medal', ['t2']], ['silver-medal', ['t1']], ['bronze-medal', []]]);
    expect(awards('jury')).toEqual([['winner', ['t5']], ['gold-medal', ['t5']], ['silver-medal', ['t2']], ['bronze-medal', ['t1']]]);
  });

  it('post-freeze tries before a hidden solve count as pending, not as tries', () => {
    const rows = publicRows([...BEFORE, ['t3', 'C', 245, 'WA'], ['t3', 'C', 246, 'WA'], ['t3', 'C', 250, 'AC']]);
    expect(rows.find((r) => r.team_id === 't3')!.problems[2]).toMatchObject({ num_judged: 0, num_pending: 3, solved: false });
  });

  it('submissions after a pre-freeze solve stay invisible (nothing after the first AC counts)', () => {
    const rows = publicRows([...BEFORE, ['t1', 'A', 250, 'WA']]);
    expect(rows.find((r) => r.team_id === 't1')!.problems[0]).toMatchObject({ num_judged: 1, num_pending: 0, solved: true, time: 100 });
  });

  it('a rejudge during the freeze of a pre-freeze submission is public', () => {
    const rows = publicRows([['t1', 'A', 100, 'WA', 'AC']]);
    expect(rows.find((r) => r.team_id === 't1')!.problems[0]).toMatchObject({ solved: true, time: 100 });
  });

  it('once thawed (no freeze time), public equals jury', () => {
    const subs: SubmissionSpec[] = [...BEFORE, ['t3', 'A', 250, 'AC']];
    const input = testContest(subs, { rules: { freezeTimeMs: null } });
    expect(computeScoreboard(input, { view: 'public' }).rows).toEqual(computeScoreboard(input, { view: 'jury' }).rows);
  });
});

describe('freeze time and banner', () => {
  it.each<[string, number, number | null, boolean, number | null]>([
    ['one hour before a five hour end', 300 * MINUTE_MS, 60 * MINUTE_MS, false, 240 * MINUTE_MS],
    ['no freeze duration', 300 * MINUTE_MS, null, false, null],
    ['zero freeze duration', 300 * MINUTE_MS, 0, false, null],
    ['thawed', 300 * MINUTE_MS, 60 * MINUTE_MS, true, null],
    ['freeze longer than the contest: frozen from the start', 60 * MINUTE_MS, 90 * MINUTE_MS, false, 0],
  ])('%s', (_name, durationMs, freezeDurationMs, thawed, expected) => {
    expect(freezeTimeFromDurations(durationMs, freezeDurationMs, thawed)).toBe(expected);
  });

  it('banner text follows CLICS', () => {
    expect(freezeBannerText(60 * MINUTE_MS)).toBe('The scoreboard was frozen with 60 minutes remaining - submissions in the last 60 minutes of the contest are still shown as pending.');
  });
});
