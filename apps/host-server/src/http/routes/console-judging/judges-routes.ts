import { AgentParams, AuditQuery } from '@arena/protocol';
import { listAuditEntries } from '../../../app/console-judging/audit-entries';
import { consoleHealth, type HealthSources } from '../../../app/console-judging/console-health';
import { judgesOverview, setAgentPausedByJury } from '../../../app/console-judging/judge-registry';
import { AppError } from '../../../app/errors';
import type { HostContext } from '../../../app/host-context';
import type { ConsoleRouteDeps } from './console-scope';

/** Host-wide console routes: judge agents (list, pause, resume), the audit log and the health summary. */
export function registerJudgesRoutes({ app, jury }: ConsoleRouteDeps, ctx: HostContext, health: HealthSources): void {
  app.get('/api/arena/console/judges', async (request) => {
    jury(request);
    return judgesOverview(ctx);
  });

  app.post('/api/arena/console/judges/:agentId/pause', { schema: { params: AgentParams } }, async (request) => {
    return setAgentPausedByJury(ctx, jury(request), request.params.agentId, true);
  });

  app.post('/api/arena/console/judges/:agentId/resume', { schema: { params: AgentParams } }, async (request) => {
    return setAgentPausedByJury(ctx, jury(request), request.params.agentId, false);
  });

  app.get('/api/arena/console/audit', { schema: { querystring: AuditQuery } }, async (request) => {
    const actor = jury(request);
    const contestId = request.query.contestId ?? actor.contestId;
    if (contestId !== actor.contestId) throw new AppError('forbidden', `your account belongs to contest ${actor.contestId}, not ${contestId}`);
    return { entries: listAuditEntries(ctx, contestId, request.query) };
  });

  app.get('/api/arena/console/health', async (request) => {
    jury(request);
    return consoleHealth(ctx, health);
  });
}
