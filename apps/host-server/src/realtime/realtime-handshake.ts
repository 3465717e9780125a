import { PROTOCOL_VERSION, RealtimeHandshake } from '@arena/protocol';
import type { Namespace, Socket } from 'socket.io';
import type { AuthService } from '../app/auth/auth-service';
import type { Principal } from '../app/auth/principal';
import { AppError } from '../app/errors';
import type { HostContext } from '../app/host-context';

/**
 * Parses a realtime handshake `auth` and checks the protocol version. A mismatch is refused with
 * a message the user can act on; nothing else is looked at before the version matches.
 */
export function parseHandshake(raw: unknown): RealtimeHandshake {
  const version = raw !== null && typeof raw === 'object' ? (raw as { protocolVersion?: unknown }).protocolVersion : undefined;
  if (version !== PROTOCOL_VERSION) {
    const theirs = typeof version === 'number' ? `protocol version ${version}` : 'no protocol version';
    throw new AppError('bad_request', `${theirs}, host speaks ${PROTOCOL_VERSION}: update the app`);
  }
  const parsed = RealtimeHandshake.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(auth)'}: ${i.message}`).join('; ');
    throw new AppError('bad_request', `invalid handshake: ${problems}`);
  }
  return parsed.data;
}

/** The message a client sees for a refused connection or request; internal errors are logged, not sent. */
export function clientMessage(ctx: HostContext, err: unknown, what: string): string {
  if (err instanceof AppError) return err.message;
  ctx.log.error({ err }, `${what} failed`);
  return 'internal error; the host logged the details';
}

/**
 * Installs the handshake check on a namespace: the version first, then `admit` (which may
 * authenticate and stores what the connection needs in `socket.data`). Any refusal reaches the
 * client as `connect_error` with the message.
 */
export function guardHandshake(ctx: HostContext, nsp: Namespace, admit: (socket: Socket, handshake: RealtimeHandshake) => void): void {
  nsp.use((socket, next) => {
    try {
      admit(socket, parseHandshake(socket.handshake.auth));
      next();
    } catch (err) {
      next(new Error(clientMessage(ctx, err, `${nsp.name} handshake`)));
    }
  });
}

/** Resolves a handshake login token to its principal; no token is `unauthorized`. */
export function principalOfToken(auth: AuthService, handshake: RealtimeHandshake, clientIp: string, needed: string): Principal {
  if (handshake.token === undefined) throw new AppError('unauthorized', `log in first: this connection needs ${needed} login token in auth.token`);
  const principal = auth.authenticate(`Bearer ${handshake.token}`, { clientIp });
  if (principal === null) throw new AppError('unauthorized', 'the login token is not valid; log in again');
  return principal;
}
