import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../app/errors';
import type { ScoreboardService } from '../../app/scoreboard/scoreboard-service';
import type { ScoreboardView } from '../../domain/scoring/scoring-input';
import { isJury, type Viewer } from '../../domain/visibility/visibility';
import type { RequestAuth } from '../auth-hook';
import type { ArenaFastify } from '../create-http-server';
import { ContestParams, ObjectParams, type ApiScope } from './api-scope';

const ViewQuery = z.object({ view: z.enum(['public', 'jury']).optional() });

/** Jury accounts see the jury board unless they ask for `view=public`; everyone else the public one. */
function viewFor(viewer: Viewer, requested: ScoreboardView | undefined): ScoreboardView {
  if (requested === 'jury' && !isJury(viewer)) throw new AppError('forbidden', 'only the jury can see the jury scoreboard');
  return requested ?? (isJury(viewer) ? 'jury' : 'public');
}

/**
 * CLICS `GET /api/contests/{id}/scoreboard` and `/awards[/{award id}]` from the live scoreboard
 * service, in their own scope with the API's request authentication (bad credentials are a 401
 * even here). The scoreboard body is served from the service's cached serialization.
 */
export async function registerScoreboardRoutes(http: ArenaFastify, auth: RequestAuth, service: ScoreboardService): Promise<void> {
  await http.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>() as unknown as ApiScope;
    app.addHook('onRequest', async (request) => {
      auth.principal(request);
    });

    app.get('/api/contests/:id/scoreboard', { schema: { params: ContestParams, querystring: ViewQuery } }, async (request, reply) => {
      const { id } = request.params;
      const view = viewFor(auth.viewer(request, id), request.query.view);
      return reply.type('application/json; charset=utf-8').send(service.scoreboardBody(id, view));
    });

    app.get('/api/contests/:id/awards', { schema: { params: ContestParams, querystring: ViewQuery } }, async (request) => {
      const { id } = request.params;
      return service.awards(id, viewFor(auth.viewer(request, id), request.query.view));
    });

    app.get('/api/contests/:id/awards/:oid', { schema: { params: ObjectParams, querystring: ViewQuery } }, async (request) => {
      const { id, oid } = request.params;
      const award = service.awards(id, viewFor(auth.viewer(request, id), request.query.view)).find((a) => a.id === oid);
      if (!award) throw new AppError('not_found', `no award ${oid} in contest ${id}`);
      return award;
    });
  });
}
