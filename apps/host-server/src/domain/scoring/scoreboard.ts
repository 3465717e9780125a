import type { ScoreboardProblemCell, ScoreboardRow } from '@arena/protocol';
import { firstToSolve } from './first-to-solve';
import { rankTeamScores, type RankedTeam } from './ranking';
import type { ScoreboardType, ScoreboardView, ScoringInput, ScoringTeam } from './scoring-input';
import type { TeamScore } from './team-score';
import { computeTeamScores } from './team-scores';

export interface ComputedScoreboard {
  type: ScoreboardType;
  /** Teams on this board, best first, with ranks. */
  ranked: RankedTeam[];
  /** Problem id → ids of the teams first to solve it (on this board). */
  firstToSolve: Map<string, Set<string>>;
  /** CLICS scoreboard rows, same order as `ranked`. */
  rows: ScoreboardRow[];
}

export interface ScoreboardOptions {
  view: ScoreboardView;
  /** Only teams in this group are on the board (ranked among themselves). */
  groupId?: string;
}

/**
 * The whole scoreboard in one view. Equivalent to computeTeamScores + assembleScoreboard; the
 * host keeps the per-team scores and, when one team's judgement changes, recomputes that team
 * (computeTeamScore) and calls assembleScoreboard again.
 */
export function computeScoreboard(input: ScoringInput, options: ScoreboardOptions): ComputedScoreboard {
  const scores = computeTeamScores(input, options.view);
  const teams = options.groupId === undefined ? input.teams : input.teams.filter((t) => t.groupIds.includes(options.groupId!));
  return assembleScoreboard(input.rules.scoreboardType, teams, scores);
}

/**
 * Ranks the given teams' scores, marks first to solve among them and renders CLICS rows.
 * Every team must have a score in `scores` (a missing one is an error: it would silently vanish).
 */
export function assembleScoreboard(type: ScoreboardType, teams: readonly ScoringTeam[], scores: ReadonlyMap<string, TeamScore>): ComputedScoreboard {
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const onBoard = teams.map((t) => {
    const score = scores.get(t.id);
    if (!score) throw new Error(`no score computed for team ${t.id}`);
    return score;
  });
  const ranked = rankTeamScores(type, onBoard, (id) => names.get(id) ?? id);
  const fts = firstToSolve(onBoard);
  const rows = ranked.map(({ rank, score }) => toRow(type, rank, score, fts));
  return { type, ranked, firstToSolve: fts, rows };
}

function toRow(type: ScoreboardType, rank: number, score: TeamScore, fts: ReadonlyMap<string, ReadonlySet<string>>): ScoreboardRow {
  const problems: ScoreboardProblemCell[] = score.problems.map((p) => ({
    problem_id: p.problemId,
    num_judged: p.numJudged,
    num_pending: p.numPending,
    solved: p.solved,
    ...(type === 'score' ? { score: p.score } : {}),
    ...(p.timeMinutes !== null && (p.solved || type === 'score') ? { time: p.timeMinutes } : {}),
    first_to_solve: fts.get(p.problemId)?.has(score.teamId) ?? false,
  }));
  const time = score.lastImprovementMinute !== null ? { time: score.lastImprovementMinute } : {};
  return {
    rank,
    team_id: score.teamId,
    score: type === 'pass-fail'
      ? { num_solved: score.numSolved, total_time: score.totalTimeMinutes, ...time }
      : { score: score.score, ...time },
    problems,
  };
}
