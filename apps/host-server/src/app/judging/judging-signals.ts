import type { Db } from '../../adapters/sqlite/database';
import { createDbSignal } from '../db-signal';

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

const signals = createDbSignal<JudgingSignal>();

/** Subscribes to the judge queue's signals of this database; returns the unsubscribe function. */
export const onJudgingSignal: (db: Db, listener: JudgingSignalListener) => () => void = signals.on;

/** Tells every listener; a listener that throws is skipped (it must not break judging). */
export const emitJudgingSignal: (db: Db, signal: JudgingSignal) => void = signals.emit;
