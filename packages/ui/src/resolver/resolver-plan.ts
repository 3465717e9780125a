import type { Award, ScoreboardProblemCell, ScoreboardRow } from '@arena/protocol';
import { cellContribution, rankRows, type ScoreboardType } from './rank-rows';

/** Everything the resolver needs, fetched with a jury login. */
export interface ResolverInput {
  /** The public (frozen) board: where the ceremony starts. */
  publicRows: readonly ScoreboardRow[];
  /** The jury (final) board: where it must end. Teams not on the public board are ignored. */
  juryRows: readonly ScoreboardRow[];
  /** Problem ids in column order: a team's cells are revealed left to right. */
  problemIds: readonly string[];
  teamName(teamId: string): string;
  penaltyMinutes: number;
  scoreboardType: ScoreboardType;
  /** Jury awards (`/awards`); announced when the resolver reaches a team that has one. */
  awards: readonly Pick<Award, 'id' | 'citation' | 'team_ids'>[];
}

/** One press of "next": reveal one frozen cell, or announce a team's awards. */
export type ResolverStep =
  | { kind: 'reveal'; teamId: string; problemId: string }
  | { kind: 'award'; teamId: string; citations: string[] };

/** The board after some number of steps. */
export interface ResolverState {
  /** Ranked rows, in display order. */
  rows: readonly ScoreboardRow[];
  /** The team the resolver is on (highlighted); null before the first step. */
  cursorTeamId: string | null;
  /** The cell the last step revealed, if it was a reveal. */
  revealed: { teamId: string; problemId: string } | null;
  /** Awards the last step announced, if it was an announcement. */
  announcement: { teamId: string; citations: string[] } | null;
  /** Frozen cells still to reveal. */
  remaining: number;
}

/** The whole ceremony: `states[i]` is the board after `steps[0..i-1]`; going back is `i - 1`. */
export interface ResolverPlan {
  steps: readonly ResolverStep[];
  states: readonly ResolverState[];
}

function sameCell(a: ScoreboardProblemCell | undefined, b: ScoreboardProblemCell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.num_judged === b.num_judged && a.num_pending === b.num_pending && a.solved === b.solved && a.time === b.time
    && (a.first_to_solve ?? false) === (b.first_to_solve ?? false) && a.score === b.score;
}

function cellOf(row: ScoreboardRow | undefined, problemId: string): ScoreboardProblemCell | undefined {
  return row?.problems.find((c) => c.problem_id === problemId);
}

/**
 * Plans an ICPC-resolver ceremony, client-side and pure. Starting from the public board, the
 * cursor sits on the lowest-ranked team; each step reveals that team's leftmost frozen cell
 * (any cell that differs from the jury board): the cell takes its jury value, the team's score
 * is updated and the board re-ranked, so the team may move up and the cursor then looks at
 * whoever is now in that place. When the team under the cursor has nothing left to reveal, its
 * awards (if any) are announced as one step, and the cursor moves up one place. When a team's
 * last cell is revealed, its score becomes exactly the jury's, so the final state equals the
 * jury board (restricted to the public board's teams). Never mutates the input.
 */
export function planResolver(input: ResolverInput): ResolverPlan {
  const type = input.scoreboardType;
  const juryByTeam = new Map(input.juryRows.map((r) => [r.team_id, r]));
  const unresolved = new Map<string, string[]>();
  for (const row of input.publicRows) {
    const jury = juryByTeam.get(row.team_id);
    if (!jury) continue;
    const cells = input.problemIds.filter((p) => !sameCell(cellOf(row, p), cellOf(jury, p)));
    if (cells.length > 0 || !sameScore(row, jury)) unresolved.set(row.team_id, cells);
  }
  const citationsOf = new Map<string, string[]>();
  for (const award of input.awards) {
    for (const teamId of award.team_ids) citationsOf.set(teamId, [...(citationsOf.get(teamId) ?? []), award.citation]);
  }

  let rows: ScoreboardRow[] = [...input.publicRows];
  let remaining = [...unresolved.values()].reduce((n, cells) => n + cells.length, 0);
  const steps: ResolverStep[] = [];
  const states: ResolverState[] = [{ rows, cursorTeamId: null, revealed: null, announcement: null, remaining }];
  let cursor = rows.length - 1;
  while (cursor >= 0) {
    // A team that dropped below the cursor (cannot happen with a consistent freeze) is picked up again.
    const lowest = lowestUnresolved(rows, unresolved);
    if (lowest > cursor) cursor = lowest;
    const row = rows[cursor]!;
    const cells = unresolved.get(row.team_id);
    if (cells !== undefined) {
      const problemId = cells.shift();
      const jury = juryByTeam.get(row.team_id)!;
      const updated = problemId === undefined ? jury : revealCell(row, jury, problemId, cells.length === 0, input.penaltyMinutes, type);
      if (cells.length === 0) unresolved.delete(row.team_id);
      rows = rankRows(rows.map((r) => (r === row ? updated : r)), input.teamName, type);
      if (problemId === undefined) continue; // only the score differed (judge-added penalty): no step
      remaining--;
      steps.push({ kind: 'reveal', teamId: row.team_id, problemId });
      states.push({ rows, cursorTeamId: row.team_id, revealed: { teamId: row.team_id, problemId }, announcement: null, remaining });
      continue;
    }
    const citations = citationsOf.get(row.team_id);
    if (citations !== undefined) {
      steps.push({ kind: 'award', teamId: row.team_id, citations });
      states.push({ rows, cursorTeamId: row.team_id, revealed: null, announcement: { teamId: row.team_id, citations }, remaining });
    }
    cursor--;
  }
  return { steps, states };
}

function sameScore(a: ScoreboardRow, b: ScoreboardRow): boolean {
  return a.score.num_solved === b.score.num_solved && a.score.total_time === b.score.total_time && a.score.score === b.score.score;
}

function lowestUnresolved(rows: readonly ScoreboardRow[], unresolved: ReadonlyMap<string, string[]>): number {
  for (let i = rows.length - 1; i >= 0; i--) if (unresolved.has(rows[i]!.team_id)) return i;
  return -1;
}

/**
 * The team's row with one cell set to its jury value. Its score moves by the difference of the
 * cell's contribution; on the team's last frozen cell it becomes the jury's score exactly.
 */
function revealCell(row: ScoreboardRow, jury: ScoreboardRow, problemId: string, last: boolean, penaltyMinutes: number, type: ScoreboardType): ScoreboardRow {
  const before = cellOf(row, problemId);
  const after = cellOf(jury, problemId);
  const problems = after === undefined ? row.problems.filter((c) => c.problem_id !== problemId) : row.problems.some((c) => c.problem_id === problemId)
    ? row.problems.map((c) => (c.problem_id === problemId ? after : c))
    : [...row.problems, after];
  if (last) return { ...row, problems, score: jury.score };
  const delta = cellContribution(after, penaltyMinutes, type) - cellContribution(before, penaltyMinutes, type);
  const score = type === 'pass-fail'
    ? { ...row.score, num_solved: problems.filter((c) => c.solved).length, total_time: (row.score.total_time ?? 0) + delta }
    : { ...row.score, num_solved: problems.filter((c) => c.solved).length, score: (row.score.score ?? 0) + delta };
  return { ...row, problems, score };
}
