import type { Db } from '../../adapters/sqlite/database';

/**
 * In-process "a login session was revoked" signals (logout), per database, sent after the
 * revocation is stored. The realtime side disconnects sockets opened with that token at once
 * instead of waiting for its periodic check. Only the token's sha256 travels.
 */
export type SessionRevokedListener = (tokenSha256: string) => void;

const listeners = new WeakMap<Db, Set<SessionRevokedListener>>();

/** Subscribes to this database's session revocations; returns the unsubscribe function. */
export function onSessionRevoked(db: Db, listener: SessionRevokedListener): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Tells every listener; a listener that throws is skipped (logging out never fails for it). */
export function emitSessionRevoked(db: Db, tokenSha256: string): void {
  for (const listener of listeners.get(db) ?? []) {
    try {
      listener(tokenSha256);
    } catch {
      // A broken listener never undoes or blocks the logout.
    }
  }
}
