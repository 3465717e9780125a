import type { ConsoleTopic } from '@arena/protocol';
import { insertAuditRow } from '../../adapters/sqlite/repos/judge-queue-repo';
import type { WriteContext } from '../../adapters/sqlite/store';
import { emitConsoleChanged } from '../console/console-signals';
import type { Principal } from '../auth/principal';

/** Writes one audit row for a jury action inside `tx` (who = account id and username). */
export function auditJuryAction(tx: WriteContext, actor: Principal, contestId: string | null, action: string, details: Record<string, unknown>): void {
  insertAuditRow(tx.db, {
    contestId, timeMs: tx.nowMs, actor: `${actor.accountId}/${actor.username}`, action,
    details: { ...details, accountId: actor.accountId, username: actor.username },
  });
}

/** Tells open consoles to re-fetch `topics` of `contestIds` (call after the change committed). */
export function signalConsoles(db: WriteContext['db'], contestIds: readonly string[], topics: readonly ConsoleTopic[]): void {
  for (const contestId of contestIds) {
    for (const topic of topics) emitConsoleChanged(db, { contestId, topic });
  }
}
