import type { ScoreboardProblemCell, ScoreboardRow } from '@arena/protocol';

export type ScoreboardType = 'pass-fail' | 'score';

/**
 * Minute of the last accepted (pass-fail) or last scoring (score) cell: the CLICS tie-break
 * "earlier last accepted minute first". 0 when the team has none.
 */
export function lastImprovementMinute(row: ScoreboardRow, type: ScoreboardType): number {
  let last = 0;
  for (const cell of row.problems) {
    const counts = type === 'pass-fail' ? cell.solved : (cell.score ?? 0) > 0;
    if (counts && cell.time !== undefined) last = Math.max(last, cell.time);
  }
  return last;
}

/** Negative when `a` ranks above `b` on score alone; 0 when they tie. */
function compareScore(a: ScoreboardRow, b: ScoreboardRow, type: ScoreboardType): number {
  if (type === 'pass-fail') {
    return (b.score.num_solved ?? 0) - (a.score.num_solved ?? 0)
      || (a.score.total_time ?? 0) - (b.score.total_time ?? 0)
      || lastImprovementMinute(a, type) - lastImprovementMinute(b, type);
  }
  return (b.score.score ?? 0) - (a.score.score ?? 0) || lastImprovementMinute(a, type) - lastImprovementMinute(b, type);
}

/**
 * Orders rows as CLICS does (pass-fail: solved desc, total time asc, last accepted minute asc;
 * score: score desc, last improvement asc), ties shown alphabetically by team name, and gives
 * tied teams the same rank with the following ranks skipped (4 teams tied at 17 -> next is 21).
 * Returns new row objects; the input is not touched.
 */
export function rankRows(rows: readonly ScoreboardRow[], teamName: (teamId: string) => string, type: ScoreboardType): ScoreboardRow[] {
  const sorted = [...rows].sort((a, b) => compareScore(a, b, type) || teamName(a.team_id).localeCompare(teamName(b.team_id)) || a.team_id.localeCompare(b.team_id));
  let rank = 1;
  return sorted.map((row, index) => {
    if (index > 0 && compareScore(sorted[index - 1]!, row, type) !== 0) rank = index + 1;
    return row.rank === rank ? row : { ...row, rank };
  });
}

/** Contribution of one cell to its team's total: penalty minutes (pass-fail) or points (score). */
export function cellContribution(cell: ScoreboardProblemCell | undefined, penaltyMinutes: number, type: ScoreboardType): number {
  if (cell === undefined) return 0;
  if (type === 'score') return cell.score ?? 0;
  return cell.solved ? (cell.time ?? 0) + penaltyMinutes * Math.max(0, cell.num_judged - 1) : 0;
}
