import type { ConsoleTopic } from '@arena/protocol';
import { appendAudit } from '../../adapters/sqlite/repos/import-repo';
import type { WriteContext } from '../../adapters/sqlite/store';
import { emitConsoleChanged } from '../console/console-signals';
import type { HostContext } from '../host-context';

/** Writes one audit_log row inside the caller's write (`actor` = account id, or 'system'). */
export function audit(tx: WriteContext, entry: { contestId: string; actor: string; action: string; details: unknown }): void {
  appendAudit(tx.db, { ...entry, timeMs: tx.nowMs });
}

/** Tells open consoles to re-fetch `topics` (call after the write committed). */
export function signalConsole(ctx: HostContext, contestId: string, topics: readonly ConsoleTopic[], teamId?: string): void {
  for (const topic of topics) emitConsoleChanged(ctx.store.db, { contestId, topic, ...(teamId === undefined ? {} : { teamId }) });
}
