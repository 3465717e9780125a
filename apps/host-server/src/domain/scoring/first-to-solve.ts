import type { TeamScore } from './team-score';

/**
 * Per problem id, the teams that were first to solve it among the given team scores: those whose
 * first accepted submission has the earliest exact contest time (ties at the same instant all
 * get it). Nobody gets it while a pending submission (any team's) made no later than that time
 * exists, since it could still be an earlier solve. Because the scores passed in are already in
 * a view, the public view of a frozen contest never reveals a first solve made after the freeze.
 */
export function firstToSolve(scores: readonly TeamScore[]): Map<string, Set<string>> {
  const earliestSolve = new Map<string, number>();
  const earliestPending = new Map<string, number>();
  for (const team of scores) {
    for (const p of team.problems) {
      if (p.solved && p.solveTimeMs !== null) earliestSolve.set(p.problemId, Math.min(earliestSolve.get(p.problemId) ?? Infinity, p.solveTimeMs));
      if (p.earliestPendingMs !== null) earliestPending.set(p.problemId, Math.min(earliestPending.get(p.problemId) ?? Infinity, p.earliestPendingMs));
    }
  }
  const result = new Map<string, Set<string>>();
  for (const [problemId, solveMs] of earliestSolve) {
    if ((earliestPending.get(problemId) ?? Infinity) <= solveMs) continue;
    const teams = new Set<string>();
    for (const team of scores) {
      const p = team.problems.find((r) => r.problemId === problemId);
      if (p?.solved && p.solveTimeMs === solveMs) teams.add(team.teamId);
    }
    result.set(problemId, teams);
  }
  return result;
}
