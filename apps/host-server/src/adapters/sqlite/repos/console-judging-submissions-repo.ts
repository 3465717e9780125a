import type { Db } from '../database';

/**
 * Jury reads of submissions for the proctor console: each submission with its current judgement
 * (the last valid one with a verdict, else the last valid one still judging), queue state, team
 * and problem objects; and every judgement of one submission with its runs. Read only.
 */

export interface JurySubmissionFilter {
  teamId?: string | undefined;
  problemId?: string | undefined;
  languageId?: string | undefined;
  /** A verdict id, or null for "no verdict yet". */
  verdict?: string | null | undefined;
  agentId?: string | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  limit: number;
}

export interface JurySubmissionDbRow {
  id: string;
  teamId: string;
  problemId: string;
  languageId: string;
  timeMs: number;
  contestTimeMs: number;
  files: string;
  teamData: string | null;
  problemData: string | null;
  judgementId: string | null;
  verdict: string | null;
  agentId: string | null;
  maxCpuTimeMs: number | null;
  queueState: string | null;
}

const CURRENT_JUDGEMENT = `(SELECT j2.id FROM judgements j2 WHERE j2.contest_id = s.contest_id AND j2.submission_id = s.id AND j2.valid = 1
  ORDER BY (j2.judgement_type_id IS NOT NULL) DESC, j2.rowid DESC LIMIT 1)`;

const ROW_SELECT = `SELECT s.id AS id, s.seq AS seq, s.team_id AS teamId, s.problem_id AS problemId, s.language_id AS languageId,
  s.time_ms AS timeMs, s.contest_time_ms AS contestTimeMs, s.files AS files, t.data AS teamData, p.data AS problemData,
  j.id AS judgementId, j.judgement_type_id AS verdict, j.agent_id AS agentId,
  (SELECT MAX(r.cpu_time_ms) FROM runs r WHERE r.contest_id = s.contest_id AND r.judgement_id = j.id) AS maxCpuTimeMs,
  q.state AS queueState
  FROM submissions s
  LEFT JOIN teams t ON t.contest_id = s.contest_id AND t.id = s.team_id
  LEFT JOIN problems p ON p.contest_id = s.contest_id AND p.id = s.problem_id
  LEFT JOIN judgements j ON j.contest_id = s.contest_id AND j.id = ${CURRENT_JUDGEMENT}
  LEFT JOIN judge_queue q ON q.contest_id = s.contest_id AND q.submission_id = s.id
  WHERE s.contest_id = ?`;

/** Submissions of a contest matching every given filter, newest first, at most `limit`. */
export function listJurySubmissions(db: Db, contestId: string, filter: JurySubmissionFilter): JurySubmissionDbRow[] {
  const where: string[] = [];
  const args: unknown[] = [contestId];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    args.push(value);
  };
  if (filter.teamId !== undefined) add('x.teamId = ?', filter.teamId);
  if (filter.problemId !== undefined) add('x.problemId = ?', filter.problemId);
  if (filter.languageId !== undefined) add('x.languageId = ?', filter.languageId);
  if (filter.verdict === null) where.push('x.verdict IS NULL');
  else if (filter.verdict !== undefined) add('x.verdict = ?', filter.verdict);
  if (filter.agentId !== undefined) add('x.agentId = ?', filter.agentId);
  if (filter.fromMs !== undefined) add('x.timeMs >= ?', filter.fromMs);
  if (filter.toMs !== undefined) add('x.timeMs <= ?', filter.toMs);
  args.push(filter.limit);
  const sql = `SELECT * FROM (${ROW_SELECT}) x ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY x.seq DESC LIMIT ?`;
  return db.prepare(sql).all(...args) as JurySubmissionDbRow[];
}

export function getJurySubmission(db: Db, contestId: string, submissionId: string): JurySubmissionDbRow | undefined {
  return db.prepare(`${ROW_SELECT} AND s.id = ?`).get(contestId, submissionId) as JurySubmissionDbRow | undefined;
}

export interface JuryJudgementDbRow {
  id: string;
  verdict: string | null;
  valid: number;
  agentId: string | null;
  startMs: number;
  endMs: number | null;
  compileOutput: string;
  overriddenBy: string | null;
}

/** Every judgement of a submission, oldest first, with who overrode it (if set by hand). */
export function listJudgementsOf(db: Db, contestId: string, submissionId: string): JuryJudgementDbRow[] {
  return db.prepare(`SELECT j.id, j.judgement_type_id AS verdict, j.valid, j.agent_id AS agentId, j.start_ms AS startMs,
    j.end_ms AS endMs, j.compile_output AS compileOutput, o.actor AS overriddenBy
    FROM judgements j LEFT JOIN console_overrides o ON o.contest_id = j.contest_id AND o.judgement_id = j.id
    WHERE j.contest_id = ? AND j.submission_id = ? ORDER BY j.rowid`).all(contestId, submissionId) as JuryJudgementDbRow[];
}

export interface JuryRunDbRow {
  judgementId: string;
  ordinal: number;
  testcaseId: string;
  verdict: string;
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryBytes: number;
  judgeMessage: string;
  teamMessage: string;
}

/** Runs of every judgement of a submission, in test case order. */
export function listRunsOf(db: Db, contestId: string, submissionId: string): JuryRunDbRow[] {
  return db.prepare(`SELECT r.judgement_id AS judgementId, r.ordinal, r.testcase_id AS testcaseId, r.judgement_type_id AS verdict,
    r.cpu_time_ms AS cpuTimeMs, r.wall_time_ms AS wallTimeMs, r.memory_bytes AS memoryBytes, r.judge_message AS judgeMessage,
    r.team_message AS teamMessage
    FROM runs r JOIN judgements j ON j.contest_id = r.contest_id AND j.id = r.judgement_id
    WHERE r.contest_id = ? AND j.submission_id = ? ORDER BY r.ordinal`).all(contestId, submissionId) as JuryRunDbRow[];
}

/** Whether the contest exists. */
export function contestExists(db: Db, contestId: string): boolean {
  return db.prepare('SELECT 1 FROM contests WHERE id = ?').get(contestId) !== undefined;
}
