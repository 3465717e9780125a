import type { Db } from '../database';

/**
 * SQL used by the contest importer. Every function runs inside the caller's write transaction
 * (Store.write): none of them commits or emits events on its own.
 */

/** Tables holding one CLICS object per row keyed by (contest_id, id). */
export type ObjectTable = 'judgement_types' | 'languages' | 'groups_' | 'organizations' | 'teams' | 'accounts' | 'problems';

/** id -> stored `data` JSON text of every object of a contest in `table`. */
export function readObjectData(db: Db, table: ObjectTable, contestId: string): Map<string, string> {
  const rows = db.prepare(`SELECT id, data FROM ${table} WHERE contest_id = ?`).all(contestId) as Array<{ id: string; data: string }>;
  return new Map(rows.map((r) => [r.id, r.data]));
}

export function deleteObject(db: Db, table: ObjectTable, contestId: string, id: string): void {
  db.prepare(`DELETE FROM ${table} WHERE contest_id = ? AND id = ?`).run(contestId, id);
}

/** Upserts a row of a table whose only columns are (contest_id, id, data). */
export function upsertPlainObject(db: Db, table: 'judgement_types' | 'languages' | 'groups_' | 'organizations', contestId: string, id: string, data: string): void {
  db.prepare(`INSERT INTO ${table} (contest_id, id, data) VALUES (?, ?, ?)
    ON CONFLICT (contest_id, id) DO UPDATE SET data = excluded.data`).run(contestId, id, data);
}

/** Upserts a team; `enabled` is left as the jury set it. */
export function upsertTeam(db: Db, contestId: string, id: string, data: string): void {
  db.prepare(`INSERT INTO teams (contest_id, id, data) VALUES (?, ?, ?)
    ON CONFLICT (contest_id, id) DO UPDATE SET data = excluded.data`).run(contestId, id, data);
}

export interface AccountRow {
  id: string;
  data: string;
  username: string;
  type: string;
  teamId: string | null;
  passwordHash: string;
}

/** Upserts an account with its password hash; `enabled` is left as it was. */
export function upsertAccount(db: Db, contestId: string, row: AccountRow): void {
  db.prepare(`INSERT INTO accounts (contest_id, id, data, username, type, team_id, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (contest_id, id) DO UPDATE SET data = excluded.data, username = excluded.username, type = excluded.type,
      team_id = excluded.team_id, password_hash = excluded.password_hash`)
    .run(contestId, row.id, row.data, row.username, row.type, row.teamId, row.passwordHash);
}

/** Ends every session of an account (used when the account is removed by a re-import). */
export function revokeSessions(db: Db, contestId: string, accountId: string): void {
  db.prepare('UPDATE sessions SET revoked = 1 WHERE contest_id = ? AND account_id = ?').run(contestId, accountId);
}

export function readContest(db: Db, contestId: string): { data: string; clock: string } | null {
  return (db.prepare('SELECT data, clock FROM contests WHERE id = ?').get(contestId) as { data: string; clock: string } | undefined) ?? null;
}

export function upsertContest(db: Db, contestId: string, data: string, clock: string, createdMs: number): void {
  db.prepare(`INSERT INTO contests (id, data, clock, created_ms) VALUES (?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET data = excluded.data, clock = excluded.clock`).run(contestId, data, clock, createdMs);
}

export function upsertProblem(db: Db, contestId: string, id: string, ordinal: number, data: string, spec: string): void {
  db.prepare(`INSERT INTO problems (contest_id, id, ordinal, data, spec) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (contest_id, id) DO UPDATE SET ordinal = excluded.ordinal, data = excluded.data, spec = excluded.spec`)
    .run(contestId, id, ordinal, data, spec);
}

export interface TestcaseRow {
  id: string;
  ordinal: number;
  name: string;
  isSample: boolean;
  inputSha256: string;
  answerSha256: string;
  extra: string;
}

export interface StatementRow {
  lang: string;
  format: string;
  html: string | null;
  sourceSha256: string;
}

export interface ProblemFileRow {
  kind: string;
  path: string;
  sha256: string;
  mime: string;
}

/** Removes a problem's test cases, statements and files. */
export function deleteProblemContent(db: Db, contestId: string, problemId: string): void {
  for (const table of ['testcases', 'statements', 'problem_files']) {
    db.prepare(`DELETE FROM ${table} WHERE contest_id = ? AND problem_id = ?`).run(contestId, problemId);
  }
}

/** Replaces a problem's test cases, statements and files with the given rows. */
export function replaceProblemContent(db: Db, contestId: string, problemId: string, content: {
  testcases: readonly TestcaseRow[]; statements: readonly StatementRow[]; files: readonly ProblemFileRow[];
}): void {
  deleteProblemContent(db, contestId, problemId);
  const insertTestcase = db.prepare(`INSERT INTO testcases (contest_id, problem_id, id, ordinal, name, is_sample, input_sha256, answer_sha256, extra)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const t of content.testcases) {
    insertTestcase.run(contestId, problemId, t.id, t.ordinal, t.name, t.isSample ? 1 : 0, t.inputSha256, t.answerSha256, t.extra);
  }
  const insertStatement = db.prepare('INSERT INTO statements (contest_id, problem_id, lang, format, html, source_sha256) VALUES (?, ?, ?, ?, ?, ?)');
  for (const s of content.statements) insertStatement.run(contestId, problemId, s.lang, s.format, s.html, s.sourceSha256);
  const insertFile = db.prepare('INSERT INTO problem_files (contest_id, problem_id, kind, path, sha256, mime) VALUES (?, ?, ?, ?, ?, ?)');
  for (const f of content.files) insertFile.run(contestId, problemId, f.kind, f.path, f.sha256, f.mime);
}

/** How many submissions reference a problem or a team (such objects cannot be removed). */
export function countSubmissions(db: Db, contestId: string, column: 'problem_id' | 'team_id', id: string): number {
  const row = db.prepare(`SELECT COUNT(*) AS n FROM submissions WHERE contest_id = ? AND ${column} = ?`).get(contestId, id) as { n: number };
  return row.n;
}

export function appendAudit(db: Db, entry: { contestId: string; timeMs: number; actor: string; action: string; details: unknown }): void {
  db.prepare('INSERT INTO audit_log (contest_id, time_ms, actor, action, details) VALUES (?, ?, ?, ?, ?)')
    .run(entry.contestId, entry.timeMs, entry.actor, entry.action, JSON.stringify(entry.details));
}
