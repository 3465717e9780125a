import { parseRelTime } from '@arena/protocol';
import type { Db } from '../../adapters/sqlite/database';
import { ContestClock, freezeStartMs, startMs } from '../../domain/clock/contest-clock';
import type { GroupRef } from '../../domain/scoring/awards';
import { withKnownJudgementTypes } from '../../domain/scoring/known-judgement-types';
import type {
  ScoreboardType, ScoringJudgement, ScoringJudgementType, ScoringProblem, ScoringRules, ScoringSubmission, ScoringTeam,
} from '../../domain/scoring/scoring-input';

/** Everything about a contest except its submissions: what a structural change reloads. */
export interface ContestStructure {
  contestId: string;
  clock: ContestClock;
  rules: ScoringRules;
  problems: ScoringProblem[];
  /** Every team (the jury board). */
  teams: ScoringTeam[];
  /** Teams on the public board: not hidden, in no hidden group. */
  publicTeamIds: ReadonlySet<string>;
  /** Groups that are not hidden (group-winner awards). */
  publicGroups: GroupRef[];
  judgementTypes: ScoringJudgementType[];
}

/** One team's submissions and their judgements (creation order), as the domain takes them. */
export interface TeamActivity {
  submissions: ScoringSubmission[];
  judgements: ScoringJudgement[];
}

/** Thrown when stored contest data cannot be scored (the contest is left off the live boards). */
export class UnscorableContestError extends Error {
  constructor(contestId: string, reason: string) {
    super(`contest ${contestId} cannot be scored: ${reason}`);
    this.name = 'UnscorableContestError';
  }
}

type Row = Record<string, unknown>;

function parseJson(text: unknown, contestId: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(String(text));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UnscorableContestError(contestId, `${what} is not a JSON object`);
}

/** CLICS `penalty_time`: integer minutes, or (newer specs) a RELTIME. Default 20. */
function penaltyMinutesOf(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    try {
      return Math.floor(parseRelTime(value) / 60_000);
    } catch {
      return 20;
    }
  }
  return 20;
}

/**
 * The contest time from which the public board shows submissions as pending, at `nowMs`:
 * null when there is no freeze or the board has been thawed.
 */
export function publicFreezeTimeMs(clock: ContestClock, nowMs: number): number | null {
  const start = startMs(clock);
  const freeze = freezeStartMs(clock);
  const thawed = clock.thawedAtMs !== null && nowMs >= clock.thawedAtMs;
  if (start === null || freeze === null || thawed) return null;
  return freeze - start;
}

/**
 * Reads what the live scoreboard is computed from, straight from the contest database.
 * Read-only; every stored JSON value is parsed and a contest whose data cannot be scored
 * throws UnscorableContestError (the caller logs it and leaves the contest off the boards).
 */
export class ScoreboardSource {
  private readonly contestStmt;
  private readonly contestIdsStmt;
  private readonly problemsStmt;
  private readonly teamsStmt;
  private readonly groupsStmt;
  private readonly typesStmt;
  private readonly submissionsStmt;
  private readonly judgementsStmt;
  private readonly teamSubmissionsStmt;
  private readonly teamJudgementsStmt;
  private readonly judgementTeamStmt;

  constructor(db: Db) {
    this.contestStmt = db.prepare<[string], Row>('SELECT data, clock FROM contests WHERE id = ?');
    this.contestIdsStmt = db.prepare<[], { id: string }>('SELECT id FROM contests ORDER BY created_ms, id');
    this.problemsStmt = db.prepare<[string], Row>('SELECT id, ordinal, data FROM problems WHERE contest_id = ? ORDER BY ordinal, id');
    this.teamsStmt = db.prepare<[string], Row>('SELECT id, data FROM teams WHERE contest_id = ? ORDER BY rowid');
    this.groupsStmt = db.prepare<[string], Row>('SELECT id, data FROM groups_ WHERE contest_id = ? ORDER BY rowid');
    this.typesStmt = db.prepare<[string], Row>('SELECT id, data FROM judgement_types WHERE contest_id = ? ORDER BY rowid');
    const submissionColumns = 'id, team_id AS teamId, problem_id AS problemId, contest_time_ms AS contestTimeMs';
    this.submissionsStmt = db.prepare<[string], ScoringSubmission>(`SELECT ${submissionColumns} FROM submissions WHERE contest_id = ? ORDER BY seq`);
    this.teamSubmissionsStmt = db.prepare<[string, string], ScoringSubmission>(
      `SELECT ${submissionColumns} FROM submissions WHERE contest_id = ? AND team_id = ? ORDER BY seq`);
    // Judgements in creation order (rowid): the domain counts the LAST valid one with a type.
    const judgementColumns = `j.submission_id AS submissionId, j.judgement_type_id AS judgementTypeId, j.valid AS valid,
      json_extract(j.data, '$.score') AS score, s.team_id AS teamId`;
    const judgementJoin = 'FROM judgements j JOIN submissions s ON s.contest_id = j.contest_id AND s.id = j.submission_id';
    this.judgementsStmt = db.prepare<[string], Row>(`SELECT ${judgementColumns} ${judgementJoin} WHERE j.contest_id = ? ORDER BY j.rowid`);
    // Submissions first (CROSS JOIN fixes the loop order): the team's index, then its judgements.
    this.teamJudgementsStmt = db.prepare<[string, string], Row>(`SELECT ${judgementColumns}
      FROM submissions s CROSS JOIN judgements j ON j.contest_id = s.contest_id AND j.submission_id = s.id
      WHERE s.contest_id = ? AND s.team_id = ? ORDER BY j.rowid`);
    this.judgementTeamStmt = db.prepare<[string, string], { teamId: string }>(
      `SELECT s.team_id AS teamId ${judgementJoin} WHERE j.contest_id = ? AND j.id = ?`);
  }

