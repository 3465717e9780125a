import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAuthService } from '../../app/auth/auth-service';
import { createClarificationService } from '../../app/clarifications/clarify';
import { startClockTicker } from '../../app/clock/clock-ticker';
import { createContestApi } from '../../app/contest-api/contest-api';
import type { HostContext } from '../../app/host-context';
import { createSubmitService } from '../../app/submissions/submit';
import { createRequestAuth, type RequestAuth } from '../auth-hook';
import type { ArenaFastify } from '../create-http-server';
import type { ApiScope } from './api-scope';
import { registerAuthRoutes } from './auth-routes';
import { registerClarificationRoutes } from './clarification-routes';
import { registerClockRoutes } from './clock-routes';
import { registerContestRoutes } from './contest-routes';
import { registerEventFeedRoute } from './event-feed-route';
import { registerProblemRoutes } from './problem-routes';
import { registerSubmissionRoutes } from './submission-routes';

/** Routes that must work whatever Authorization header a client still sends. */
const NO_AUTH_HOOK = new Set(['/api/login', '/api/logout']);

export interface ContestApiModule {
  /** Shared request authentication, for other modules serving contest data. */
  auth: RequestAuth;
}

/**
 * The CLICS Contest API module: auth (login/logout, Bearer, Basic), the read endpoints with
 * visibility, event feed, team submissions, clarifications, the jury clock control, and the
 * clock ticker that emits time-driven state changes. Routes live in their own Fastify scope
 * whose hook authenticates every request (bad credentials are a 401 even on public data).
 */
export async function registerContestApiModule(deps: {
  ctx: HostContext;
  http: ArenaFastify;
  onClose(fn: () => Promise<void> | void): void;
}): Promise<ContestApiModule> {
  const { ctx } = deps;
  const authService = createAuthService(ctx);
  const auth = createRequestAuth(authService);
  const api = createContestApi(ctx);
  const submit = createSubmitService(ctx);
  const clarifications = createClarificationService(ctx);
  let feeds: { closeAll(): void } | null = null;

  await deps.http.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>() as unknown as ApiScope;
    app.addHook('onRequest', async (request) => {
      if (!NO_AUTH_HOOK.has(request.routeOptions.url ?? '')) auth.principal(request);
    });
    const routeDeps = { app, auth };
    registerAuthRoutes(routeDeps, authService);
    registerContestRoutes(routeDeps, api);
    registerProblemRoutes(routeDeps, api);
    registerSubmissionRoutes(routeDeps, api, submit);
    registerClarificationRoutes(routeDeps, clarifications);
    registerClockRoutes(routeDeps, ctx);
    feeds = registerEventFeedRoute(routeDeps, ctx, api);
  });

  const stopTicker = startClockTicker(ctx, { intervalMs: ctx.config.api.clockTickMs });
  deps.onClose(() => {
    stopTicker();
    feeds?.closeAll();
  });
  return { auth };
}
