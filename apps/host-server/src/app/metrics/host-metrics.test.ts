import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../adapters/sqlite/store';
import { createHostMetrics } from './host-metrics';

function event(partial: Partial<StoredEvent>): StoredEvent {
  return { token: 1, timeMs: 0, contestId: 'c1', type: 'submissions', id: 's1', data: { id: 's1' }, audience: 'team', teamId: 't1', ...partial };
}

function metricsWith(queue = { queued: 0, leased: 0, held: 0, oldestWaitingMs: 0 }, sockets = 0) {
  return createHostMetrics({ queueStats: () => queue, connectedSockets: () => sockets });
}

async function value(metrics: ReturnType<typeof createHostMetrics>, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))?.value;
}

describe('createHostMetrics', () => {
  it('counts each stored submission once per contest, ignoring updates, deletes and other types', async () => {
    const metrics = metricsWith();
    metrics.recordEvents([
      event({ id: 's1' }),
      event({ id: 's2' }),
      event({ id: 's1', data: { id: 's1', entry_point: 'x' } }), // update of s1
      event({ id: 's3', data: null }), // delete
      event({ type: 'judgements', id: 'j1', data: { id: 'j1' } }),
      event({ contestId: 'c2', id: 's1' }),
    ]);
    expect(await value(metrics, 'arena_submissions_total', { contest: 'c1' })).toBe(2);
    expect(await value(metrics, 'arena_submissions_total', { contest: 'c2' })).toBe(1);
  });

  it('reads queue depth and connected sockets at scrape time', async () => {
    const queue = { queued: 4, leased: 2, held: 1, oldestWaitingMs: 1500 };
    const metrics = metricsWith(queue, 7);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^arena_judge_queue_depth\{state="queued"\} 4$/m);
    expect(text).toMatch(/^arena_judge_queue_depth\{state="leased"\} 2$/m);
    expect(text).toMatch(/^arena_judge_queue_depth\{state="held"\} 1$/m);
    expect(text).toMatch(/^arena_judge_queue_oldest_wait_seconds 1\.5$/m);
    expect(text).toMatch(/^arena_connected_sockets 7$/m);
    queue.queued = 0;
    expect(await metrics.registry.metrics()).toMatch(/^arena_judge_queue_depth\{state="queued"\} 0$/m);
  });

  it('observes judging latency in seconds and counts judging errors and HTTP errors', async () => {
    const metrics = metricsWith();
    metrics.recordJudgingCompleted(3000, 1200);
    metrics.recordJudgingCompleted(700, 300);
    metrics.recordJudgingError(false);
    metrics.recordJudgingError(true);
    metrics.recordJudgingError(false);
    metrics.recordHttpError(404, 'GET');
    metrics.recordHttpError(404, 'GET');
    metrics.recordHttpError(500, 'POST');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^arena_judging_latency_seconds_count 2$/m);
    expect(text).toMatch(/^arena_judging_latency_seconds_sum 3\.7$/m);
    expect(text).toMatch(/^arena_judging_latency_seconds_bucket\{le="1"\} 1$/m);
    expect(text).toMatch(/^arena_judging_duration_seconds_sum 1\.5$/m);
    expect(text).toMatch(/^arena_judging_errors_total\{held="false"\} 2$/m);
    expect(text).toMatch(/^arena_judging_errors_total\{held="true"\} 1$/m);
    expect(text).toMatch(/^arena_http_errors_total\{status="404",method="GET"\} 2$/m);
    expect(text).toMatch(/^arena_http_errors_total\{status="500",method="POST"\} 1$/m);
  });

  it('includes the default process metrics and keeps registries of two hosts apart', async () => {
    const a = metricsWith();
    const b = metricsWith();
    a.recordHttpError(400, 'GET');
    expect(await a.registry.metrics()).toContain('process_cpu_user_seconds_total');
    expect(await a.registry.metrics()).toContain('nodejs_eventloop_lag_seconds');
    expect(await b.registry.metrics()).not.toMatch(/^arena_http_errors_total\{/m);
  });
});
