import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';

/**
 * SQL of the judge queue and of the rows judging writes (judgements, runs, audit). Plain row
 * access only: every rule (order, leases, attempts) lives in domain/judging and app/judging.
 * Functions taking a `Db` are meant to run inside `Store.write` when they change anything.
 */

/** Statements prepared once per database, by SQL text (the SQL below is constant, so the cache stays small). */
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

export type QueueKind = 'submission' | 'test-run';
export type QueueState = 'queued' | 'leased' | 'done' | 'held';

export interface QueueRow {
  contestId: string;
  submissionId: string;
  teamId: string;
  kind: QueueKind;
  state: QueueState;
  priority: number;
  enqueuedMs: number;
  leaseId: string | null;
  agentId: string | null;
  leaseExpiresMs: number | null;
  leasedMs: number | null;
  doneMs: number | null;
  judgementId: string | null;
  supersededJudgementId: string | null;
  attempts: number;
  lastError: string | null;
  customInput: string | null;
}

/** What fair ordering needs of a queued or leased row, with the submission's language. */
export interface ActiveQueueRow {
  contestId: string;
  submissionId: string;
  teamId: string;
  state: 'queued' | 'leased';
  priority: number;
  enqueuedMs: number;
  languageId: string | null;
}

const QUEUE_COLUMNS = `q.contest_id AS contestId, q.submission_id AS submissionId, q.team_id AS teamId, q.kind, q.state,
  q.priority, q.enqueued_ms AS enqueuedMs, q.lease_id AS leaseId, q.agent_id AS agentId,
  q.lease_expires_ms AS leaseExpiresMs, q.leased_ms AS leasedMs, q.done_ms AS doneMs, q.judgement_id AS judgementId,
  q.superseded_judgement_id AS supersededJudgementId, q.attempts, q.last_error AS lastError, q.custom_input AS customInput`;

export interface NewQueueRow {
  contestId: string;
  submissionId: string;
  teamId: string;
  kind: QueueKind;
  priority: number;
  enqueuedMs: number;
  customInput: string | null;
}

/** Inserts a queued row; throws on a submission already in the queue (a caller bug). */
export function insertQueueRow(db: Db, row: NewQueueRow): void {
  prepared(db, `INSERT INTO judge_queue (contest_id, submission_id, team_id, kind, state, priority, enqueued_ms, custom_input)
    VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)`)
    .run(row.contestId, row.submissionId, row.teamId, row.kind, row.priority, row.enqueuedMs, row.customInput);
}

export function getQueueRow(db: Db, contestId: string, submissionId: string): QueueRow | undefined {
  return prepared(db, `SELECT ${QUEUE_COLUMNS} FROM judge_queue q WHERE q.contest_id = ? AND q.submission_id = ?`)
    .get(contestId, submissionId) as QueueRow | undefined;
}

/** The row currently or last holding this lease (leased or done), if any. */
export function getQueueRowByLease(db: Db, leaseId: string): QueueRow | undefined {
  return prepared(db, `SELECT ${QUEUE_COLUMNS} FROM judge_queue q WHERE q.lease_id = ?`).get(leaseId) as QueueRow | undefined;
}

/** Every queued or leased row (the few columns fair ordering needs), with the submission's (or test run's) language. */
export function listActiveQueueRows(db: Db): ActiveQueueRow[] {
  return prepared(db, `SELECT q.contest_id AS contestId, q.submission_id AS submissionId, q.team_id AS teamId, q.state,
    q.priority, q.enqueued_ms AS enqueuedMs, COALESCE(s.language_id, t.language_id) AS languageId FROM judge_queue q
    LEFT JOIN submissions s ON s.contest_id = q.contest_id AND s.id = q.submission_id
    LEFT JOIN test_runs t ON q.kind = 'test-run' AND t.contest_id = q.contest_id AND t.id = q.submission_id
    WHERE q.state IN ('queued', 'leased')`).all() as ActiveQueueRow[];
}

export function listExpiredLeases(db: Db, nowMs: number): QueueRow[] {
  return prepared(db, `SELECT ${QUEUE_COLUMNS} FROM judge_queue q WHERE q.state = 'leased' AND q.lease_expires_ms <= ?`)
    .all(nowMs) as QueueRow[];
}

export function markLeased(db: Db, row: { contestId: string; submissionId: string; leaseId: string; agentId: string;
  leaseExpiresMs: number; leasedMs: number; judgementId: string }): void {
  prepared(db, `UPDATE judge_queue SET state = 'leased', lease_id = ?, agent_id = ?, lease_expires_ms = ?, leased_ms = ?, judgement_id = ?
    WHERE contest_id = ? AND submission_id = ? AND state = 'queued'`)
    .run(row.leaseId, row.agentId, row.leaseExpiresMs, row.leasedMs, row.judgementId, row.contestId, row.submissionId);
}

