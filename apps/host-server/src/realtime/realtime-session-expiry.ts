import type { SessionEnded } from '@arena/protocol';
import type { Namespace, Server as SocketServer, Socket } from 'socket.io';
import type { AuthService } from '../app/auth/auth-service';
import { sha256Hex } from '../app/auth/auth-service';
import { onSessionRevoked } from '../app/auth/session-signals';
import { AppError } from '../app/errors';
import type { HostContext } from '../app/host-context';

/** Namespaces whose sockets are opened with a login token (`auth.token`). */
const LOGGED_IN_NAMESPACES = ['/contestant', '/proctor'] as const;
const DEFAULT_CHECK_INTERVAL_MS = 15_000;

function tokenOf(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  return typeof auth?.token === 'string' ? auth.token : null;
}

/**
 * Realtime sessions never outlive their login token: every `checkIntervalMs`, and at once for
 * the sockets of a token that is logged out, each `/contestant` and `/proctor` socket's token is
 * checked again like a request's (expired, revoked, account or team disabled). A socket that
 * fails gets `session:ended { reason }` (the same message a request would get) and is then
 * disconnected by the host, so the client knows to log in again rather than reconnect.
 * Returns the stop function.
 */
export function expireRealtimeSessions(ctx: HostContext, io: SocketServer, auth: AuthService,
  options: { checkIntervalMs?: number } = {}): () => void {
  const namespaces: Namespace[] = LOGGED_IN_NAMESPACES.map((name) => io.of(name));

  function endIfInvalid(socket: Socket): void {
    const token = tokenOf(socket);
    let reason: string | null = null;
    try {
      if (token === null) reason = 'this connection has no login token; log in again';
      else auth.authenticate(`Bearer ${token}`, { clientIp: socket.handshake.address });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      reason = err.message;
    }
    if (reason === null) return;
    const ended: SessionEnded = { reason };
    socket.emit('session:ended', ended);
    socket.disconnect(true);
  }

  function checkAll(onlyTokenSha256?: string): void {
    for (const nsp of namespaces) {
      for (const socket of nsp.sockets.values()) {
        const token = tokenOf(socket);
        if (onlyTokenSha256 !== undefined && (token === null || sha256Hex(token) !== onlyTokenSha256)) continue;
        try {
          endIfInvalid(socket);
        } catch (err) {
          ctx.log.error({ err, namespace: nsp.name }, 'realtime session check failed');
        }
      }
    }
  }

  const timer = setInterval(() => checkAll(), options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS);
  timer.unref();
  const stopListening = onSessionRevoked(ctx.store.db, (tokenSha256) => checkAll(tokenSha256));
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
