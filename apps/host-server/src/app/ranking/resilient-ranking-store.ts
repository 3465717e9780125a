import type { Logger } from 'pino';
import { AppError } from '../errors';
import type { InMemoryRankingStore } from './in-memory-ranking-store';
import {
  RANKING_VIEWS, type RankedTeam, type RankingEntry, type RankingHealth, type RankingStore, type RankingView, type Standing,
} from './ranking-store';

/** A ranking store that can go away and come back (Redis): it reports each recovery. */
export interface SharedRankingStore extends RankingStore {
  /** Calls `listener` each time the store becomes usable: first connect and after every outage. Returns an unsubscribe. */
  onReady(listener: () => void): () => void;
}

/** The full content of one view, as a rebuild source returns it. */
export interface RankingSnapshot {
  readonly contestId: string;
  readonly view: RankingView;
  readonly entries: readonly RankingEntry[];
}

/** What serves reads right now, for metrics and the proctor console. */
export interface RankingBackendStatus {
  readonly backend: 'redis' | 'in-process';
  /** Why the in-process copy is serving; null while Redis serves. */
  readonly reason: string | null;
}

export interface ResilientRankingStoreOptions {
  readonly local: InMemoryRankingStore;
  readonly shared: SharedRankingStore;
  readonly log: Logger;
  /**
   * Authoritative content used to refill the shared store after an outage (the host passes
   * "recompute every ranking from SQLite"). Views it does not return, and every view without
   * it, are refilled from the in-process copy. The in-process copy itself is never replaced.
   */
  readonly recompute?: () => Promise<readonly RankingSnapshot[]>;
  /** Wait before retrying a failed resync while the connection itself looks fine. Default 1000. */
  readonly retryDelayMs?: number;
}

/** Resync rounds in a row before giving up until the next trigger (writes kept arriving). */
const MAX_RESYNC_ROUNDS = 5;

/**
 * Uses the shared (Redis) store while it is healthy and falls back to an in-process copy when
 * it is not, without ever surfacing an outage to callers:
 * - Writes always go to the in-process copy first (which validates: bad input throws
 *   `bad_request` and changes nothing anywhere), then to the shared store while it serves.
 * - Reads come from the shared store while it serves, else from the in-process copy. A failed
 *   shared call switches to the in-process copy at once and the call is answered from it.
 * - When the shared store is ready again (its `onReady`, or a timed retry if only commands
 *   failed), every view this process touched is rebuilt there from `recompute` or the in-process
 *   copy; views written meanwhile are rebuilt again from the in-process copy, round after
 *   round, and the shared store serves again only after a round in which nothing was written.
 * Starts on the in-process copy and switches to the shared store after its first resync.
 */
export class ResilientRankingStore implements RankingStore {
  private readonly local: InMemoryRankingStore;
  private readonly shared: SharedRankingStore;
  private readonly log: Logger;
  private readonly recompute: (() => Promise<readonly RankingSnapshot[]>) | undefined;
  private readonly retryDelayMs: number;
  private readonly unsubscribe: () => void;
  /** Contests written through this wrapper since it started (including cleared ones). */
  private readonly touched = new Set<string>();
  private serving: 'shared' | 'local' = 'local';
  private reason = 'waiting for redis';
  /** Views (`contest\nview`) written only to the in-process copy since the current resync round began. */
  private readonly missedViews = new Set<string>();
  private resyncing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(options: ResilientRankingStoreOptions) {
    this.local = options.local;
    this.shared = options.shared;
    this.log = options.log;
    this.recompute = options.recompute;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.unsubscribe = this.shared.onReady(() => void this.resync('redis ready'));
    if (this.shared.health().status === 'ok') void this.resync('redis ready');
  }

  /** Which copy serves reads and why. */
  status(): RankingBackendStatus {
    return this.serving === 'shared' ? { backend: 'redis', reason: null } : { backend: 'in-process', reason: this.reason };
  }

  health(): RankingHealth {
    return this.serving === 'shared' ? { status: 'ok' } : { status: 'degraded', reason: `serving rankings from the in-process copy: ${this.reason}` };
  }

  setTeam(contestId: string, view: RankingView, teamId: string, standing: Standing): Promise<void> {
    return this.write(contestId, [view], (s) => s.setTeam(contestId, view, teamId, standing));
  }