  /** Contest ids, oldest first. */
  contestIds(): string[] {
    return this.contestIdsStmt.all().map((r) => r.id);
  }

  /** The contest's structure at `nowMs` (the freeze depends on the thaw time), or null if there is no such contest. */
  structure(contestId: string, nowMs: number): ContestStructure | null {
    const contestRow = this.contestStmt.get(contestId);
    if (!contestRow) return null;
    const data = parseJson(contestRow.data, contestId, 'the contest object');
    const parsedClock = ContestClock.safeParse(parseJson(contestRow.clock, contestId, 'the contest clock'));
    if (!parsedClock.success) throw new UnscorableContestError(contestId, `the contest clock is malformed: ${parsedClock.error.message}`);
    const clock = parsedClock.data;
    const scoreboardType: ScoreboardType = data.scoreboard_type === 'score' ? 'score' : 'pass-fail';

    const problems = this.problemsStmt.all(contestId).map((row): ScoringProblem => {
      const p = parseJson(row.data, contestId, `problem ${String(row.id)}`);
      return {
        id: String(row.id), label: typeof p.label === 'string' ? p.label : String(row.id), ordinal: Number(row.ordinal),
        ...(typeof p.max_score === 'number' ? { maxScore: p.max_score } : {}),
      };
    });

    const hiddenGroups = new Set<string>();
    const publicGroups: GroupRef[] = [];
    for (const row of this.groupsStmt.all(contestId)) {
      const g = parseJson(row.data, contestId, `group ${String(row.id)}`);
      if (g.hidden === true) hiddenGroups.add(String(row.id));
      else publicGroups.push({ id: String(row.id), name: typeof g.name === 'string' ? g.name : String(row.id) });
    }

    const teams: ScoringTeam[] = [];
    const publicTeamIds = new Set<string>();
    for (const row of this.teamsStmt.all(contestId)) {
      const t = parseJson(row.data, contestId, `team ${String(row.id)}`);
      const id = String(row.id);
      const groupIds = Array.isArray(t.group_ids) ? t.group_ids.filter((g): g is string => typeof g === 'string') : [];
      const name = typeof t.display_name === 'string' && t.display_name !== '' ? t.display_name : typeof t.name === 'string' ? t.name : id;
      teams.push({ id, name, groupIds });
      if (t.hidden !== true && !groupIds.some((g) => hiddenGroups.has(g))) publicTeamIds.add(id);
    }

    const judgementTypes = withKnownJudgementTypes(this.typesStmt.all(contestId).map((row) => {
      const t = parseJson(row.data, contestId, `judgement type ${String(row.id)}`);
      return { id: String(row.id), penalty: t.penalty === true, solved: t.solved === true };
    }));

    const rules: ScoringRules = {
      scoreboardType,
      penaltyMinutes: penaltyMinutesOf(data.penalty_time),
      contestDurationMs: clock.durationMs,
      freezeTimeMs: publicFreezeTimeMs(clock, nowMs),
    };
    return { contestId, clock, rules, problems, teams, publicTeamIds, publicGroups, judgementTypes };
  }

  /** Every team's activity in one read. */
  allActivity(contestId: string): Map<string, TeamActivity> {
    const byTeam = new Map<string, TeamActivity>();
    const of = (teamId: string): TeamActivity => {
      let activity = byTeam.get(teamId);
      if (!activity) {
        activity = { submissions: [], judgements: [] };
        byTeam.set(teamId, activity);
      }
      return activity;
    };
    for (const s of this.submissionsStmt.all(contestId)) of(s.teamId).submissions.push(s);
    for (const j of this.judgementsStmt.all(contestId)) of(String(j.teamId)).judgements.push(toJudgement(j));
    return byTeam;
  }

  /** One team's activity. */
  teamActivity(contestId: string, teamId: string): TeamActivity {
    return {
      submissions: this.teamSubmissionsStmt.all(contestId, teamId),
      judgements: this.teamJudgementsStmt.all(contestId, teamId).map(toJudgement),
    };
  }

  /** The team that owns a judgement (through its submission), or null. */
  teamOfJudgement(contestId: string, judgementId: string): string | null {
    return this.judgementTeamStmt.get(contestId, judgementId)?.teamId ?? null;
  }
}

function toJudgement(row: Row): ScoringJudgement {
  return {
    submissionId: String(row.submissionId),
    judgementTypeId: row.judgementTypeId === null ? null : String(row.judgementTypeId),
    valid: row.valid === 1,
    ...(typeof row.score === 'number' ? { score: row.score } : {}),
  };
}
