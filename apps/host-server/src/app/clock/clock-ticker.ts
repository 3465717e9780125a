import type { ContestState } from '@arena/protocol';
import { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import { clicsState } from '../../domain/clock/contest-clock';
import type { HostContext } from '../host-context';
import { emitClockEvents, parseStoredClock } from './contest-clock-store';

const STATE_KEYS = ['started', 'frozen', 'ended', 'thawed', 'finalized', 'end_of_updates'] as const;

function sameState(a: Record<string, unknown> | null, b: ContestState): boolean {
  return a !== null && STATE_KEYS.every((k) => (a[k] ?? null) === b[k]);
}

/**
 * Emits `state` events for changes that happen by the passage of time alone (a scheduled start,
 * the automatic freeze, the end): every `intervalMs` it compares each contest's CLICS state with
 * the last `state` event in the log and, when they differ, emits the new one (and the problems,
 * on the start) in one write. Idempotent: a restart re-reads the log, so nothing is emitted
 * twice. Returns the stop function.
 */
export function startClockTicker(ctx: HostContext, options: { intervalMs?: number } = {}): () => void {
  const repo = new ApiRepo(ctx.store.db);
  const lastStateStmt = ctx.store.db.prepare<[string], { data: string | null }>(
    "SELECT data FROM events WHERE contest_id = ? AND type = 'state' ORDER BY token DESC LIMIT 1");

  function lastState(contestId: string): Record<string, unknown> | null {
    const last = lastStateStmt.get(contestId);
    return last?.data ? (JSON.parse(last.data) as Record<string, unknown>) : null;
  }

  /** The state to emit now, or null when the log is up to date. */
  function pendingState(contestId: string, nowMs: number): { state: ContestState; startedNow: boolean } | null {
    const row = repo.getContest(contestId);
    if (!row) return null;
    const state = clicsState(parseStoredClock(row), nowMs);
    const last = lastState(contestId);
    if (sameState(last, state)) return null;
    // A contest that has not started needs no state event of its own yet.
    if (last === null && state.started === null) return null;
    return { state, startedNow: state.started !== null && (last?.started ?? null) === null };
  }

  // A contest whose clock cannot be read is reported once, not every tick.
  const reported = new Set<string>();

  function tick(): void {
    let contestIds: string[];
    try {
      contestIds = (ctx.store.db.prepare('SELECT id FROM contests').all() as Array<{ id: string }>).map((r) => r.id);
    } catch (err) {
      ctx.log.error({ err }, 'clock tick failed');
      return;
    }
    for (const id of contestIds) {
      try {
        if (pendingState(id, ctx.clock()) === null) continue;
        ctx.store.write((tx) => {
          const change = pendingState(id, tx.nowMs);
          if (change) emitClockEvents(tx, repo, id, { ...change, contest: null });
        });
        reported.delete(id);
      } catch (err) {
        if (!reported.has(id)) ctx.log.error({ err, contestId: id }, 'clock tick failed');
        reported.add(id);
      }
    }
  }

  const timer = setInterval(tick, options.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
