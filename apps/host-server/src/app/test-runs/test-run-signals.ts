import type { Db } from '../../adapters/sqlite/database';
import { createDbSignal } from '../db-signal';

/**
 * In-process "a test run changed" signals, per database, sent after the change committed
 * (queued → judging → done/failed, or a new per-case result). The realtime side pushes the
 * test run's current state to its team; app code never touches sockets.
 */
export interface TestRunSignal {
  contestId: string;
  teamId: string;
  testRunId: string;
}
export type TestRunSignalListener = (signal: TestRunSignal) => void;

const changed = createDbSignal<TestRunSignal>();

/** Subscribes to this database's test-run signals; returns the unsubscribe function. */
export const onTestRunChanged: (db: Db, listener: TestRunSignalListener) => () => void = changed.on;

/** Tells every listener (a push never undoes a change). */
export const emitTestRunChanged: (db: Db, signal: TestRunSignal) => void = changed.emit;

/**
 * Sends the signal once the current synchronous write has returned (`Store.write` commits
 * synchronously). If that write rolled back, the listener reads the unchanged row: harmless.
 */
export function emitTestRunChangedAfterCommit(db: Db, signal: TestRunSignal): void {
  queueMicrotask(() => emitTestRunChanged(db, signal));
}
