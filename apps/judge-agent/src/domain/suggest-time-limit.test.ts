import { describe, expect, it } from 'vitest';
import { suggestTimeLimit } from './suggest-time-limit';

describe('suggestTimeLimit', () => {
  it.each([
    [[120, 310, 45], 5, 2, 2000, 4000],
    [[200], 5, 2, 1000, 2000],
    [[201], 5, 2, 2000, 4000],
    [[1], 5, 2, 1000, 2000],
    [[0], 5, 2, 1000, 2000],
    [[900], 3, 1.5, 3000, 4500],
    [[1234], 2, 2, 3000, 6000],
  ])('runs %j × %d (margin %d) → %d ms, TLE check at %d ms', (times, multiplier, margin, limitMs, tleMs) => {
    expect(suggestTimeLimit(times, multiplier, margin)).toMatchObject({ timeLimitMs: limitMs, tleCheckLimitMs: tleMs, slowestAcceptedMs: Math.max(...times) });
  });

  it('has nothing to suggest without accepted runs', () => {
    expect(suggestTimeLimit([])).toBeNull();
  });

  it('refuses nonsense factors', () => {
    expect(() => suggestTimeLimit([100], 0, 2)).toThrow();
    expect(() => suggestTimeLimit([100], 5, 0.5)).toThrow();
  });
});
