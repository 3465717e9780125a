import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('allows a burst, then one token per refill interval, per key', () => {
    let nowMs = 0;
    const buckets = new TokenBuckets({ perMinute: 6, burst: 3, clock: () => nowMs });
    expect([buckets.tryTake('a'), buckets.tryTake('a'), buckets.tryTake('a'), buckets.tryTake('a')]).toEqual([true, true, true, false]);
    expect(buckets.tryTake('b')).toBe(true);
    expect(buckets.waitMs('a')).toBe(10_000);
    nowMs = 9_999;
    expect(buckets.tryTake('a')).toBe(false);
    nowMs = 10_000;
    expect(buckets.waitMs('a')).toBe(0);
    expect(buckets.tryTake('a')).toBe(true);
    expect(buckets.tryTake('a')).toBe(false);
  });

  it('never holds more than the burst', () => {
    let nowMs = 0;
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2, clock: () => nowMs });
    nowMs = 3_600_000;
    expect([buckets.tryTake('a'), buckets.tryTake('a'), buckets.tryTake('a')]).toEqual([true, true, false]);
  });

  it('waitMs does not take a token', () => {
    const buckets = new TokenBuckets({ perMinute: 1, burst: 1, clock: () => 0 });
    expect(buckets.waitMs('a')).toBe(0);
    expect(buckets.waitMs('a')).toBe(0);
    expect(buckets.tryTake('a')).toBe(true);
    expect(buckets.waitMs('a')).toBe(60_000);
  });
});
