import type { HostMetrics } from '../../app/metrics/host-metrics';
import type { ArenaFastify } from '../create-http-server';

/**
 * `GET /metrics` in the Prometheus text format, and a hook that counts every HTTP response with
 * status >= 400 (including 404s and errors shaped by the error handler). Unauthenticated, like
 * most exporters: it carries counts and timings, never contest data.
 */
export function registerMetricsRoute(app: ArenaFastify, metrics: HostMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 400) metrics.recordHttpError(reply.statusCode, request.method);
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
