import type { Db } from '../../adapters/sqlite/database';
import { countQueue } from '../../adapters/sqlite/repos/judge-queue-repo';

export interface QueueStats {
  /** Jobs waiting for an agent. */
  queued: number;
  /** Jobs an agent is judging now. */
  leased: number;
  /** Jobs that failed too often and wait for the jury. */
  held: number;
  done: number;
  /** How long the oldest waiting job has waited (0 when none waits). */
  oldestWaitingMs: number;
}

/**
 * Queue figures for metrics and the console. Judging latency is pushed instead: subscribe with
 * `onJudgingSignal(db, ...)` and read `latencyMs` / `judgingMs` of `completed` signals.
 */
export function getQueueStats(db: Db, nowMs: number): QueueStats {
  const c = countQueue(db);
  return {
    queued: c.queued, leased: c.leased, held: c.held, done: c.done,
    oldestWaitingMs: c.oldestQueuedMs === null ? 0 : Math.max(0, nowMs - c.oldestQueuedMs),
  };
}
