import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';

/**
 * SQL of test runs (migration 070) and of the few judge-queue updates a test-run lease needs.
 * Plain row access only: the rules live in app/test-runs. Writers run inside `Store.write`.
 */

const statementCache = new WeakMap<Db, Map<string, Statement>>();

function prepared(db: Db, sql: string): Statement {
  let byText = statementCache.get(db);
  if (!byText) {
    byText = new Map();
    statementCache.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}

export type TestRunState = 'pending' | 'done' | 'failed';

export interface TestRunRow {
  contestId: string;
  id: string;
  teamId: string;
  problemId: string;
  languageId: string;
  /** HashedFile[] JSON. */
  files: string;
  zipSha256: string;
  entryPoint: string | null;
  /** Custom input, or null for the problem's samples. */
  input: string | null;
  state: TestRunState;
  verdict: string | null;
  compileOutput: string;
  /** Stored per-case results JSON (see app/test-runs/test-run-cases.ts). */
  cases: string;
  error: string | null;
  createdMs: number;
  finishedMs: number | null;
  /** State of its judge-queue row (null if it has none). */
  queueState: 'queued' | 'leased' | 'done' | 'held' | null;
}

const COLUMNS = `t.contest_id AS contestId, t.id, t.team_id AS teamId, t.problem_id AS problemId, t.language_id AS languageId,
  t.files, t.zip_sha256 AS zipSha256, t.entry_point AS entryPoint, t.input, t.state, t.verdict, t.compile_output AS compileOutput,
  t.cases, t.error, t.created_ms AS createdMs, t.finished_ms AS finishedMs, q.state AS queueState`;
const FROM = `FROM test_runs t LEFT JOIN judge_queue q ON q.contest_id = t.contest_id AND q.submission_id = t.id AND q.kind = 'test-run'`;

export interface NewTestRunRow {
  contestId: string;
  id: string;
  teamId: string;
  problemId: string;
  languageId: string;
  files: string;
  zipSha256: string;
  entryPoint: string | null;
  input: string | null;
  createdMs: number;
}

export function insertTestRun(db: Db, row: NewTestRunRow): void {
  prepared(db, `INSERT INTO test_runs (contest_id, id, team_id, problem_id, language_id, files, zip_sha256, entry_point, input, state, created_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`)
    .run(row.contestId, row.id, row.teamId, row.problemId, row.languageId, row.files, row.zipSha256, row.entryPoint, row.input, row.createdMs);
}

export function getTestRun(db: Db, contestId: string, id: string): TestRunRow | undefined {
  return prepared(db, `SELECT ${COLUMNS} ${FROM} WHERE t.contest_id = ? AND t.id = ?`).get(contestId, id) as TestRunRow | undefined;
}

/** The team's test runs still pending, and how many it created since `sinceMs` (rate limits). */
export function countTeamTestRuns(db: Db, contestId: string, teamId: string, sinceMs: number): { pending: number; recent: number } {
  return prepared(db, `SELECT COALESCE(SUM(state = 'pending'), 0) AS pending, COALESCE(SUM(created_ms >= ?), 0) AS recent
    FROM test_runs WHERE contest_id = ? AND team_id = ?`).get(sinceMs, contestId, teamId) as { pending: number; recent: number };
}

/** Replaces the stored per-case results (a new attempt starts from none). */
export function setTestRunCases(db: Db, contestId: string, id: string, cases: string): void {
  prepared(db, 'UPDATE test_runs SET cases = ? WHERE contest_id = ? AND id = ?').run(cases, contestId, id);
}

/** Final state of a pending test run: `done` with a verdict, or `failed` with the reason. */
export function finishTestRun(db: Db, contestId: string, id: string, end: {
  state: 'done' | 'failed'; verdict: string | null; compileOutput: string; error: string | null; finishedMs: number;
}): void {
  prepared(db, `UPDATE test_runs SET state = ?, verdict = ?, compile_output = ?, error = ?, finished_ms = ?
    WHERE contest_id = ? AND id = ? AND state = 'pending'`)
    .run(end.state, end.verdict, end.compileOutput, end.error, end.finishedMs, contestId, id);
}

/** Marks a queued test-run row leased (a test run has no judgement row). */
export function markTestRunLeased(db: Db, row: { contestId: string; id: string; leaseId: string; agentId: string;
  leaseExpiresMs: number; leasedMs: number }): void {
  prepared(db, `UPDATE judge_queue SET state = 'leased', lease_id = ?, agent_id = ?, lease_expires_ms = ?, leased_ms = ?, judgement_id = NULL
    WHERE contest_id = ? AND submission_id = ? AND kind = 'test-run' AND state = 'queued'`)
    .run(row.leaseId, row.agentId, row.leaseExpiresMs, row.leasedMs, row.contestId, row.id);
}

/** Ends a test-run queue row: `done` (result or given up), with the last error if any. */
export function closeTestRunQueueRow(db: Db, row: { contestId: string; id: string; doneMs: number; attempts: number;
  lastError: string | null }): void {
  prepared(db, `UPDATE judge_queue SET state = 'done', done_ms = ?, lease_expires_ms = NULL, attempts = ?, last_error = ?
    WHERE contest_id = ? AND submission_id = ? AND kind = 'test-run'`)
    .run(row.doneMs, row.attempts, row.lastError, row.contestId, row.id);
}

export interface CompileOutputRow {
  teamId: string;
  /** Null when the submission has no valid judgement yet. */
  compileOutput: string | null;
}

/** A submission's team and the compile output of its latest valid judgement; undefined for no such submission. */
export function getSubmissionCompileOutput(db: Db, contestId: string, submissionId: string): CompileOutputRow | undefined {
  return prepared(db, `SELECT s.team_id AS teamId, (SELECT j.compile_output FROM judgements j
      WHERE j.contest_id = s.contest_id AND j.submission_id = s.id AND j.valid = 1 AND j.judgement_type_id IS NOT NULL
      ORDER BY j.start_ms DESC, CAST(j.id AS INTEGER) DESC LIMIT 1) AS compileOutput
    FROM submissions s WHERE s.contest_id = ? AND s.id = ?`).get(contestId, submissionId) as CompileOutputRow | undefined;
}
