import type { Store, WriteContext } from '../../adapters/sqlite/store';

interface Pending {
  job: (tx: WriteContext) => unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit for a hot write path: jobs queued in the same turn of the event loop run in ONE
 * `store.write` (one transaction, one fsync) instead of one each. Every job still commits
 * atomically with its own events, and its promise settles only after that commit. If any job
 * throws, the batch rolls back and each job is retried alone, so only the bad one fails.
 */
export class WriteBatcher {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly store: Store, private readonly maxBatch = 256) {}

  run<T>(job: (tx: WriteContext) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ job, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      let results: unknown[];
      try {
        results = this.store.write((tx) => batch.map((p) => p.job(tx)));
      } catch {
        for (const p of batch) {
          try {
            p.resolve(this.store.write(p.job));
          } catch (err) {
            p.reject(err);
          }
        }
        continue;
      }
      batch.forEach((p, i) => p.resolve(results[i]));
    }
  }
}
