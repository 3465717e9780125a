import type { Db } from '../database';

/**
 * Judge agents as the proctor console lists them (migration 050), plus what the judge queue,
 * judgements and audit log say about each agent. Writers run inside `Store.write`.
 */

export interface JudgeAgentDbRow {
  agentId: string;
  hostname: string;
  sandbox: string;
  paused: number;
  firstSeenMs: number;
  lastSeenMs: number;
}

const AGENT_COLUMNS = 'agent_id AS agentId, hostname, sandbox, paused, first_seen_ms AS firstSeenMs, last_seen_ms AS lastSeenMs';

/** Records an agent's hello (new or known agent); keeps its paused flag. */
export function upsertAgent(db: Db, agent: { agentId: string; hostname: string; sandbox: string; nowMs: number }): void {
  db.prepare(`INSERT INTO console_judge_agents (agent_id, hostname, sandbox, paused, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, 0, ?, ?)
    ON CONFLICT (agent_id) DO UPDATE SET hostname = excluded.hostname, sandbox = excluded.sandbox, last_seen_ms = excluded.last_seen_ms`)
    .run(agent.agentId, agent.hostname, agent.sandbox, agent.nowMs, agent.nowMs);
}

export function touchAgent(db: Db, agentId: string, nowMs: number): void {
  db.prepare('UPDATE console_judge_agents SET last_seen_ms = MAX(last_seen_ms, ?) WHERE agent_id = ?').run(nowMs, agentId);
}

export function getAgent(db: Db, agentId: string): JudgeAgentDbRow | undefined {
  return db.prepare(`SELECT ${AGENT_COLUMNS} FROM console_judge_agents WHERE agent_id = ?`).get(agentId) as JudgeAgentDbRow | undefined;
}

export function listAgents(db: Db): JudgeAgentDbRow[] {
  return db.prepare(`SELECT ${AGENT_COLUMNS} FROM console_judge_agents ORDER BY agent_id`).all() as JudgeAgentDbRow[];
}

/** Sets the paused flag; false when no such agent is known. */
export function setAgentPaused(db: Db, agentId: string, paused: boolean): boolean {
  return db.prepare('UPDATE console_judge_agents SET paused = ? WHERE agent_id = ?').run(paused ? 1 : 0, agentId).changes > 0;
}

export function isAgentPaused(db: Db, agentId: string): boolean {
  const row = db.prepare('SELECT paused FROM console_judge_agents WHERE agent_id = ?').get(agentId) as { paused: number } | undefined;
  return row?.paused === 1;
}

export interface AgentJobDbRow {
  submissionId: string;
  kind: string;
  leasedMs: number | null;
}

/** Jobs an agent holds a lease on right now, oldest first. */
export function listLeasedJobs(db: Db, agentId: string): AgentJobDbRow[] {
  return db.prepare(`SELECT submission_id AS submissionId, kind, leased_ms AS leasedMs FROM judge_queue
    WHERE state = 'leased' AND agent_id = ? ORDER BY leased_ms`).all(agentId) as AgentJobDbRow[];
}

/** Judgements with a verdict an agent finished: all, and since `sinceMs`. */
export function countAgentVerdicts(db: Db, agentId: string, sinceMs: number): { total: number; recent: number } {
  return db.prepare(`SELECT COUNT(*) AS total, COALESCE(SUM(end_ms >= ?), 0) AS recent FROM judgements
    WHERE agent_id = ? AND judgement_type_id IS NOT NULL`).get(sinceMs, agentId) as { total: number; recent: number };
}

/** The agent's latest judging error from the audit log, if any. */
export function lastAgentError(db: Db, agentId: string): { reason: string; atMs: number } | undefined {
  const row = db.prepare(`SELECT json_extract(details, '$.reason') AS reason, time_ms AS atMs FROM audit_log
    WHERE action = 'judging-error' AND json_extract(details, '$.agentId') = ? ORDER BY id DESC LIMIT 1`).get(agentId) as
    { reason: unknown; atMs: number } | undefined;
  return row ? { reason: typeof row.reason === 'string' ? row.reason : 'unknown', atMs: row.atMs } : undefined;
}

/** Judging errors ever audited (all agents). */
export function countJudgingErrors(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'judging-error'`).get() as { n: number }).n;
}

/** Every contest id (console signals are per contest; judges serve them all). */
export function listContestIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM contests ORDER BY created_ms, id').all() as Array<{ id: string }>).map((r) => r.id);
}
