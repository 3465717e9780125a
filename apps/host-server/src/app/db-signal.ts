import type { Db } from '../adapters/sqlite/database';

/**
 * An in-process signal scoped to one database (one host = one database), heard only after the
 * change it describes has committed. Listeners run synchronously in subscription order; one that
 * throws is skipped, because a notification must never undo or block the change it reports.
 */
export interface DbSignal<T> {
  /** Subscribes to this database's signals; returns the unsubscribe function. */
  on(db: Db, listener: (signal: T) => void): () => void;
  /** Tells every listener of this database. */
  emit(db: Db, signal: T): void;
}

export function createDbSignal<T>(): DbSignal<T> {
  const listeners = new WeakMap<Db, Set<(signal: T) => void>>();
  return {
    on(db, listener) {
      let set = listeners.get(db);
      if (!set) {
        set = new Set();
        listeners.set(db, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(db, signal) {
      for (const listener of listeners.get(db) ?? []) {
        try {
          listener(signal);
        } catch {
          // A broken listener (a push, metrics) never undoes or blocks the change.
        }
      }
    },
  };
}
