import type { AuditEntry, AuditQuery } from '@arena/protocol';
import { listAuditRows } from '../../adapters/sqlite/repos/console-judging-audit-repo';
import type { HostContext } from '../host-context';

const DEFAULT_LIMIT = 100;

function parseDetails(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A contest's audit log entries (and host-wide ones), newest first (page back with `beforeId`). */
export function listAuditEntries(ctx: HostContext, contestId: string, query: AuditQuery): AuditEntry[] {
  return listAuditRows(ctx.store.db, { contestId, beforeId: query.beforeId, limit: query.limit ?? DEFAULT_LIMIT })
    .map((row) => ({ id: row.id, contestId: row.contestId, timeMs: row.timeMs, actor: row.actor, action: row.action, details: parseDetails(row.details) }));
}