  setMany(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void> {
    return this.write(contestId, [view], (s) => s.setMany(contestId, view, entries));
  }

  removeTeam(contestId: string, view: RankingView, teamId: string): Promise<void> {
    return this.write(contestId, [view], (s) => s.removeTeam(contestId, view, teamId));
  }

  clear(contestId: string): Promise<void> {
    return this.write(contestId, RANKING_VIEWS, (s) => s.clear(contestId));
  }

  rebuild(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void> {
    return this.write(contestId, [view], (s) => s.rebuild(contestId, view, entries));
  }

  rankOf(contestId: string, view: RankingView, teamId: string): Promise<number | null> {
    return this.read((s) => s.rankOf(contestId, view, teamId));
  }

  page(contestId: string, view: RankingView, offset: number, limit: number): Promise<RankedTeam[]> {
    return this.read((s) => s.page(contestId, view, offset, limit));
  }

  size(contestId: string, view: RankingView): Promise<number> {
    return this.read((s) => s.size(contestId, view));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.resyncing?.catch(() => undefined);
    await this.shared.close();
    await this.local.close();
  }

  private async write(contestId: string, views: readonly RankingView[], op: (store: RankingStore) => Promise<void>): Promise<void> {
    // The in-process store applies the change synchronously inside this call, before any await.
    await op(this.local);
    this.touched.add(contestId);
    if (this.serving !== 'shared') {
      for (const view of views) this.missedViews.add(viewKey(contestId, view));
      return;
    }
    try {
      await op(this.shared);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.fallBack(`redis write failed: ${messageOf(err)}`, err);
    }
  }

  private async read<T>(op: (store: RankingStore) => Promise<T>): Promise<T> {
    if (this.serving === 'shared') {
      try {
        return await op(this.shared);
      } catch (err) {
        if (err instanceof AppError) throw err;
        this.fallBack(`redis read failed: ${messageOf(err)}`, err);
      }
    }
    return op(this.local);
  }

  private fallBack(reason: string, err: unknown): void {
    if (this.closed) return;
    if (this.serving === 'shared') {
      this.serving = 'local';
      this.reason = this.shared.health().status === 'degraded' ? `${reason} (${healthReason(this.shared.health())})` : reason;
      this.log.warn({ err, reason }, 'ranking: redis unavailable, serving rankings from the in-process copy');
    }
    this.scheduleRetry();
  }

  /** Retries a resync later if the connection looks fine (commands failed without a reconnect). */
  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.serving === 'local' && this.shared.health().status === 'ok') void this.resync('retry');
    }, this.retryDelayMs);
    this.retryTimer.unref();
  }

  private resync(trigger: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.resyncing) return this.resyncing;
    this.resyncing = this.resyncRounds(trigger).finally(() => {
      this.resyncing = null;
    });
    return this.resyncing;
  }

  private async resyncRounds(trigger: string): Promise<void> {
    this.serving = 'local';
    this.reason = 'rebuilding redis';
    try {
      // Round 1 rebuilds every known view; later rounds only the views written meanwhile, so
      // the rounds shrink and settle even while the contest keeps producing updates.
      this.missedViews.clear();
      let views = await this.copyAllToShared();
      for (let round = 1; !this.closed; round++) {
        if (this.missedViews.size === 0) {
          this.serving = 'shared';
          this.log.info({ trigger, views, round }, 'ranking: redis rebuilt, serving rankings from redis');
          return;
        }
        if (round > MAX_RESYNC_ROUNDS) break;
        const missed = [...this.missedViews];
        this.missedViews.clear();
        for (const key of missed) {
          const [contestId, view] = key.split('\n') as [string, RankingView];
          await this.shared.rebuild(contestId, view, this.local.snapshot(contestId, view));
        }
        views += missed.length;
      }
      if (this.closed) return;
      this.reason = 'rebuilding redis did not settle: writes kept arriving';
      this.log.warn({ trigger }, 'ranking: redis rebuild did not settle, will retry');
      this.scheduleRetry();
    } catch (err) {
      this.reason = `rebuilding redis failed: ${messageOf(err)}`;
      this.log.warn({ err, trigger }, 'ranking: rebuilding redis failed, serving rankings from the in-process copy');
      this.scheduleRetry();
    }
  }

  /** Rebuilds every known view in the shared store; returns how many views it wrote. */
  private async copyAllToShared(): Promise<number> {
    const snapshots = this.recompute ? [...await this.recompute()] : [];
    const covered = new Set(snapshots.map((s) => viewKey(s.contestId, s.view)));
    // Views the source did not return (or every view, without `recompute`) come from the
    // in-process copy; a cleared view is empty there, which deletes it from the shared store.
    for (const contestId of new Set([...this.touched, ...this.local.contestIds()])) {
      for (const view of RANKING_VIEWS) {
        if (!covered.has(viewKey(contestId, view))) snapshots.push({ contestId, view, entries: this.local.snapshot(contestId, view) });
      }
    }
    for (const { contestId, view, entries } of snapshots) await this.shared.rebuild(contestId, view, entries);
    return snapshots.length;
  }
}

function viewKey(contestId: string, view: RankingView): string {
  return `${contestId}\n${view}`;
}

function healthReason(health: RankingHealth): string {
  return health.status === 'ok' ? 'ok' : health.reason;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
