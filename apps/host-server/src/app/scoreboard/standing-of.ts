import type { Standing } from '../../domain/ranking/composite-score';
import type { ScoreboardType } from '../../domain/scoring/scoring-input';
import type { TeamScore } from '../../domain/scoring/team-score';

const MAX_MINUTE = 2 ** 20 - 1;

/** Minutes before the start rank like minute 0 in the packed standing (the domain ranks them as 0 too when null). */
function clampMinute(minute: number | null): number {
  return Math.min(MAX_MINUTE, Math.max(0, minute ?? 0));
}

/**
 * A team score as the ranking store's standing. Equal standings mean equal rank keys, as in
 * the domain's compareTeamScores, except that a last-AC minute below zero counts as 0.
 */
export function standingOf(type: ScoreboardType, score: TeamScore): Standing {
  return type === 'pass-fail'
    ? { solved: score.numSolved, penaltyMinutes: score.totalTimeMinutes, lastAcMinute: clampMinute(score.lastImprovementMinute) }
    : { score: score.score, lastImprovementMinute: clampMinute(score.lastImprovementMinute) };
}
