import { ClockCommandBody, parseRelTime } from '@arena/protocol';
import { applyClockCommand, type ClockCommand } from '../../app/clock/clock-service';
import { AppError } from '../../app/errors';
import type { HostContext } from '../../app/host-context';
import { canManageContest } from '../../domain/visibility/visibility';
import { ContestParams, type RouteDeps } from './api-scope';

function toCommand(body: ClockCommandBody): ClockCommand {
  switch (body.action) {
    case 'schedule': return { action: 'schedule', startMs: body.start_time === null ? null : Date.parse(body.start_time) };
    case 'extend': return { action: 'extend', byMs: parseRelTime(body.by) };
    default: return { action: body.action };
  }
}

/** `POST /api/contests/{id}/clock`: judges and admins start, freeze, extend, end, thaw, finalize. */
export function registerClockRoutes({ app, auth }: RouteDeps, ctx: HostContext): void {
  app.post('/api/contests/:id/clock', { schema: { params: ContestParams, body: ClockCommandBody } }, async (request) => {
    const { id } = request.params;
    const principal = auth.principal(request);
    if (principal === null) throw new AppError('unauthorized', 'log in as a judge or admin to control the contest clock');
    if (!canManageContest(auth.viewer(request, id))) throw new AppError('forbidden', 'only judges and admins control the contest clock');
    return applyClockCommand(ctx, id, toCommand(request.body), principal.accountId);
  });
}
