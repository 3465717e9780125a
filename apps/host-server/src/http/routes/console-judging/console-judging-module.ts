import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Server as SocketServer } from 'socket.io';
import { createAuthService } from '../../../app/auth/auth-service';
import { requireJury } from '../../../app/console-judging/console-access';
import { createLatencyWindow } from '../../../app/console-judging/latency-window';
import { createVerdictOverrides } from '../../../app/console-judging/override-verdict';
import { startQueueSignals } from '../../../app/console-judging/queue-signals';
import type { HostContext } from '../../../app/host-context';
import { onJudgingSignal } from '../../../app/judging/judging-signals';
import type { ComponentStatuses } from '../../../app/metrics/component-statuses';
import { createRequestAuth } from '../../auth-hook';
import type { ArenaFastify } from '../../create-http-server';
import type { ApiScope } from '../api-scope';
import { consoleRouteDeps } from './console-scope';
import { registerJudgesRoutes } from './judges-routes';
import { registerJurySubmissionRoutes } from './jury-submission-routes';
import { registerRejudgingRoutes } from './rejudging-routes';

/** Queue activity reaches open consoles at most this often per contest and topic. */
const QUEUE_SIGNAL_COALESCE_MS = 500;

/**
 * Judging operations of the proctor console (jury only): submissions, rejudgings, overrides,
 * judge agents, audit log, health. Every route is in one scope whose hook lets only judges and
 * admins through (anonymous 401, anyone else 403) before the request is even validated.
 * Register it right after the ops module: its response hook counts 5xx replies of every route
 * registered after it (the health summary shows them).
 */
export async function registerConsoleJudgingModule(deps: {
  ctx: HostContext; http: ArenaFastify; io: SocketServer; statuses: ComponentStatuses; onClose(fn: () => Promise<void> | void): void;
}): Promise<void> {
  const { ctx, http, io, statuses } = deps;
  const auth = createRequestAuth(createAuthService(ctx));
  const overrides = createVerdictOverrides(ctx);
  const latency = createLatencyWindow();
  let http5xx = 0;
  http.addHook('onResponse', async (_request, reply) => {
    if (reply.statusCode >= 500) http5xx += 1;
  });
  deps.onClose(onJudgingSignal(ctx.store.db, (signal) => {
    if (signal.type === 'completed') latency.add(signal.latencyMs);
  }));
  deps.onClose(startQueueSignals(ctx, { coalesceMs: QUEUE_SIGNAL_COALESCE_MS }));
  const socketsOf = (name: string) => io.of(name).sockets.size;
  const health = {
    components: () => statuses.all(),
    sockets: () => ({ contestant: socketsOf('/contestant'), proctor: socketsOf('/proctor'), scoreboard: socketsOf('/scoreboard'), judge: socketsOf('/judge') }),
    verdictLatency: () => latency.summary(),
    http5xx: () => http5xx,
  };

  await http.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>() as unknown as ApiScope;
    app.addHook('onRequest', async (request) => {
      requireJury(auth.principal(request));
    });
    const routeDeps = consoleRouteDeps(app, auth);
    registerJurySubmissionRoutes(routeDeps, ctx, overrides);
    registerRejudgingRoutes(routeDeps, ctx);
    registerJudgesRoutes(routeDeps, ctx, health);
  });
}
