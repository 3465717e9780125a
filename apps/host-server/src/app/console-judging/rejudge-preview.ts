import type { ScoreboardChange } from '@arena/protocol';
import { computeScoreboard } from '../../domain/scoring/scoreboard';
import type { ScoringInput, ScoringJudgement } from '../../domain/scoring/scoring-input';

/**
 * What applying new verdicts would do to the JURY scoreboard (pure): both boards are computed by
 * the scoring domain, once from `input` and once with each submission in `newVerdicts` judged
 * anew (its earlier judgements invalid, the new verdict the last valid one). Returns only teams
 * whose rank, solved count or penalty would change, best new rank first.
 */
export function scoreboardChanges(input: ScoringInput, newVerdicts: ReadonlyMap<string, string>): ScoreboardChange[] {
  if (newVerdicts.size === 0) return [];
  const judgements: ScoringJudgement[] = input.judgements.map((j) => (newVerdicts.has(j.submissionId) ? { ...j, valid: false } : j));
  for (const [submissionId, verdict] of newVerdicts) judgements.push({ submissionId, judgementTypeId: verdict, valid: true });
  const before = computeScoreboard(input, { view: 'jury' });
  const after = computeScoreboard({ ...input, judgements }, { view: 'jury' });
  const names = new Map(input.teams.map((t) => [t.id, t.name]));
  const old = new Map(before.ranked.map((r) => [r.score.teamId, r]));
  const changes: ScoreboardChange[] = [];
  for (const now of after.ranked) {
    const was = old.get(now.score.teamId);
    if (!was) continue;
    if (was.rank === now.rank && was.score.numSolved === now.score.numSolved && was.score.totalTimeMinutes === now.score.totalTimeMinutes) continue;
    changes.push({
      teamId: now.score.teamId, teamName: names.get(now.score.teamId) ?? now.score.teamId,
      oldRank: was.rank, newRank: now.rank, oldSolved: was.score.numSolved, newSolved: now.score.numSolved,
      oldPenalty: was.score.totalTimeMinutes, newPenalty: now.score.totalTimeMinutes,
    });
  }
  return changes;
}
