import { visibleOutcome } from './freeze-view';
import type { ScoreboardView, ScoringInput, ScoringJudgement, ScoringJudgementType, ScoringProblem } from './scoring-input';
import { resolveSubmissionOutcome } from './submission-outcome';
import { computeTeamScore, type TeamScore, type VisibleSubmission } from './team-score';

const DEFAULT_PENDING_TYPE_IDS: readonly string[] = ['JE'];

/**
 * Resolves every submission's outcome, applies the view (freeze) and groups them by team.
 * Submissions of teams not in `input.teams` are dropped. Throws UnknownJudgementTypeError if a
 * counting judgement has a type not in `input.judgementTypes`.
 */
export function visibleSubmissionsByTeam(input: ScoringInput, view: ScoreboardView): Map<string, VisibleSubmission[]> {
  const types = new Map<string, ScoringJudgementType>(input.judgementTypes.map((t) => [t.id, t]));
  const pendingTypeIds = new Set(input.rules.pendingJudgementTypeIds ?? DEFAULT_PENDING_TYPE_IDS);
  const judgementsBySubmission = new Map<string, ScoringJudgement[]>();
  for (const judgement of input.judgements) {
    const list = judgementsBySubmission.get(judgement.submissionId) ?? [];
    list.push(judgement);
    judgementsBySubmission.set(judgement.submissionId, list);
  }
  const byTeam = new Map<string, VisibleSubmission[]>(input.teams.map((t) => [t.id, []]));
  for (const submission of input.submissions) {
    const list = byTeam.get(submission.teamId);
    if (!list) continue;
    const outcome = resolveSubmissionOutcome(submission.id, judgementsBySubmission.get(submission.id) ?? [], types, pendingTypeIds);
    list.push({ submission, outcome: visibleOutcome(outcome, submission.contestTimeMs, view, input.rules.freezeTimeMs) });
  }
  return byTeam;
}

/** Problems in scoreboard column order: by ordinal, then label. Pass this order to computeTeamScore. */
export function orderProblems(problems: readonly ScoringProblem[]): ScoringProblem[] {
  return [...problems].sort((a, b) => (a.ordinal - b.ordinal) || a.label.localeCompare(b.label));
}

/**
 * Every team's score in the given view, keyed by team id (teams without submissions included),
 * problems in column order (orderProblems).
 */
export function computeTeamScores(input: ScoringInput, view: ScoreboardView): Map<string, TeamScore> {
  const byTeam = visibleSubmissionsByTeam(input, view);
  const problems = orderProblems(input.problems);
  const scores = new Map<string, TeamScore>();
  for (const team of input.teams) {
    scores.set(team.id, computeTeamScore(team.id, team.addedPenaltyMinutes ?? 0, problems, byTeam.get(team.id) ?? [], input.rules));
  }
  return scores;
}