export function extendLease(db: Db, leaseId: string, leaseExpiresMs: number): void {
  prepared(db, `UPDATE judge_queue SET lease_expires_ms = ? WHERE lease_id = ? AND state = 'leased'`).run(leaseExpiresMs, leaseId);
}

/** Takes the row back from its lease: to `queued` (or `held`), lease cleared, attempts as given. */
export function releaseQueueRow(db: Db, row: { contestId: string; submissionId: string; state: 'queued' | 'held';
  attempts: number; lastError: string | null }): void {
  prepared(db, `UPDATE judge_queue SET state = ?, lease_id = NULL, agent_id = NULL, lease_expires_ms = NULL, leased_ms = NULL,
    judgement_id = NULL, attempts = ?, last_error = ? WHERE contest_id = ? AND submission_id = ?`)
    .run(row.state, row.attempts, row.lastError, row.contestId, row.submissionId);
}

export function markQueueRowDone(db: Db, contestId: string, submissionId: string, doneMs: number): void {
  prepared(db, `UPDATE judge_queue SET state = 'done', done_ms = ?, lease_expires_ms = NULL, superseded_judgement_id = NULL
    WHERE contest_id = ? AND submission_id = ?`).run(doneMs, contestId, submissionId);
}

/** Puts a row (any state) back in the queue for a rejudge, fresh attempts, no lease. */
export function requeueQueueRow(db: Db, row: { contestId: string; submissionId: string; enqueuedMs: number;
  supersededJudgementId: string | null }): void {
  prepared(db, `UPDATE judge_queue SET state = 'queued', enqueued_ms = ?, lease_id = NULL, agent_id = NULL, lease_expires_ms = NULL,
    leased_ms = NULL, done_ms = NULL, judgement_id = NULL, attempts = 0, last_error = NULL, superseded_judgement_id = ?
    WHERE contest_id = ? AND submission_id = ?`).run(row.enqueuedMs, row.supersededJudgementId, row.contestId, row.submissionId);
}

export interface QueueCounts {
  queued: number;
  leased: number;
  held: number;
  done: number;
  oldestQueuedMs: number | null;
}

export function countQueue(db: Db): QueueCounts {
  const rows = prepared(db, `SELECT state, COUNT(*) AS n, MIN(enqueued_ms) AS oldest FROM judge_queue GROUP BY state`)
    .all() as Array<{ state: QueueState; n: number; oldest: number | null }>;
  const counts: QueueCounts = { queued: 0, leased: 0, held: 0, done: 0, oldestQueuedMs: null };
  for (const r of rows) {
    counts[r.state] = r.n;
    if (r.state === 'queued') counts.oldestQueuedMs = r.oldest;
  }
  return counts;
}

// ---- submissions, problems, testcases (read) ----

export interface SubmissionForJob {
  teamId: string;
  problemId: string;
  languageId: string;
  timeMs: number;
  contestTimeMs: number;
  files: string;
  entryPoint: string | null;
}

export function getSubmissionForJob(db: Db, contestId: string, submissionId: string): SubmissionForJob | undefined {
  return prepared(db, `SELECT team_id AS teamId, problem_id AS problemId, language_id AS languageId, time_ms AS timeMs,
    contest_time_ms AS contestTimeMs, files, entry_point AS entryPoint FROM submissions WHERE contest_id = ? AND id = ?`)
    .get(contestId, submissionId) as SubmissionForJob | undefined;
}

export function getProblemSpecJson(db: Db, contestId: string, problemId: string): string | undefined {
  const row = prepared(db, 'SELECT spec FROM problems WHERE contest_id = ? AND id = ?').get(contestId, problemId) as { spec: string } | undefined;
  return row?.spec;
}

export interface TestcaseRow {
  id: string;
  ordinal: number;
  name: string;
  isSample: number;
  inputSha256: string;
  answerSha256: string;
  extra: string;
}

/** Test cases of a problem in name order (the judging order). */
export function listTestcases(db: Db, contestId: string, problemId: string): TestcaseRow[] {
  return prepared(db, `SELECT id, ordinal, name, is_sample AS isSample, input_sha256 AS inputSha256, answer_sha256 AS answerSha256, extra
    FROM testcases WHERE contest_id = ? AND problem_id = ? ORDER BY name, id`).all(contestId, problemId) as TestcaseRow[];
}

