import type { EventType } from '@arena/protocol';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';

/** Endpoints served straight from a table's `data` column. */
export type CollectionType = Extract<EventType,
  'judgement-types' | 'languages' | 'problems' | 'groups' | 'organizations' | 'teams' | 'accounts'
  | 'submissions' | 'judgements' | 'runs' | 'clarifications'>;

/** One stored CLICS object with what visibility needs to judge it. */
export interface StoredObject {
  id: string;
  data: Record<string, unknown>;
  /** Owning team: submissions, judgements and runs (via their submission). */
  teamId: string | null;
  /** Clarifications only: the two ends. */
  fromTeamId: string | null;
  toTeamId: string | null;
  /** Judgements only: false for a superseded one or a rejudge still in progress (jury-only). */
  valid?: boolean;
}

export interface ContestRow {
  id: string;
  data: Record<string, unknown>;
  /** Raw JSON of the stored clock; parse it with the domain schema. */
  clock: unknown;
}

const SELECT: Record<CollectionType, string> = {
  'judgement-types': 'SELECT id, data, NULL AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM judgement_types WHERE contest_id = ?',
  languages: 'SELECT id, data, NULL AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM languages WHERE contest_id = ?',
  groups: 'SELECT id, data, NULL AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM groups_ WHERE contest_id = ?',
  organizations: 'SELECT id, data, NULL AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM organizations WHERE contest_id = ?',
  teams: 'SELECT id, data, NULL AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM teams WHERE contest_id = ?',
  accounts: 'SELECT id, data, team_id AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM accounts WHERE contest_id = ?',
  problems: 'SELECT id, data, NULL AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM problems WHERE contest_id = ?',
  submissions: 'SELECT id, data, team_id AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM submissions WHERE contest_id = ?',
  judgements: `SELECT j.id, j.data, s.team_id AS teamId, NULL AS fromTeamId, NULL AS toTeamId, j.valid FROM judgements j
    LEFT JOIN submissions s ON s.contest_id = j.contest_id AND s.id = j.submission_id WHERE j.contest_id = ?`,
  runs: `SELECT r.id, r.data, s.team_id AS teamId, NULL AS fromTeamId, NULL AS toTeamId FROM runs r
    LEFT JOIN judgements j ON j.contest_id = r.contest_id AND j.id = r.judgement_id
    LEFT JOIN submissions s ON s.contest_id = j.contest_id AND s.id = j.submission_id WHERE r.contest_id = ?`,
  clarifications: 'SELECT id, data, NULL AS teamId, from_team_id AS fromTeamId, to_team_id AS toTeamId FROM clarifications WHERE contest_id = ?',
};

const ID_COLUMN: Record<CollectionType, string> = {
  'judgement-types': 'id', languages: 'id', groups: 'id', organizations: 'id', teams: 'id', accounts: 'id', problems: 'id',
  submissions: 'id', judgements: 'j.id', runs: 'r.id', clarifications: 'id',
};

const ORDER: Record<CollectionType, string> = {
  'judgement-types': 'rowid', languages: 'rowid', groups: 'rowid', organizations: 'rowid', teams: 'rowid', accounts: 'rowid',
  problems: 'ordinal, id', submissions: 'seq', judgements: 'j.start_ms, j.id', runs: 'r.judgement_id, r.ordinal',
  clarifications: 'time_ms, id',
};

type RawObject = Omit<StoredObject, 'data' | 'valid'> & { data: string; valid?: number };

function toObject(row: RawObject): StoredObject {
  const { valid, ...rest } = row;
  return { ...rest, data: JSON.parse(row.data) as Record<string, unknown>, ...(valid === undefined ? {} : { valid: valid === 1 }) };
}

export interface StatementRow {
  lang: string;
  format: string;
  html: string | null;
  sourceSha256: string;
}

export interface ProblemFileRow {
  path: string;
  sha256: string;
  mime: string;
}

export interface SampleRow {
  id: string;
  name: string;
  ordinal: number;
  inputSha256: string;
  answerSha256: string;
}

/** Read-only queries behind the CLICS endpoints. Statements are prepared lazily and cached. */
export class ApiRepo {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  private stmt(sql: string): Statement<unknown[]> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  listContests(): ContestRow[] {
    const rows = this.stmt('SELECT id, data, clock FROM contests ORDER BY created_ms, id').all() as Array<{ id: string; data: string; clock: string }>;
    return rows.map((r) => ({ id: r.id, data: JSON.parse(r.data) as Record<string, unknown>, clock: JSON.parse(r.clock) as unknown }));
  }

  getContest(contestId: string): ContestRow | undefined {
    const row = this.stmt('SELECT id, data, clock FROM contests WHERE id = ?').get(contestId) as { id: string; data: string; clock: string } | undefined;
    return row && { id: row.id, data: JSON.parse(row.data) as Record<string, unknown>, clock: JSON.parse(row.clock) as unknown };
  }

