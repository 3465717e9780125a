import { PROTOCOL_VERSION } from '@arena/protocol';
import type { ArenaFastify } from '../create-http-server';

export interface HealthzDeps {
  /** Runs a trivial query; throws if the database does not answer. */
  pingDatabase(): void;
  /** Host clock (epoch ms) and the time the host started, for `uptimeS`. */
  clock(): number;
  startedMs: number;
  /** Degradable parts and their state; reported, but only the database decides 200 or 503. */
  components?(): Record<string, { ok: boolean; detail: string }>;
}

/**
 * `GET /healthz`, unauthenticated, for load balancers and the operator: 200
 * `{ ok: true, db: 'ok', protocolVersion, uptimeS, components }` when the database answers (a
 * degraded component such as rankings served in-process shows in `components`), 503 with
 * `ok: false, db: 'error'` when it does not (the error itself is logged, not sent).
 */
export function registerHealthzRoute(app: ArenaFastify, deps: HealthzDeps): void {
  app.get('/healthz', async (request, reply) => {
    const uptimeS = Math.max(0, Math.round((deps.clock() - deps.startedMs) / 1000));
    try {
      deps.pingDatabase();
    } catch (err) {
      request.log.error({ err }, 'health check: database did not answer');
      return reply.status(503).send({ ok: false, db: 'error', protocolVersion: PROTOCOL_VERSION, uptimeS });
    }
    return reply.header('cache-control', 'no-store').send({ ok: true, db: 'ok', protocolVersion: PROTOCOL_VERSION, uptimeS, components: deps.components?.() ?? {} });
  });
}
