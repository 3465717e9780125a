import type { Db } from '../database';

/**
 * Rows of console rejudgings (migration 050) and the judge queue / judgement writes they need.
 * Plain SQL; the rules live in app/console-judging. Writers run inside `Store.write`.
 */

export interface RejudgingDbRow {
  contestId: string;
  id: string;
  createdBy: string;
  createdMs: number;
  reason: string;
  /** active | applied | cancelled */
  state: string;
  finishedMs: number | null;
}

export interface RejudgingItemDbRow {
  rejudgingId: string;
  submissionId: string;
  teamId: string;
  problemId: string;
  oldJudgementId: string;
  oldVerdict: string | null;
  /** The queue row's state before the rejudging (JSON of `QueueSnapshot`). */
  oldQueue: string;
  newJudgementId: string | null;
  newVerdict: string | null;
}

const REJUDGING_COLUMNS = `contest_id AS contestId, id, created_by AS createdBy, created_ms AS createdMs, reason, state,
  finished_ms AS finishedMs`;

export function insertRejudging(db: Db, row: Omit<RejudgingDbRow, 'finishedMs' | 'state'>): void {
  db.prepare(`INSERT INTO console_rejudgings (contest_id, id, created_by, created_ms, reason, state) VALUES (?, ?, ?, ?, ?, 'active')`)
    .run(row.contestId, row.id, row.createdBy, row.createdMs, row.reason);
}

/** Next rejudging id of a contest: one more than the largest numeric id so far. */
export function nextRejudgingId(db: Db, contestId: string): string {
  const row = db.prepare('SELECT COALESCE(MAX(CAST(id AS INTEGER)), 0) AS maxId FROM console_rejudgings WHERE contest_id = ?')
    .get(contestId) as { maxId: number };
  return String(row.maxId + 1);
}

/** What a cancelled rejudging puts back on a done queue row. */
export interface QueueSnapshot {
  enqueuedMs: number;
  leaseId: string | null;
  agentId: string | null;
  leasedMs: number | null;
  doneMs: number | null;
  attempts: number;
  lastError: string | null;
}

export function insertRejudgingItem(db: Db, contestId: string, item: { rejudgingId: string; submissionId: string;
  oldJudgementId: string; oldVerdict: string | null; oldQueue: QueueSnapshot }): void {
  db.prepare(`INSERT INTO console_rejudging_items (contest_id, rejudging_id, submission_id, old_judgement_id, old_verdict, old_queue)
    VALUES (?, ?, ?, ?, ?, ?)`).run(contestId, item.rejudgingId, item.submissionId, item.oldJudgementId, item.oldVerdict, JSON.stringify(item.oldQueue));
}

export function getRejudging(db: Db, contestId: string, id: string): RejudgingDbRow | undefined {
  return db.prepare(`SELECT ${REJUDGING_COLUMNS} FROM console_rejudgings WHERE contest_id = ? AND id = ?`).get(contestId, id) as RejudgingDbRow | undefined;
}

/** Rejudgings of a contest, newest first. */
export function listRejudgings(db: Db, contestId: string): RejudgingDbRow[] {
  return db.prepare(`SELECT ${REJUDGING_COLUMNS} FROM console_rejudgings WHERE contest_id = ? ORDER BY CAST(id AS INTEGER) DESC`)
    .all(contestId) as RejudgingDbRow[];
}

export function setRejudgingState(db: Db, contestId: string, id: string, state: 'applied' | 'cancelled', finishedMs: number): void {
  db.prepare('UPDATE console_rejudgings SET state = ?, finished_ms = ? WHERE contest_id = ? AND id = ?').run(state, finishedMs, contestId, id);
}

