import type { Store, WriteContext } from '../../adapters/sqlite/store';

interface Pending {
  job: (tx: WriteContext) => unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface WriteBatcherOptions {
  /** At most this many jobs per transaction. */
  maxBatch?: number;
  /** How long a batch may wait for announced jobs (`expect`). */
  maxWaitMs?: number;
}

/**
 * Group commit for a hot write path: jobs queued together run in ONE `store.write` (one
 * transaction, one fsync) instead of one each. Every job still commits atomically with its own
 * events, and its promise settles only after that commit (fsynced: synchronous=FULL). If any job
 * throws, the batch rolls back and each job is retried alone, so only the bad one fails.
 *
 * Natural batching: a batch is written on the next turn of the event loop, unless jobs are
 * announced (`expect`, e.g. a submission still being unzipped): then the flush waits until they
 * have all arrived or failed, but never longer than `maxWaitMs` after the first waiting job. So
 * what arrived while the previous commit blocked the loop on its fsync commits together.
 */
export class WriteBatcher {
  private pending: Pending[] = [];
  private expected = 0;
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;

  constructor(private readonly store: Store, options: WriteBatcherOptions = {}) {
    this.maxBatch = options.maxBatch ?? 256;
    this.maxWaitMs = options.maxWaitMs ?? 4;
  }

  run<T>(job: (tx: WriteContext) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ job, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * Announces a job that will be `run` soon. Call the returned function (once) when it is about
   * to be run, or will not be: synchronously before `run`, so both join the same batch.
   */
  expect(): () => void {
    this.expected += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.expected -= 1;
      if (this.expected === 0 && this.pending.length > 0) this.schedule();
    };
  }

  private schedule(): void {
    if (this.expected === 0 || this.pending.length >= this.maxBatch) {
      this.immediate ??= setImmediate(() => this.flush());
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    }
  }

  private flush(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = null;
    this.timer = null;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.commit(batch).forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
    }
  }

  /** Commits the batch in one transaction, or, if a job throws, each job alone. */
  private commit(batch: Pending[]): Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
    try {
      return this.store.write((tx) => batch.map((p) => p.job(tx))).map((value) => ({ ok: true as const, value }));
    } catch {
      return batch.map((p) => {
        try {
          return { ok: true as const, value: this.store.write(p.job) };
        } catch (error) {
          return { ok: false as const, error };
        }
      });
    }
  }
}
