import type { Award } from '@arena/protocol';
import { hasScored, rankTeamScores } from './ranking';
import type { ComputedScoreboard } from './scoreboard';
import type { ScoringProblem, ScoringTeam } from './scoring-input';

export interface MedalCounts {
  gold: number;
  silver: number;
  bronze: number;
  /** "B": extra bronze medals awarded by the jury on top of `bronze`. */
  extraBronze: number;
}

/** World Finals defaults: 4 gold, 4 silver, 4 bronze, no extra bronze. */
export const DEFAULT_MEDALS: MedalCounts = Object.freeze({ gold: 4, silver: 4, bronze: 4, extraBronze: 0 });

export interface GroupRef {
  id: string;
  name: string;
}

/**
 * CLICS awards for a computed board (in whatever view it was computed: on a frozen public board
 * they reflect only what is public). Medals go by rank: gold to ranks 1..G, silver to G+1..G+S,
 * bronze to G+S+1..G+S+B+extra; a tie across a boundary gets the better medal. Only teams that
 * have scored get medals, `winner` or group wins. Also `first-to-solve-<problem>` per problem and
 * `group-winner-<group>` per group given (the group's best teams, ranked among the group's teams
 * on this board). Awards with no team are still listed, with an empty `team_ids`.
 */
export function computeAwards(
  board: ComputedScoreboard,
  teams: readonly ScoringTeam[],
  problems: readonly ScoringProblem[],
  groups: readonly GroupRef[],
  medals: MedalCounts = DEFAULT_MEDALS,
): Award[] {
  const scored = board.ranked.filter((r) => hasScored(board.type, r.score));
  const withRankIn = (low: number, high: number): string[] => scored.filter((r) => r.rank >= low && r.rank <= high).map((r) => r.score.teamId);
  const goldEnd = medals.gold;
  const silverEnd = goldEnd + medals.silver;
  const bronzeEnd = silverEnd + medals.bronze + medals.extraBronze;
  const awards: Award[] = [
    { id: 'winner', citation: 'Contest winner', team_ids: withRankIn(1, 1) },
    { id: 'gold-medal', citation: 'Gold medal winner', team_ids: withRankIn(1, goldEnd) },
    { id: 'silver-medal', citation: 'Silver medal winner', team_ids: withRankIn(goldEnd + 1, silverEnd) },
    { id: 'bronze-medal', citation: 'Bronze medal winner', team_ids: withRankIn(silverEnd + 1, bronzeEnd) },
  ];
  for (const problem of problems) {
    awards.push({
      id: `first-to-solve-${problem.id}`,
      citation: `First to solve problem ${problem.label}`,
      team_ids: [...(board.firstToSolve.get(problem.id) ?? [])].sort(),
    });
  }
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const groupsOf = new Map(teams.map((t) => [t.id, t.groupIds]));
  for (const group of groups) {
    const members = board.ranked.filter((r) => groupsOf.get(r.score.teamId)?.includes(group.id)).map((r) => r.score);
    const ranked = rankTeamScores(board.type, members, (id) => names.get(id) ?? id);
    awards.push({
      id: `group-winner-${group.id}`,
      citation: `Winner(s) of group ${group.name}`,
      team_ids: ranked.filter((r) => r.rank === 1 && hasScored(board.type, r.score)).map((r) => r.score.teamId),
    });
  }
  return awards;
}