/** Items of a rejudging with the submission's team and problem, in submission order. */
export function listRejudgingItems(db: Db, contestId: string, rejudgingId: string): RejudgingItemDbRow[] {
  return db.prepare(`SELECT i.rejudging_id AS rejudgingId, i.submission_id AS submissionId, s.team_id AS teamId, s.problem_id AS problemId,
    i.old_judgement_id AS oldJudgementId, i.old_verdict AS oldVerdict, i.old_queue AS oldQueue,
    i.new_judgement_id AS newJudgementId, i.new_verdict AS newVerdict
    FROM console_rejudging_items i JOIN submissions s ON s.contest_id = i.contest_id AND s.id = i.submission_id
    WHERE i.contest_id = ? AND i.rejudging_id = ? ORDER BY s.seq`).all(contestId, rejudgingId) as RejudgingItemDbRow[];
}

/** The id of the active (not applied, not cancelled) rejudging that holds this submission, if any. */
export function activeRejudgingOf(db: Db, contestId: string, submissionId: string): string | undefined {
  const row = db.prepare(`SELECT r.id FROM console_rejudging_items i
    JOIN console_rejudgings r ON r.contest_id = i.contest_id AND r.id = i.rejudging_id
    WHERE i.contest_id = ? AND i.submission_id = ? AND r.state = 'active'`).get(contestId, submissionId) as { id: string } | undefined;
  return row?.id;
}

export function recordItemResult(db: Db, contestId: string, rejudgingId: string, submissionId: string,
  result: { judgementId: string; verdict: string }): void {
  db.prepare(`UPDATE console_rejudging_items SET new_judgement_id = ?, new_verdict = ?
    WHERE contest_id = ? AND rejudging_id = ? AND submission_id = ?`).run(result.judgementId, result.verdict, contestId, rejudgingId, submissionId);
}

/** A submission that a rejudging may take: its queue row is done and its current valid judgement has a verdict. */
export interface RejudgeCandidate {
  submissionId: string;
  judgementId: string;
  verdict: string;
  queue: QueueSnapshot;
  inActiveRejudging: number;
}

export interface CandidateFilter {
  submissionIds?: readonly string[] | undefined;
  problemId?: string | undefined;
  teamId?: string | undefined;
  languageId?: string | undefined;
  verdict?: string | undefined;
}

