import { assembleScoreboard, type ComputedScoreboard } from '../../domain/scoring/scoreboard';
import type { ScoreboardView, ScoringInput, ScoringProblem, ScoringTeam } from '../../domain/scoring/scoring-input';
import { computeTeamScore, type TeamScore } from '../../domain/scoring/team-score';
import { orderProblems, visibleSubmissionsByTeam } from '../../domain/scoring/team-scores';
import type { ContestStructure, TeamActivity } from './scoreboard-source';

const VIEWS: readonly ScoreboardView[] = ['public', 'jury'];
const NO_ACTIVITY: TeamActivity = Object.freeze({ submissions: [], judgements: [] });

/**
 * One contest's live boards, public and jury, kept in memory. Built from a structure (problems,
 * teams, rules) and every team's activity; when one team's submissions or judgements change,
 * only that team is recomputed (a team's score depends on its own submissions alone, see
 * domain/scoring README "Incremental use") and the board is re-ranked on the next read.
 * A structural change (teams, problems, clock) needs a new ContestBoard.
 *
 * Throws UnknownJudgementTypeError (domain) when a counting judgement has an undefined type.
 */
export class ContestBoard {
  private readonly problems: ScoringProblem[];
  private readonly teamsById: Map<string, ScoringTeam>;
  private readonly publicTeams: ScoringTeam[];
  private readonly activity = new Map<string, TeamActivity>();
  private readonly scores: Record<ScoreboardView, Map<string, TeamScore>> = { public: new Map(), jury: new Map() };
  private readonly boards: Partial<Record<ScoreboardView, ComputedScoreboard>> = {};
  /** Bumped on every change of either view; caches key on it. */
  private versionCounter = 0;

  constructor(readonly structure: ContestStructure, activity: ReadonlyMap<string, TeamActivity>) {
    this.problems = orderProblems(structure.problems);
    this.teamsById = new Map(structure.teams.map((t) => [t.id, t]));
    this.publicTeams = structure.teams.filter((t) => structure.publicTeamIds.has(t.id));
    for (const team of structure.teams) this.setTeamActivity(team.id, activity.get(team.id) ?? NO_ACTIVITY);
  }

  get contestId(): string {
    return this.structure.contestId;
  }

  get version(): number {
    return this.versionCounter;
  }

  /** Teams on a view's board: the public one leaves hidden teams out. */
  teamsOf(view: ScoreboardView): readonly ScoringTeam[] {
    return view === 'public' ? this.publicTeams : this.structure.teams;
  }

  /** Replaces one team's activity and recomputes its scores; a team not in the contest is ignored. */
  setTeamActivity(teamId: string, activity: TeamActivity): void {
    const team = this.teamsById.get(teamId);
    if (!team) return;
    const input: ScoringInput = {
      rules: this.structure.rules, problems: this.problems, teams: [team],
      submissions: activity.submissions, judgements: activity.judgements, judgementTypes: this.structure.judgementTypes,
    };
    const computed = VIEWS.map((view) => computeTeamScore(team.id, team.addedPenaltyMinutes ?? 0, this.problems,
      visibleSubmissionsByTeam(input, view).get(team.id) ?? [], this.structure.rules));
    this.activity.set(teamId, activity);
    VIEWS.forEach((view, i) => this.scores[view].set(teamId, computed[i]!));
    delete this.boards.public;
    delete this.boards.jury;
    this.versionCounter++;
  }

  /** A team's current activity (what its scores were computed from), or undefined for a team not in the contest. */
  teamActivity(teamId: string): TeamActivity | undefined {
    return this.teamsById.has(teamId) ? this.activity.get(teamId) : undefined;
  }

  /** A team's current score in a view, or undefined for a team not in the contest. */
  teamScore(view: ScoreboardView, teamId: string): TeamScore | undefined {
    return this.scores[view].get(teamId);
  }

  /** The ranked board of a view (re-ranked lazily after changes). */
  board(view: ScoreboardView): ComputedScoreboard {
    let board = this.boards[view];
    if (!board) {
      board = assembleScoreboard(this.structure.rules.scoreboardType, this.teamsOf(view), this.scores[view]);
      this.boards[view] = board;
    }
    return board;
  }
}
