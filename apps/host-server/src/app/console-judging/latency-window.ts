/** Percentiles of the most recent samples (nearest-rank); nulls when there is none. */
export interface LatencySummary {
  p50: number | null;
  p90: number | null;
  p99: number | null;
  count: number;
}

export interface LatencyWindow {
  add(valueMs: number): void;
  summary(): LatencySummary;
}

/**
 * Keeps the last `capacity` samples (a ring) and summarises them on demand. Pure memory, no clock:
 * "recent" means the last N verdicts, not a time span.
 */
export function createLatencyWindow(capacity = 1000): LatencyWindow {
  const samples: number[] = [];
  let next = 0;
  return {
    add(valueMs) {
      if (!Number.isFinite(valueMs)) return;
      if (samples.length < capacity) samples.push(valueMs);
      else samples[next] = valueMs;
      next = (next + 1) % capacity;
    },
    summary() {
      if (samples.length === 0) return { p50: null, p90: null, p99: null, count: 0 };
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
      return { p50: at(50), p90: at(90), p99: at(99), count: sorted.length };
    },
  };
}
