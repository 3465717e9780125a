import { AlertQuery, ExitCodeVerify, PrintCreate } from '@arena/protocol';
import type { BalloonReader } from '../../../app/venue/balloons';
import { markDelivered } from '../../../app/venue/balloons';
import { listContestAlerts } from '../../../app/venue/alerts';
import { requireConsoleRole, requireTeam } from '../../../app/venue/console-roles';
import type { ExitCodeService } from '../../../app/venue/exit-code';
import type { PrintService } from '../../../app/venue/prints';
import type { HostContext } from '../../../app/host-context';
import type { RouteDeps } from '../api-scope';
import { BalloonParams, ContestParams, PrintParams } from './venue-params';

const BASE = '/api/arena/contests/:id/console';

export interface FloorServices {
  balloons: BalloonReader;
  prints: PrintService;
  exitCode: ExitCodeService;
}

/** Balloons and prints (staff), alerts and the exit code (jury), and the team side of prints and the exit code. */
export function registerVenueFloorRoutes({ app, auth }: RouteDeps, ctx: HostContext, services: FloorServices): void {
  app.get(`${BASE}/balloons`, { schema: { params: ContestParams } }, async (request) => {
    requireConsoleRole(auth.principal(request), request.params.id, 'staff');
    return services.balloons.list(request.params.id);
  });

  app.post(`${BASE}/balloons/:bid/delivered`, { schema: { params: BalloonParams } }, async (request) => {
    const staff = requireConsoleRole(auth.principal(request), request.params.id, 'staff');
    return markDelivered(ctx, services.balloons, request.params.id, staff.accountId, request.params.bid);
  });

  app.post('/api/arena/contests/:id/prints', { schema: { params: ContestParams, body: PrintCreate } }, async (request, reply) => {
    const team = requireTeam(auth.principal(request), request.params.id);
    return reply.status(202).send(services.prints.create(request.params.id, team, request.body));
  });

  app.get(`${BASE}/prints`, { schema: { params: ContestParams } }, async (request) => {
    requireConsoleRole(auth.principal(request), request.params.id, 'staff');
    return services.prints.list(request.params.id);
  });

  app.get(`${BASE}/prints/:pid`, { schema: { params: PrintParams } }, async (request) => {
    requireConsoleRole(auth.principal(request), request.params.id, 'staff');
    return services.prints.detail(request.params.id, request.params.pid);
  });

  app.post(`${BASE}/prints/:pid/done`, { schema: { params: PrintParams } }, async (request) => {
    const staff = requireConsoleRole(auth.principal(request), request.params.id, 'staff');
    return services.prints.markDone(request.params.id, staff.accountId, request.params.pid);
  });

  app.post(`${BASE}/prints/:pid/retry`, { schema: { params: PrintParams } }, async (request) => {
    const staff = requireConsoleRole(auth.principal(request), request.params.id, 'staff');
    return services.prints.retry(request.params.id, staff.accountId, request.params.pid);
  });

  app.get(`${BASE}/alerts`, { schema: { params: ContestParams, querystring: AlertQuery } }, async (request) => {
    requireConsoleRole(auth.principal(request), request.params.id, 'jury');
    return listContestAlerts(ctx, request.params.id, request.query.teamId ?? null);
  });

  app.get(`${BASE}/exit-code`, { schema: { params: ContestParams } }, async (request, reply) => {
    requireConsoleRole(auth.principal(request), request.params.id, 'jury');
    return reply.header('cache-control', 'no-store').send(services.exitCode.code(request.params.id));
  });

  app.post('/api/arena/contests/:id/exit-code/verify', { schema: { params: ContestParams, body: ExitCodeVerify } }, async (request) => {
    const team = requireTeam(auth.principal(request), request.params.id);
    return services.exitCode.verify(request.params.id, team, request.body.code);
  });
}
