import { subtaskScores } from './subtask-score';
import { contestMinute, type ScoringProblem, type ScoringRules, type ScoringSubmission } from './scoring-input';
import type { SubmissionOutcome } from './submission-outcome';

/** A team's standing on one problem, in the view it was computed for. */
export interface ProblemResult {
  problemId: string;
  /** Judged submissions up to and including the first accepted one (CE not counted). */
  numJudged: number;
  /** Pending submissions (unjudged, judging error, or hidden by the freeze) before the first accepted one. */
  numPending: number;
  solved: boolean;
  /** Pass-fail: minute of the first accepted submission. Score: minute of the last improvement. Null if none. */
  timeMinutes: number | null;
  /** Pass-fail: exact contest time of the first accepted submission (first-to-solve); null if unsolved. */
  solveTimeMs: number | null;
  /** Earliest counted pending submission, or null: an earlier pending run may still beat a first solve. */
  earliestPendingMs: number | null;
  /** Pass-fail: solve minute + penalty for earlier penalty-carrying rejections; 0 if unsolved. */
  penaltyMinutes: number;
  /** Score contests: sum over subtasks of the best score per subtask. Pass-fail: 0. */
  score: number;
}

/**
 * A team's complete scoreboard state. Depends only on this team's submissions, so when one of
 * its judgements changes the host recomputes just this team and re-ranks.
 */
export interface TeamScore {
  teamId: string;
  /** One per problem, in the order of the problems given. */
  problems: ProblemResult[];
  numSolved: number;
  /** Pass-fail: sum of problem penalties plus judge-added penalty. */
  totalTimeMinutes: number;
  /** Score contests: total score. */
  score: number;
  /** Pass-fail: minute of the last accepted submission; score: minute of the last total-score improvement. */
  lastImprovementMinute: number | null;
}

/** A submission with the outcome visible in the view being computed (see freeze-view.ts). */
export interface VisibleSubmission {
  submission: ScoringSubmission;
  outcome: SubmissionOutcome;
}

/**
 * Computes one team's score from its submissions (any order; sorted here by contest time, input
 * order breaking ties). Submissions at or after the contest end, or for unknown problems, are
 * ignored. Pure: the outcomes must already have the view (freeze) applied.
 */
export function computeTeamScore(
  teamId: string,
  addedPenaltyMinutes: number,
  problems: readonly ScoringProblem[],
  submissions: readonly VisibleSubmission[],
  rules: ScoringRules,
): TeamScore {
  const byProblem = new Map<string, VisibleSubmission[]>(problems.map((p) => [p.id, []]));
  for (const entry of submissions) {
    if (entry.submission.contestTimeMs >= rules.contestDurationMs) continue;
    byProblem.get(entry.submission.problemId)?.push(entry);
  }
  const results = problems.map((problem) => {
    const entries = [...byProblem.get(problem.id)!].sort((a, b) => a.submission.contestTimeMs - b.submission.contestTimeMs);
    return rules.scoreboardType === 'pass-fail'
      ? passFailProblemResult(problem.id, entries, rules.penaltyMinutes)
      : scoreProblemResult(problem, entries);
  });
  const solved = results.filter((r) => r.solved);
  if (rules.scoreboardType === 'pass-fail') {
    return {
      teamId,
      problems: results,
      numSolved: solved.length,
      totalTimeMinutes: solved.reduce((sum, r) => sum + r.penaltyMinutes, 0) + addedPenaltyMinutes,
      score: 0,
      lastImprovementMinute: maxOrNull(solved.map((r) => r.timeMinutes!)),
    };
  }
  const scored = results.filter((r) => r.score > 0);
  return {
    teamId,
    problems: results,
    numSolved: solved.length,
    totalTimeMinutes: 0,
    score: roundScore(results.reduce((sum, r) => sum + r.score, 0)),
    lastImprovementMinute: maxOrNull(scored.map((r) => r.timeMinutes!)),
  };
}

/** CLICS pass-fail: nothing after the first accepted submission counts, not even as pending. */
function passFailProblemResult(problemId: string, entries: readonly VisibleSubmission[], penaltyMinutes: number): ProblemResult {
  const result: ProblemResult = {
    problemId, numJudged: 0, numPending: 0, solved: false, timeMinutes: null, solveTimeMs: null,
    earliestPendingMs: null, penaltyMinutes: 0, score: 0,
  };
  let rejections = 0;
  for (const { submission, outcome } of entries) {
    if (outcome.kind === 'pending') {
      result.numPending++;
      result.earliestPendingMs ??= submission.contestTimeMs;
      continue;
    }
    if (!outcome.countsAsJudged) continue;
    result.numJudged++;
    if (outcome.solved) {
      result.solved = true;
      result.solveTimeMs = submission.contestTimeMs;
      result.timeMinutes = contestMinute(submission.contestTimeMs);
      result.penaltyMinutes = result.timeMinutes + penaltyMinutes * rejections;
      break;
    }
    if (outcome.penalty) rejections++;
  }
  return result;
}

/**
 * IOI: best score per subtask over all judged submissions; time = minute of the last improvement.
 * `solved` = full marks (`maxScore`) reached, at `solveTimeMs`.
 */
function scoreProblemResult(problem: ScoringProblem, entries: readonly VisibleSubmission[]): ProblemResult {
  const result: ProblemResult = {
    problemId: problem.id, numJudged: 0, numPending: 0, solved: false, timeMinutes: null, solveTimeMs: null,
    earliestPendingMs: null, penaltyMinutes: 0, score: 0,
  };
  const best = new Map<string, number>();
  for (const { submission, outcome } of entries) {
    if (outcome.kind === 'pending') {
      result.numPending++;
      result.earliestPendingMs ??= submission.contestTimeMs;
      continue;
    }
    if (!outcome.countsAsJudged) continue;
    result.numJudged++;
    for (const [key, value] of subtaskScores(problem, outcome)) {
      if (value > (best.get(key) ?? 0)) best.set(key, value);
    }
    const total = roundScore([...best.values()].reduce((sum, v) => sum + v, 0));
    if (total > result.score) {
      result.score = total;
      result.timeMinutes = contestMinute(submission.contestTimeMs);
      if (!result.solved && problem.maxScore !== undefined && problem.maxScore > 0 && total >= problem.maxScore) {
        result.solved = true;
        result.solveTimeMs = submission.contestTimeMs;
      }
    }
  }
  return result;
}

function maxOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

/** Scores are sums of fractions: round away float noise (1e-6 points). */
export function roundScore(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
