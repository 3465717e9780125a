import type { WriteContext } from '../../adapters/sqlite/store';
import { listExpiredLeases } from '../../adapters/sqlite/repos/judge-queue-repo';
import type { HostContext } from '../host-context';
import { emitJudgingSignal, type JudgingSignal } from './judging-signals';
import { takeBackLease } from './take-back-lease';

/**
 * Inside `tx`: every lease whose agent stopped heartbeating goes back to the queue (no attempt
 * counted: a vanished agent is not the submission's fault). Returns the signals to send after
 * the commit.
 */
export function expireLeases(tx: WriteContext): JudgingSignal[] {
  const expired = listExpiredLeases(tx.db, tx.nowMs);
  for (const row of expired) takeBackLease(tx, row, { countAttempt: false, reason: 'lease expired', maxAttempts: Infinity });
  return expired.length > 0 ? [{ type: 'queued' }] : [];
}

/** One sweep in its own write; returns how many leases were taken back. */
export function sweepExpiredLeases(ctx: HostContext): number {
  let signals: JudgingSignal[] = [];
  ctx.store.write((tx) => {
    signals = expireLeases(tx);
  });
  for (const signal of signals) emitJudgingSignal(ctx.store.db, signal);
  return signals.length;
}

/**
 * Sweeps expired leases periodically (a few times per lease timeout, so a dead agent's job is
 * back within about 1.25 × leaseTimeoutMs). A failing sweep is logged and retried next tick.
 * Returns the stop function (the host calls it on close).
 */
export function startLeaseSweeper(ctx: HostContext): () => void {
  const intervalMs = Math.max(50, Math.min(1000, Math.floor(ctx.config.judging.leaseTimeoutMs / 4)));
  const timer = setInterval(() => {
    try {
      sweepExpiredLeases(ctx);
    } catch (err) {
      ctx.log.error({ err }, 'judge lease sweep failed');
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
