import type { Namespace } from 'socket.io';
import { getQueueStats } from '../app/judging/queue-stats';
import { onJudgingSignal } from '../app/judging/judging-signals';
import { createHostMetrics } from '../app/metrics/host-metrics';
import { registerHealthzRoute } from '../http/routes/ops-healthz';
import { registerMetricsRoute } from '../http/routes/ops-metrics';
import type { ModuleDeps } from './build-host';

/**
 * Operations endpoints: `/healthz` and Prometheus `/metrics`. Register it first, so its
 * response hook sees every route registered after it.
 */
export function registerOpsModule({ ctx, http, io, statuses, onClose }: ModuleDeps): void {
  const db = ctx.store.db;
  // Namespaces are created by modules registered after this one: collect them as they appear.
  const namespaces = new Set<Namespace>();
  io.on('new_namespace', (nsp: Namespace) => namespaces.add(nsp));
  const metrics = createHostMetrics({
    queueStats: () => getQueueStats(db, ctx.clock()),
    connectedSockets: () => io.engine.clientsCount,
    namespaceSockets: () => Object.fromEntries([...namespaces].map((nsp) => [nsp.name, nsp.sockets.size])),
    components: () => statuses.all(),
  });
  onClose(ctx.store.onEvents((events) => metrics.recordEvents(events)));
  onClose(onJudgingSignal(db, (signal) => {
    if (signal.type === 'completed') metrics.recordJudgingCompleted(signal.latencyMs, signal.judgingMs);
    else if (signal.type === 'judging-error') metrics.recordJudgingError(signal.held);
  }));

  registerMetricsRoute(http, metrics);
  registerHealthzRoute(http, {
    pingDatabase: () => { db.prepare('SELECT 1').get(); },
    clock: ctx.clock,
    startedMs: ctx.clock(),
    components: () => statuses.all(),
  });
}
