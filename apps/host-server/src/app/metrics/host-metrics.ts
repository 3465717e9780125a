import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StoredEvent } from '../../adapters/sqlite/store';

/** Where the metrics read values that are cheaper to ask for at scrape time than to track. */
export interface HostMetricsSources {
  /** Judge queue figures, read at scrape time (`getQueueStats`). */
  queueStats(): { queued: number; leased: number; held: number; oldestWaitingMs: number };
  /** Socket.IO clients connected right now, all namespaces. */
  connectedSockets(): number;
  /** Degradable parts of the host (ranking store, ...), read at scrape time. */
  components?(): Record<string, { ok: boolean; detail: string }>;
  /** Socket.IO sockets connected right now per namespace (`/judge`, `/contestant`, ...). */
  namespaceSockets?(): Record<string, number>;
}

export interface HostMetrics {
  readonly registry: Registry;
  /** Feeds committed store events into the counters; pass it to `store.onEvents`. */
  recordEvents(events: readonly StoredEvent[]): void;
  /** A job got its final verdict: `latencyMs` from enqueue, `judgingMs` from lease. */
  recordJudgingCompleted(latencyMs: number, judgingMs: number): void;
  /** A judge failed on a job (infrastructure, not a verdict); `held` = given up, jury must act. */
  recordJudgingError(held: boolean): void;
  /** Counts an HTTP response with status >= 400. */
  recordHttpError(statusCode: number, method: string): void;
}

/** Judging latency buckets in seconds. */
const LATENCY_BUCKETS_S = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
/** Bounds the memory used to remember which submissions were already counted. */
const MAX_REMEMBERED = 100_000;

/**
 * Prometheus metrics of one host process, in their own registry (so several hosts in one test
 * process do not collide): submissions received, judge queue depth, judging latency, judging
 * errors, connected sockets, HTTP errors, and the default process metrics (CPU, memory, event
 * loop lag, GC). Recording never throws.
 */
export function createHostMetrics(sources: HostMetricsSources): HostMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const submissionsTotal = new Counter({
    name: 'arena_submissions_total',
    help: 'Submissions accepted and stored since this host process started.',
    labelNames: ['contest'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'arena_judge_queue_depth',
    help: 'Judge queue jobs by state: queued = waiting for an agent, leased = being judged, held = waiting for the jury.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = sources.queueStats();
      this.set({ state: 'queued' }, stats.queued);
      this.set({ state: 'leased' }, stats.leased);
      this.set({ state: 'held' }, stats.held);
    },
  });
  new Gauge({
    name: 'arena_judge_queue_oldest_wait_seconds',
    help: 'How long the oldest queued job has waited (0 when none waits).',
    registers: [registry],
    collect() {
      this.set(sources.queueStats().oldestWaitingMs / 1000);
    },
  });
  const judgingLatency = new Histogram({
    name: 'arena_judging_latency_seconds',
    help: 'Time from a job entering the judge queue to its final verdict.',
    buckets: LATENCY_BUCKETS_S,
    registers: [registry],
  });
  const judgingDuration = new Histogram({
    name: 'arena_judging_duration_seconds',
    help: 'Time from a judge agent leasing a job to its final verdict.',
    buckets: LATENCY_BUCKETS_S,
    registers: [registry],
  });
  const judgingErrors = new Counter({
    name: 'arena_judging_errors_total',
    help: 'Judging errors (sandbox or infrastructure failures; never verdicts), by whether the job was then held.',
    labelNames: ['held'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'arena_connected_sockets',
    help: 'Socket.IO clients connected now (contestants, consoles, judges, projectors).',
    registers: [registry],
    collect() {
      this.set(sources.connectedSockets());
    },
  });
  new Gauge({
    name: 'arena_namespace_sockets',
    help: 'Socket.IO sockets connected now per namespace: /judge counts the judge agents online, /contestant the teams, /scoreboard the projectors.',
    labelNames: ['namespace'] as const,
    registers: [registry],
    collect() {
      for (const [namespace, count] of Object.entries(sources.namespaceSockets?.() ?? {})) this.set({ namespace }, count);
    },
  });
  new Gauge({
    name: 'arena_component_degraded',
    help: 'Parts of the host running degraded: 1 while e.g. rankings are served in-process because Redis is down.',
    labelNames: ['component'] as const,
    registers: [registry],
    collect() {
      for (const [component, status] of Object.entries(sources.components?.() ?? {})) this.set({ component }, status.ok ? 0 : 1);
    },
  });
  const httpErrors = new Counter({
    name: 'arena_http_errors_total',
    help: 'HTTP responses with status 400 or above.',
    labelNames: ['status', 'method'] as const,
    registers: [registry],
  });

  const countedSubmissions = new Set<string>();

  return {
    registry,
    recordEvents(events) {
      for (const event of events) {
        if (event.type !== 'submissions' || event.data === null || event.id === null) continue;
        const key = `${event.contestId}/${event.id}`;
        if (countedSubmissions.has(key)) continue; // an update of a submission is not a new one
        countedSubmissions.add(key);
        if (countedSubmissions.size > MAX_REMEMBERED) {
          const oldest = countedSubmissions.values().next();
          if (!oldest.done) countedSubmissions.delete(oldest.value);
        }
        submissionsTotal.inc({ contest: event.contestId });
      }
    },
    recordJudgingCompleted(latencyMs, judgingMs) {
      judgingLatency.observe(Math.max(0, latencyMs) / 1000);
      judgingDuration.observe(Math.max(0, judgingMs) / 1000);
    },
    recordJudgingError(held) {
      judgingErrors.inc({ held: held ? 'true' : 'false' });
    },
    recordHttpError(statusCode, method) {
      httpErrors.inc({ status: String(statusCode), method });
    },
  };
}
