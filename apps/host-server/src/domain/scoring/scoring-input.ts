/**
 * What the scoring domain is computed from: plain data, already parsed and typed. Times are
 * contest times in milliseconds (negative = before the start); nothing here reads a clock.
 */

/** `public` = what contestants and the audience see (frozen board); `jury` = everything. */
export type ScoreboardView = 'public' | 'jury';

export type ScoreboardType = 'pass-fail' | 'score';

export interface ScoringRules {
  scoreboardType: ScoreboardType;
  /** Minutes added per earlier penalty-carrying rejection on a solved problem (CLICS default 20). */
  penaltyMinutes: number;
  /** Submissions at or after this contest time do not count at all. */
  contestDurationMs: number;
  /**
   * Contest time from which the PUBLIC view shows submissions as pending; null = no freeze
   * (never frozen, or already thawed). The jury view ignores it.
   */
  freezeTimeMs: number | null;
  /**
   * Judgement types that mean "the judging failed" rather than a verdict: such a judgement leaves
   * the submission pending. Defaults to `['JE']`.
   */
  pendingJudgementTypeIds?: readonly string[];
}

/** How a test case result of a scoring problem is aggregated inside its test group. */
export type ScoreAggregation = 'pass-fail' | 'sum' | 'min';

/**
 * A test group (subtask) of a scoring problem. A test case belongs to the group whose `path` is
 * the longest prefix of its name (`secret/group1` holds `secret/group1/03-big`).
 */
export interface ScoringTestGroup {
  path: string;
  maxScore: number;
  aggregation: ScoreAggregation;
  /** Paths of groups that must be fully accepted in the same submission for this one to score. */
  requirePass: readonly string[];
}

export interface ScoringProblem {
  id: string;
  label: string;
  ordinal: number;
  /** Scoring problems only: subtasks. Empty = the judgement's own `score` is the problem score. */
  testGroups?: readonly ScoringTestGroup[];
  /** Scoring problems only: full marks (used for `solved` on a score board). */
  maxScore?: number;
}

export interface ScoringTeam {
  id: string;
  name: string;
  groupIds: readonly string[];
  /** Penalty minutes added (or removed, if negative) by the judges. */
  addedPenaltyMinutes?: number;
}

export interface ScoringSubmission {
  id: string;
  teamId: string;
  problemId: string;
  contestTimeMs: number;
}

/** One test case's outcome, for scoring problems. `scoreFraction` in [0, 1]; default 1 if accepted, else 0. */
export interface ScoringTestcaseResult {
  name: string;
  accepted: boolean;
  scoreFraction?: number;
}

/**
 * A judgement of a submission. A submission may have several (rejudges, aborted judgings); give
 * them in the order they were created: the LAST valid one with a judgement type is the one that
 * counts. `judgementTypeId: null` = judging not finished.
 */
export interface ScoringJudgement {
  submissionId: string;
  judgementTypeId: string | null;
  valid: boolean;
  /** Scoring problems without test groups: the submission's score. */
  score?: number;
  /** Scoring problems with test groups: per test case results. */
  testcaseResults?: readonly ScoringTestcaseResult[];
}

export interface ScoringJudgementType {
  id: string;
  penalty: boolean;
  solved: boolean;
}

export interface ScoringInput {
  rules: ScoringRules;
  problems: readonly ScoringProblem[];
  teams: readonly ScoringTeam[];
  submissions: readonly ScoringSubmission[];
  judgements: readonly ScoringJudgement[];
  judgementTypes: readonly ScoringJudgementType[];
}

/** CLICS contest minute: whole minutes since the start, rounded DOWN (also below zero). */
export function contestMinute(contestTimeMs: number): number {
  return Math.floor(contestTimeMs / 60_000);
}