export function getTestcase(db: Db, contestId: string, problemId: string, testcaseId: string): TestcaseRow | undefined {
  return prepared(db, `SELECT id, ordinal, name, is_sample AS isSample, input_sha256 AS inputSha256, answer_sha256 AS answerSha256, extra
    FROM testcases WHERE contest_id = ? AND problem_id = ? AND id = ?`).get(contestId, problemId, testcaseId) as TestcaseRow | undefined;
}

// ---- judgements and runs ----

export interface JudgementRow {
  id: string;
  submissionId: string;
  judgementTypeId: string | null;
  valid: number;
  startMs: number;
  endMs: number | null;
  agentId: string | null;
  data: string;
}

/** Next judgement id of a contest: one more than the largest numeric id so far. */
export function nextJudgementId(db: Db, contestId: string): string {
  const row = prepared(db, `SELECT COALESCE(MAX(CAST(id AS INTEGER)), 0) AS maxId FROM judgements WHERE contest_id = ?`)
    .get(contestId) as { maxId: number };
  return String(row.maxId + 1);
}

export function insertJudgement(db: Db, contestId: string, row: Omit<JudgementRow, 'endMs' | 'judgementTypeId'>): void {
  prepared(db, `INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, agent_id, data)
    VALUES (?, ?, ?, NULL, ?, ?, ?, ?)`).run(contestId, row.id, row.submissionId, row.valid, row.startMs, row.agentId, row.data);
}

export function getJudgement(db: Db, contestId: string, judgementId: string): JudgementRow | undefined {
  return prepared(db, `SELECT id, submission_id AS submissionId, judgement_type_id AS judgementTypeId, valid, start_ms AS startMs,
    end_ms AS endMs, agent_id AS agentId, data FROM judgements WHERE contest_id = ? AND id = ?`).get(contestId, judgementId) as JudgementRow | undefined;
}

/** The judgement a team currently sees for a submission: the latest valid one. */
export function getLatestValidJudgement(db: Db, contestId: string, submissionId: string): JudgementRow | undefined {
  return prepared(db, `SELECT id, submission_id AS submissionId, judgement_type_id AS judgementTypeId, valid, start_ms AS startMs,
    end_ms AS endMs, agent_id AS agentId, data FROM judgements WHERE contest_id = ? AND submission_id = ? AND valid = 1
    ORDER BY start_ms DESC, CAST(id AS INTEGER) DESC LIMIT 1`).get(contestId, submissionId) as JudgementRow | undefined;
}

export function finishJudgement(db: Db, contestId: string, row: { id: string; judgementTypeId: string; endMs: number;
  compileOutput: string; data: string }): void {
  prepared(db, `UPDATE judgements SET judgement_type_id = ?, end_ms = ?, compile_output = ?, data = ?, valid = 1
    WHERE contest_id = ? AND id = ?`).run(row.judgementTypeId, row.endMs, row.compileOutput, row.data, contestId, row.id);
}

export function setJudgementValid(db: Db, contestId: string, judgementId: string, valid: boolean): void {
  prepared(db, 'UPDATE judgements SET valid = ? WHERE contest_id = ? AND id = ?').run(valid ? 1 : 0, contestId, judgementId);
}

export interface NewRunRow {
  id: string;
  judgementId: string;
  ordinal: number;
  testcaseId: string;
  judgementTypeId: string;
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryBytes: number;
  judgeMessage: string;
  teamMessage: string;
  data: string;
}

/** Inserts a run unless that judgement already has one for the test case; true when inserted. */
export function insertRunOnce(db: Db, contestId: string, run: NewRunRow): boolean {
  const info = prepared(db, `INSERT OR IGNORE INTO runs (contest_id, id, judgement_id, ordinal, testcase_id, judgement_type_id,
    cpu_time_ms, wall_time_ms, memory_bytes, judge_message, team_message, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(contestId, run.id, run.judgementId, run.ordinal, run.testcaseId, run.judgementTypeId, run.cpuTimeMs, run.wallTimeMs,
      run.memoryBytes, run.judgeMessage, run.teamMessage, run.data);
  return info.changes > 0;
}

export function maxRunCpuTimeMs(db: Db, contestId: string, judgementId: string): number {
  const row = prepared(db, 'SELECT COALESCE(MAX(cpu_time_ms), 0) AS m FROM runs WHERE contest_id = ? AND judgement_id = ?')
    .get(contestId, judgementId) as { m: number };
  return row.m;
}

export function insertAuditRow(db: Db, row: { contestId: string | null; timeMs: number; actor: string; action: string; details: unknown }): void {
  prepared(db, 'INSERT INTO audit_log (contest_id, time_ms, actor, action, details) VALUES (?, ?, ?, ?, ?)')
    .run(row.contestId, row.timeMs, row.actor, row.action, JSON.stringify(row.details));
}
