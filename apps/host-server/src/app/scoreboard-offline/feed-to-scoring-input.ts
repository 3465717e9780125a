import type { ContestFeed, FeedProblem } from '../../domain/feed/feed-model';
import { freezeTimeFromDurations } from '../../domain/scoring/freeze-view';
import { withKnownJudgementTypes } from '../../domain/scoring/known-judgement-types';
import type { ScoringInput } from '../../domain/scoring/scoring-input';
import { AppError } from '../errors';

/**
 * Turns a parsed event feed into scoring input. The feed must have a contest (its duration
 * decides which submissions count). The freeze applies (public view) unless the feed's state says
 * the board was thawed. Problems are ordered by ordinal, or by label if any lacks one (real feeds
 * drop an ordinal of 0: NWERC 2017's problem A has none). Hidden teams are left out. Judgement types the feed uses but does not
 * define are taken from the common CLICS ones.
 */
export function feedToScoringInput(feed: ContestFeed): ScoringInput {
  const contest = feed.contest;
  if (!contest) throw new AppError('bad_request', 'The event feed has no contest object, so the contest length is unknown.');
  return {
    rules: {
      scoreboardType: contest.scoreboardType,
      penaltyMinutes: contest.penaltyMinutes,
      contestDurationMs: contest.durationMs,
      freezeTimeMs: freezeTimeFromDurations(contest.durationMs, contest.freezeDurationMs, feed.state?.thawed != null),
    },
    problems: problemsInColumnOrder(feed).map((p, index) => ({
      id: p.id, label: p.label, ordinal: index, ...(p.maxScore !== undefined ? { maxScore: p.maxScore } : {}),
    })),
    teams: feed.teams.filter((t) => !t.hidden).map((t) => ({ id: t.id, name: t.name, groupIds: t.groupIds })),
    submissions: feed.submissions,
    judgements: feed.judgements.map((j) => ({
      submissionId: j.submissionId,
      judgementTypeId: j.judgementTypeId,
      valid: j.valid,
      ...(j.score !== undefined ? { score: j.score } : {}),
    })),
    judgementTypes: withKnownJudgementTypes(feed.judgementTypes),
  };
}

function problemsInColumnOrder(feed: ContestFeed): FeedProblem[] {
  const byLabel = (a: FeedProblem, b: FeedProblem): number => a.label.localeCompare(b.label, 'en-US', { numeric: true }) || (a.id < b.id ? -1 : 1);
  const allHaveOrdinals = feed.problems.every((p) => p.ordinal !== null);
  return [...feed.problems].sort((a, b) => (allHaveOrdinals ? a.ordinal! - b.ordinal! : 0) || byLabel(a, b));
}
