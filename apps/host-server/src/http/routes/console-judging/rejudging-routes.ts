import { RejudgingCreate, RejudgingParams } from '@arena/protocol';
import {
  applyRejudging, cancelRejudging, createRejudging, getRejudgingForJury, listRejudgingsForJury,
} from '../../../app/console-judging/rejudgings';
import type { HostContext } from '../../../app/host-context';
import { ContestParams } from '../api-scope';
import type { ConsoleRouteDeps } from './console-scope';

/** Rejudgings: create (201), list, one with its scoreboard preview, apply, cancel. */
export function registerRejudgingRoutes({ app, jury }: ConsoleRouteDeps, ctx: HostContext): void {
  app.post('/api/arena/contests/:id/console/rejudgings', { schema: { params: ContestParams, body: RejudgingCreate } }, async (request, reply) => {
    const actor = jury(request, request.params.id);
    return reply.status(201).send(createRejudging(ctx, actor, request.params.id, request.body));
  });

  app.get('/api/arena/contests/:id/console/rejudgings', { schema: { params: ContestParams } }, async (request) => {
    jury(request, request.params.id);
    return { rejudgings: listRejudgingsForJury(ctx, request.params.id) };
  });

  app.get('/api/arena/contests/:id/console/rejudgings/:rid', { schema: { params: RejudgingParams } }, async (request) => {
    jury(request, request.params.id);
    return getRejudgingForJury(ctx, request.params.id, request.params.rid);
  });

  app.post('/api/arena/contests/:id/console/rejudgings/:rid/apply', { schema: { params: RejudgingParams } }, async (request) => {
    const actor = jury(request, request.params.id);
    return applyRejudging(ctx, actor, request.params.id, request.params.rid);
  });

  app.post('/api/arena/contests/:id/console/rejudgings/:rid/cancel', { schema: { params: RejudgingParams } }, async (request) => {
    const actor = jury(request, request.params.id);
    return cancelRejudging(ctx, actor, request.params.id, request.params.rid);
  });
}
