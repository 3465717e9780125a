import type { ConsoleChanged } from '@arena/protocol';
import type { Db } from '../../adapters/sqlite/database';

/**
 * In-process "console data changed" signals, per database, emitted after the change committed.
 * The realtime module forwards each to the contest's `/proctor` room as `console:changed`, and
 * the console re-fetches that topic. App code calls `emitConsoleChanged`; it never touches sockets.
 */
export type ConsoleSignal = ConsoleChanged & { contestId: string };
export type ConsoleSignalListener = (signal: ConsoleSignal) => void;

const listeners = new WeakMap<Db, Set<ConsoleSignalListener>>();

/** Subscribes to this database's console signals; returns the unsubscribe function. */
export function onConsoleChanged(db: Db, listener: ConsoleSignalListener): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Tells every listener; a listener that throws is skipped (a push never undoes a change). */
export function emitConsoleChanged(db: Db, signal: ConsoleSignal): void {
  for (const listener of listeners.get(db) ?? []) {
    try {
      listener(signal);
    } catch {
      // A broken push never undoes or blocks the change it reports.
    }
  }
}
