/**
 * One token bucket per key (a team): at most `burst` tokens, refilled continuously at
 * `perMinute`. In memory; a host restart refills every bucket, which is acceptable.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(private readonly options: { perMinute: number; burst: number; clock: () => number }) {}

  private level(key: string): { tokens: number; atMs: number } {
    const nowMs = this.options.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, atMs: nowMs };
    const refill = ((nowMs - bucket.atMs) * this.options.perMinute) / 60_000;
    return { tokens: Math.min(this.options.burst, bucket.tokens + Math.max(0, refill)), atMs: nowMs };
  }

  /** Milliseconds until `key` has a whole token; 0 when it has one now. Takes nothing. */
  waitMs(key: string): number {
    const { tokens } = this.level(key);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 60_000) / this.options.perMinute);
  }

  /** Takes a token if there is one; returns whether it did. */
  tryTake(key: string): boolean {
    const bucket = this.level(key);
    if (bucket.tokens < 1) return false;
    this.buckets.set(key, { tokens: bucket.tokens - 1, atMs: bucket.atMs });
    return true;
  }
}