  list(type: CollectionType, contestId: string): StoredObject[] {
    return (this.stmt(`${SELECT[type]} ORDER BY ${ORDER[type]}`).all(contestId) as RawObject[]).map(toObject);
  }

  get(type: CollectionType, contestId: string, id: string): StoredObject | undefined {
    const row = this.stmt(`${SELECT[type]} AND ${ID_COLUMN[type]} = ?`).get(contestId, id) as RawObject | undefined;
    return row && toObject(row);
  }

  /** Statements of a problem (one per language and format). */
  statementsOf(contestId: string, problemId: string): StatementRow[] {
    return this.stmt(`SELECT lang, format, html, source_sha256 AS sourceSha256 FROM statements
      WHERE contest_id = ? AND problem_id = ? ORDER BY lang, format`).all(contestId, problemId) as StatementRow[];
  }

  /** A file served to teams: `kind` is attachment | statement-asset | statement-pdf. */
  problemFile(contestId: string, problemId: string, kind: string, path: string): ProblemFileRow | undefined {
    return this.stmt('SELECT path, sha256, mime FROM problem_files WHERE contest_id = ? AND problem_id = ? AND kind = ? AND path = ?')
      .get(contestId, problemId, kind, path) as ProblemFileRow | undefined;
  }

  problemFiles(contestId: string, problemId: string, kind: string): ProblemFileRow[] {
    return this.stmt('SELECT path, sha256, mime FROM problem_files WHERE contest_id = ? AND problem_id = ? AND kind = ? ORDER BY path')
      .all(contestId, problemId, kind) as ProblemFileRow[];
  }

  /** Sample test cases only (`is_sample = 1`): secret testdata is never read here. */
  samples(contestId: string, problemId: string): SampleRow[] {
    return this.stmt(`SELECT id, name, ordinal, input_sha256 AS inputSha256, answer_sha256 AS answerSha256 FROM testcases
      WHERE contest_id = ? AND problem_id = ? AND is_sample = 1 ORDER BY ordinal`).all(contestId, problemId) as SampleRow[];
  }

  /** The zip a team submitted, or undefined. */
  submissionZip(contestId: string, submissionId: string): { teamId: string; zipSha256: string } | undefined {
    return this.stmt('SELECT team_id AS teamId, zip_sha256 AS zipSha256 FROM submissions WHERE contest_id = ? AND id = ?')
      .get(contestId, submissionId) as { teamId: string; zipSha256: string } | undefined;
  }
}

/** Stores a contest's new clock and CLICS object (inside the caller's write). */
export function updateContestClock(db: Db, contestId: string, clock: unknown, data: Record<string, unknown>): void {
  db.prepare('UPDATE contests SET clock = ?, data = ? WHERE id = ?').run(JSON.stringify(clock), JSON.stringify(data), contestId);
}

/**
 * What stands in the way of finalizing: submissions without a final verdict (pending), those
 * whose judging failed (a judging-error judgement or a job held after too many failures), and
 * team clarifications nobody replied to.
 */
export function countFinalizeBlockers(db: Db, contestId: string): { pendingSubmissions: number; judgingErrors: number; unansweredClarifications: number } {
  const judged = `EXISTS (SELECT 1 FROM judgements j WHERE j.contest_id = s.contest_id AND j.submission_id = s.id AND j.valid = 1
    AND j.judgement_type_id IS NOT NULL AND j.judgement_type_id <> 'JE' AND j.end_ms IS NOT NULL)`;
  const failed = `(EXISTS (SELECT 1 FROM judge_queue q WHERE q.contest_id = s.contest_id AND q.submission_id = s.id AND q.state = 'held')
    OR EXISTS (SELECT 1 FROM judgements j WHERE j.contest_id = s.contest_id AND j.submission_id = s.id AND j.valid = 1 AND j.judgement_type_id = 'JE'))`;
  const row = db.prepare(`SELECT
      SUM(CASE WHEN NOT ${judged} AND NOT ${failed} THEN 1 ELSE 0 END) AS pending,
      SUM(CASE WHEN NOT ${judged} AND ${failed} THEN 1 ELSE 0 END) AS errors
    FROM submissions s WHERE s.contest_id = ?`).get(contestId) as { pending: number | null; errors: number | null };
  const clar = db.prepare(`SELECT COUNT(*) AS n FROM clarifications c WHERE c.contest_id = ? AND c.from_team_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM clarifications r WHERE r.contest_id = c.contest_id AND r.reply_to_id = c.id)`).get(contestId) as { n: number };
  return { pendingSubmissions: row.pending ?? 0, judgingErrors: row.errors ?? 0, unansweredClarifications: clar.n };
}
