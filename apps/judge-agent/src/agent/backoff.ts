/**
 * Exponential back-off for an idle or disconnected worker (STYLE.md 9):
 * `delay = min(delay * 2, max)`, reset to the minimum as soon as there is work.
 */
export class Backoff {
  private delayMs: number;

  constructor(private readonly minMs: number, private readonly maxMs: number) {
    this.delayMs = minMs;
  }

  /** The delay to wait now; doubles the next one. */
  next(): number {
    const current = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.maxMs);
    return current;
  }

  reset(): void {
    this.delayMs = this.minMs;
  }
}
