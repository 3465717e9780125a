import type { Db } from '../../adapters/sqlite/database';

/**
 * In-process signals of the judge queue, per database (one host = one database), heard only
 * after the change they describe has committed:
 * - `queued`: work may be waiting (idle agents get nudged). May be spurious; never missing.
 * - `judging-error`: a judge failed on a job (the proctor console pushes it; also in audit_log).
 * - `completed`: a job got its final verdict (metrics: judging latency).
 */
export type JudgingSignal =
  | { type: 'queued' }
  | { type: 'judging-error'; contestId: string; submissionId: string; agentId: string; reason: string;
      attempts: number; held: boolean; timeMs: number }
  | { type: 'completed'; contestId: string; submissionId: string; verdict: string;
      /** Enqueued to verdict. */ latencyMs: number; /** Leased to verdict. */ judgingMs: number };

export type JudgingSignalListener = (signal: JudgingSignal) => void;

const listeners = new WeakMap<Db, Set<JudgingSignalListener>>();

/** Subscribes to the judge queue's signals of this database; returns the unsubscribe function. */
export function onJudgingSignal(db: Db, listener: JudgingSignalListener): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Tells every listener; a listener that throws is skipped (it must not break judging). */
export function emitJudgingSignal(db: Db, signal: JudgingSignal): void {
  for (const listener of listeners.get(db) ?? []) {
    try {
      listener(signal);
    } catch {
      // A broken listener (metrics, console) never undoes or blocks judging.
    }
  }
}
