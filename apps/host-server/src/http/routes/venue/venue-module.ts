import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAuthService } from '../../../app/auth/auth-service';
import type { HostContext } from '../../../app/host-context';
import { createBalloonReader, watchBalloons } from '../../../app/venue/balloons';
import { createExitCodeService } from '../../../app/venue/exit-code';
import { createPrintService } from '../../../app/venue/prints';
import { createRequestAuth } from '../../auth-hook';
import type { ArenaFastify } from '../../create-http-server';
import type { ApiScope } from '../api-scope';
import { registerPackageUploadRoute } from './package-upload-route';
import { registerSetupRoutes } from './setup-routes';
import { registerVenueAccountRoutes } from './venue-account-routes';
import { registerVenueFloorRoutes } from './venue-floor-routes';

/**
 * Venue and people (proctor console): contest package upload, teams and accounts, credential
 * slips, balloons (kept in step with judgements), print jobs, lockdown alerts and the exit code.
 * Routes live in their own scope whose hook authenticates every request (bad credentials: 401).
 * The `/contestant` socket's lockdown reports are handled in realtime/contestant-namespace.ts.
 */
export async function registerVenueModule(deps: { ctx: HostContext; http: ArenaFastify; onClose(fn: () => Promise<void> | void): void }): Promise<void> {
  const { ctx } = deps;
  const auth = createRequestAuth(createAuthService(ctx));
  const prints = createPrintService(ctx);
  const services = { balloons: createBalloonReader(ctx), prints, exitCode: createExitCodeService(ctx) };
  const stopBalloons = watchBalloons(ctx);

  await deps.http.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>() as unknown as ApiScope;
    app.addHook('onRequest', async (request) => {
      auth.principal(request);
    });
    const routeDeps = { app, auth };
    registerPackageUploadRoute(routeDeps, ctx);
    registerVenueAccountRoutes(routeDeps, ctx);
    registerVenueFloorRoutes(routeDeps, ctx, services);
  });
  await registerSetupRoutes(deps); // first-run upload: public, outside the authenticating scope

  deps.onClose(async () => {
    stopBalloons();
    await prints.settled();
  });
}