/** Submissions matching every given filter with their current verdict; `inActiveRejudging` 1 when already held. */
export function findRejudgeCandidates(db: Db, contestId: string, filter: CandidateFilter): RejudgeCandidate[] {
  const where: string[] = [];
  const args: unknown[] = [contestId];
  if (filter.submissionIds !== undefined) {
    where.push(`x.submissionId IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(filter.submissionIds));
  }
  if (filter.problemId !== undefined) { where.push('x.problemId = ?'); args.push(filter.problemId); }
  if (filter.teamId !== undefined) { where.push('x.teamId = ?'); args.push(filter.teamId); }
  if (filter.languageId !== undefined) { where.push('x.languageId = ?'); args.push(filter.languageId); }
  if (filter.verdict !== undefined) { where.push('x.verdict = ?'); args.push(filter.verdict); }
  const rows = db.prepare(`SELECT x.submissionId, x.judgementId, x.verdict, x.enqueuedMs, x.leaseId, x.agentId, x.leasedMs, x.doneMs,
    x.attempts, x.lastError, x.inActiveRejudging FROM (
    SELECT s.id AS submissionId, s.seq AS seq, s.team_id AS teamId, s.problem_id AS problemId, s.language_id AS languageId,
      j.id AS judgementId, j.judgement_type_id AS verdict, q.enqueued_ms AS enqueuedMs, q.lease_id AS leaseId, q.agent_id AS agentId,
      q.leased_ms AS leasedMs, q.done_ms AS doneMs, q.attempts AS attempts, q.last_error AS lastError,
      EXISTS (SELECT 1 FROM console_rejudging_items i JOIN console_rejudgings r ON r.contest_id = i.contest_id AND r.id = i.rejudging_id
        WHERE i.contest_id = s.contest_id AND i.submission_id = s.id AND r.state = 'active') AS inActiveRejudging
    FROM submissions s
    JOIN judge_queue q ON q.contest_id = s.contest_id AND q.submission_id = s.id AND q.state = 'done'
    JOIN judgements j ON j.contest_id = s.contest_id AND j.id = (SELECT j2.id FROM judgements j2
      WHERE j2.contest_id = s.contest_id AND j2.submission_id = s.id AND j2.valid = 1 AND j2.judgement_type_id IS NOT NULL
      ORDER BY j2.rowid DESC LIMIT 1)
    WHERE s.contest_id = ?) x ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY x.seq`).all(...args) as
    Array<Omit<RejudgeCandidate, 'queue'> & QueueSnapshot>;
  return rows.map((r) => ({
    submissionId: r.submissionId, judgementId: r.judgementId, verdict: r.verdict, inActiveRejudging: r.inActiveRejudging,
    queue: { enqueuedMs: r.enqueuedMs, leaseId: r.leaseId, agentId: r.agentId, leasedMs: r.leasedMs, doneMs: r.doneMs, attempts: r.attempts, lastError: r.lastError },
  }));
}

/**
 * Puts a rejudged submission's queue row back exactly as it was before the rejudging: done, its
 * old judgement and lease (an agent still judging the rejudge holds a lease that is no longer
 * on any row, so its next message is "stale").
 */
export function restoreQueueRow(db: Db, contestId: string, submissionId: string, judgementId: string, before: QueueSnapshot): void {
  db.prepare(`UPDATE judge_queue SET state = 'done', enqueued_ms = ?, lease_id = ?, agent_id = ?, lease_expires_ms = NULL, leased_ms = ?,
    done_ms = ?, judgement_id = ?, attempts = ?, last_error = ?, superseded_judgement_id = NULL
    WHERE contest_id = ? AND submission_id = ?`).run(before.enqueuedMs, before.leaseId, before.agentId, before.leasedMs, before.doneMs,
    judgementId, before.attempts, before.lastError, contestId, submissionId);
}

/** Valid judgements of a submission other than `exceptId` (what a new valid judgement replaces). */
export function listOtherValidJudgements(db: Db, contestId: string, submissionId: string, exceptId: string): string[] {
  return (db.prepare('SELECT id FROM judgements WHERE contest_id = ? AND submission_id = ? AND valid = 1 AND id <> ? ORDER BY rowid')
    .all(contestId, submissionId, exceptId) as Array<{ id: string }>).map((r) => r.id);
}

export function insertOverride(db: Db, row: { contestId: string; judgementId: string; actor: string; reason: string; timeMs: number }): void {
  db.prepare('INSERT INTO console_overrides (contest_id, judgement_id, actor, reason, time_ms) VALUES (?, ?, ?, ?, ?)')
    .run(row.contestId, row.judgementId, row.actor, row.reason, row.timeMs);
}

/** Inserts a finished judgement set by hand (valid, with its verdict, no agent). */
export function insertManualJudgement(db: Db, contestId: string, row: { id: string; submissionId: string; verdict: string;
  timeMs: number; data: string }): void {
  db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, agent_id, data)
    VALUES (?, ?, ?, ?, 1, ?, ?, NULL, ?)`).run(contestId, row.id, row.submissionId, row.verdict, row.timeMs, row.timeMs, row.data);
}

/** Marks a submission's queue row done with `judgementId` (an override settles a pending or held job). */
export function settleQueueRow(db: Db, contestId: string, submissionId: string, judgementId: string, doneMs: number): void {
  db.prepare(`UPDATE judge_queue SET state = 'done', lease_id = NULL, agent_id = NULL, lease_expires_ms = NULL, done_ms = ?,
    judgement_id = ?, superseded_judgement_id = NULL WHERE contest_id = ? AND submission_id = ?`).run(doneMs, judgementId, contestId, submissionId);
}

/** CLICS run objects (as stored) of a judgement, in test case order. */
export function listRunObjects(db: Db, contestId: string, judgementId: string): Array<{ id: string; data: string }> {
  return db.prepare('SELECT id, data FROM runs WHERE contest_id = ? AND judgement_id = ? ORDER BY ordinal')
    .all(contestId, judgementId) as Array<{ id: string; data: string }>;
}
