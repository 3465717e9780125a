import type { RealtimeAck } from '@arena/protocol';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError } from '../app/errors';
import type { HostContext } from '../app/host-context';
import { clientMessage } from './realtime-handshake';

/**
 * Registers a client request on a socket: the payload is `unknown`, parsed with `schema`; a bad
 * payload or a refusal is answered `{ ok: false, error }` and changes nothing. Tolerates a
 * client that sends no payload (parsed as `{}`) or no ack.
 */
export function onRequest<S extends z.ZodType, R>(ctx: HostContext, socket: Socket, event: string, schema: S,
  handler: (payload: z.infer<S>) => R): void {
  socket.on(event, (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() as (reply: RealtimeAck<R>) => void : undefined;
    let reply: RealtimeAck<R>;
    try {
      const parsed = schema.safeParse(args[0] ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
        throw new AppError('bad_request', `invalid ${event} request: ${problems}`);
      }
      reply = { ok: true, data: handler(parsed.data) };
    } catch (err) {
      reply = { ok: false, error: clientMessage(ctx, err, `${event} request`) };
    }
    ack?.(reply);
  });
}
