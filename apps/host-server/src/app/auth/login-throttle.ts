/**
 * Counts failed logins per key (client IP + username) and refuses further attempts once
 * `maxFailures` failed within `windowMs`, until the window since the first failure has passed.
 * A success clears the key. In memory: a host restart forgives everyone, which is acceptable.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; firstMs: number }>();

  constructor(private readonly options: { maxFailures: number; windowMs: number; clock: () => number; maxKeys?: number }) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const elapsed = this.options.clock() - entry.firstMs;
    if (elapsed >= this.options.windowMs) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.options.maxFailures ? this.options.windowMs - elapsed : 0;
  }

  recordFailure(key: string): void {
    const nowMs = this.options.clock();
    const entry = this.failures.get(key);
    if (!entry || nowMs - entry.firstMs >= this.options.windowMs) {
      if (this.failures.size >= (this.options.maxKeys ?? 100_000)) this.evictExpired(nowMs);
      this.failures.set(key, { count: 1, firstMs: nowMs });
    } else {
      entry.count += 1;
    }
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private evictExpired(nowMs: number): void {
    for (const [key, entry] of this.failures) {
      if (nowMs - entry.firstMs >= this.options.windowMs) this.failures.delete(key);
    }
    // Still full (an attack from many addresses): drop the oldest half rather than grow forever.
    if (this.failures.size >= (this.options.maxKeys ?? 100_000)) {
      let drop = Math.ceil(this.failures.size / 2);
      for (const key of this.failures.keys()) {
        if (drop-- <= 0) break;
        this.failures.delete(key);
      }
    }
  }
}
