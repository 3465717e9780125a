import type { Db } from '../../adapters/sqlite/database';
import { createDbSignal } from '../db-signal';

/**
 * In-process "a login session was revoked" signals (logout), per database, sent after the
 * revocation is stored. The realtime side disconnects sockets opened with that token at once
 * instead of waiting for its periodic check. Only the token's sha256 travels.
 */
export type SessionRevokedListener = (tokenSha256: string) => void;

const revoked = createDbSignal<string>();

/** Subscribes to this database's session revocations; returns the unsubscribe function. */
export const onSessionRevoked: (db: Db, listener: SessionRevokedListener) => () => void = revoked.on;

/** Tells every listener (logging out never fails for one that throws). */
export const emitSessionRevoked: (db: Db, tokenSha256: string) => void = revoked.emit;
