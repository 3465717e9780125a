import type { Db } from '../../adapters/sqlite/database';

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

const listeners = new WeakMap<Db, Set<TestRunSignalListener>>();

/** Subscribes to this database's test-run signals; returns the unsubscribe function. */
export function onTestRunChanged(db: Db, listener: TestRunSignalListener): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Tells every listener; a listener that throws is skipped (a push never undoes a change). */
export function emitTestRunChanged(db: Db, signal: TestRunSignal): void {
  for (const listener of listeners.get(db) ?? []) {
    try {
      listener(signal);
    } catch {
      // A broken push never undoes or blocks the change it reports.
    }
  }
}

/**
 * Sends the signal once the current synchronous write has returned (`Store.write` commits
 * synchronously). If that write rolled back, the listener reads the unchanged row: harmless.
 */
export function emitTestRunChangedAfterCommit(db: Db, signal: TestRunSignal): void {
  queueMicrotask(() => emitTestRunChanged(db, signal));
}
