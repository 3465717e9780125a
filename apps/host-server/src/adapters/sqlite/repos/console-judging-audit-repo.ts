import type { Db } from '../database';

export interface AuditDbRow {
  id: number;
  contestId: string | null;
  timeMs: number;
  actor: string;
  action: string;
  details: string;
}

/** Audit log rows, newest first: one contest's (and host-wide rows without a contest), older than `beforeId`, at most `limit`. */
export function listAuditRows(db: Db, query: { contestId: string; beforeId?: number | undefined; limit: number }): AuditDbRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  where.push('(contest_id = ? OR contest_id IS NULL)');
  args.push(query.contestId);
  if (query.beforeId !== undefined) { where.push('id < ?'); args.push(query.beforeId); }
  args.push(query.limit);
  return db.prepare(`SELECT id, contest_id AS contestId, time_ms AS timeMs, actor, action, details FROM audit_log
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...args) as AuditDbRow[];
}
