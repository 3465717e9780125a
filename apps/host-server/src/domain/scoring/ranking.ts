import type { ScoreboardType } from './scoring-input';
import type { TeamScore } from './team-score';

export interface RankedTeam {
  rank: number;
  score: TeamScore;
}

/**
 * Orders two team scores, best first; 0 = a full tie (they share a rank).
 * Pass-fail (CLICS): more solved, then less total time, then earlier last accepted minute.
 * Score (our choice, CLICS "time of last score improvement" tie-break): higher score, then
 * earlier minute of the last improvement of the total score.
 */
export function compareTeamScores(type: ScoreboardType, a: TeamScore, b: TeamScore): number {
  if (type === 'pass-fail') {
    return (b.numSolved - a.numSolved)
      || (a.totalTimeMinutes - b.totalTimeMinutes)
      || ((a.lastImprovementMinute ?? 0) - (b.lastImprovementMinute ?? 0));
  }
  return (b.score - a.score) || ((a.lastImprovementMinute ?? 0) - (b.lastImprovementMinute ?? 0));
}

const collator = new Intl.Collator('en-US');

/**
 * Sorts and ranks team scores. Full ties share a rank and skip the following ones (four teams
 * tied at 17, next is 21). Within a tie, teams are listed by name (Unicode collation, en-US, as
 * CLICS says), then by id so the order is total.
 */
export function rankTeamScores(type: ScoreboardType, scores: readonly TeamScore[], nameOf: (teamId: string) => string): RankedTeam[] {
  const sorted = [...scores].sort((a, b) => compareTeamScores(type, a, b)
    || collator.compare(nameOf(a.teamId), nameOf(b.teamId))
    || (a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0));
  const ranked: RankedTeam[] = [];
  sorted.forEach((score, index) => {
    const previous = ranked[index - 1];
    const tied = previous !== undefined && compareTeamScores(type, previous.score, score) === 0;
    ranked.push({ rank: tied ? previous.rank : index + 1, score });
  });
  return ranked;
}

/** Whether a team has scored at all (CLICS awards are empty until someone has). */
export function hasScored(type: ScoreboardType, score: TeamScore): boolean {
  return type === 'pass-fail' ? score.numSolved > 0 : score.score > 0;
}
