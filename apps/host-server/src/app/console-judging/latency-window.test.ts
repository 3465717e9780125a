import { describe, expect, it } from 'vitest';
import { createLatencyWindow } from './latency-window';

describe('latency window', () => {
  it('has no percentiles before any sample', () => {
    expect(createLatencyWindow().summary()).toEqual({ p50: null, p90: null, p99: null, count: 0 });
  });

  it('gives nearest-rank percentiles of the samples', () => {
    const window = createLatencyWindow();
    for (let ms = 100; ms >= 1; ms--) window.add(ms * 10);
    expect(window.summary()).toEqual({ p50: 500, p90: 900, p99: 990, count: 100 });
  });

  it('keeps only the last `capacity` samples and ignores non-finite ones', () => {
    const window = createLatencyWindow(3);
    for (const ms of [1000, 1, 2, Number.NaN, 3]) window.add(ms);
    expect(window.summary()).toEqual({ p50: 2, p90: 3, p99: 3, count: 3 });
  });
});
