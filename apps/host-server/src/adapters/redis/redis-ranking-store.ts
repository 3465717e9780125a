import { Redis, type Result } from 'ioredis';
import {
  checkId, checkPageWindow, checkView, compositeEntries, compositeOf, RANKING_VIEWS, type CompositeEntry, type RankedTeam,
  type RankingEntry, type RankingHealth, type RankingView, type Standing,
} from '../../app/ranking/ranking-store';
import type { SharedRankingStore } from '../../app/ranking/resilient-ranking-store';
import { PAGE_LUA, RANK_OF_LUA } from './ranking-scripts';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    arenaRankOf(key: string, teamId: string): Result<number | null, Context>;
    arenaPage(key: string, start: string, stop: string): Result<Array<string | number>, Context>;
  }
}

export interface RedisRankingStoreOptions {
  /** `redis://host:port[/db]`. */
  readonly url: string;
  /** Prefix of every key; tests and several deployments on one Redis use distinct prefixes. */
  readonly keyPrefix?: string;
  /** A command not answered within this time rejects (a hung Redis must not hang callers). */
  readonly commandTimeoutMs?: number;
  /** Reconnect delay grows by 50 ms per attempt up to this. */
  readonly maxReconnectDelayMs?: number;
}

/** Members per ZADD inside a rebuild transaction, to keep single commands moderate. */
const ZADD_CHUNK = 5_000;

/**
 * Ranking in Redis: one sorted set per contest and view, key `<prefix>:{<contestId>}:<view>`
 * (the hash tag keeps a contest's keys in one cluster slot so RENAME works), member = team id,
 * score = the composite as a decimal string. Single writes are one ZADD/ZREM; a batch is one
 * ZADD; a rebuild is MULTI { DEL tmp, ZADD tmp…, RENAME tmp key }; rank and page are Lua
 * scripts (ZSCORE + ZCOUNT `(score +inf`), so each call is atomic and one round trip.
 *
 * Connection loss never queues or hangs a call: commands fail at once while disconnected (no
 * offline queue), in-flight commands fail when the connection drops and are not replayed later,
 * and every command times out after `commandTimeoutMs`. ioredis reconnects forever in the
 * background; `health()` says 'degraded' meanwhile and `onReady` listeners hear each recovery.
 */
export class RedisRankingStore implements SharedRankingStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly readyListeners = new Set<() => void>();
  private state: RankingHealth = { status: 'degraded', reason: 'connecting to redis' };
  private lastError = '';
  private closed = false;

  constructor(options: RedisRankingStoreOptions) {
    this.keyPrefix = options.keyPrefix ?? 'arena:ranking';
    const maxDelayMs = options.maxReconnectDelayMs ?? 1000;
    this.redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 50, maxDelayMs),
    });
    this.redis.defineCommand('arenaRankOf', { numberOfKeys: 1, lua: RANK_OF_LUA });
    this.redis.defineCommand('arenaPage', { numberOfKeys: 1, lua: PAGE_LUA });
    this.redis.on('ready', () => {
      this.state = { status: 'ok' };
      for (const listener of [...this.readyListeners]) listener();
    });
    this.redis.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    this.redis.on('close', () => {
      if (this.closed) return;
      this.state = { status: 'degraded', reason: `connection to redis lost${this.lastError ? `: ${this.lastError}` : ''}` };
    });
  }

  /** Resolves once connected; rejects after `timeoutMs` saying what the last error was. */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`redis not ready after ${timeoutMs} ms${this.lastError ? `: ${this.lastError}` : ''}`));
      }, timeoutMs);
      const unsubscribe = this.onReady(() => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  }

  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  async setTeam(contestId: string, view: RankingView, teamId: string, standing: Standing): Promise<void> {
    checkId('contest', contestId);
    checkView(view);
    checkId('team', teamId);
    await this.redis.zadd(this.key(contestId, view), String(compositeOf(teamId, standing)), teamId);
  }

  async setMany(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void> {
    const packed = compositeEntries(contestId, view, entries);
    if (packed.length === 0) return;
    await this.redis.zadd(this.key(contestId, view), ...scoreMemberArgs(packed));
  }

  async removeTeam(contestId: string, view: RankingView, teamId: string): Promise<void> {
    checkId('contest', contestId);
    checkView(view);
    checkId('team', teamId);
    await this.redis.zrem(this.key(contestId, view), teamId);
  }

  async rankOf(contestId: string, view: RankingView, teamId: string): Promise<number | null> {
    checkId('contest', contestId);
    checkView(view);
    checkId('team', teamId);
    return this.redis.arenaRankOf(this.key(contestId, view), teamId);
  }

  async page(contestId: string, view: RankingView, offset: number, limit: number): Promise<RankedTeam[]> {
    checkId('contest', contestId);
    checkView(view);
    checkPageWindow(offset, limit);
    if (limit === 0) return [];
    const reply = await this.redis.arenaPage(this.key(contestId, view), String(offset), String(offset + limit - 1));
    return pageRows(reply, offset);
  }

  async size(contestId: string, view: RankingView): Promise<number> {
    checkId('contest', contestId);
    checkView(view);
    return this.redis.zcard(this.key(contestId, view));
  }

  async clear(contestId: string): Promise<void> {
    checkId('contest', contestId);
    await this.redis.del(...RANKING_VIEWS.map((view) => this.key(contestId, view)));
  }

  async rebuild(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void> {
    const packed = compositeEntries(contestId, view, entries);
    const key = this.key(contestId, view);
    if (packed.length === 0) {
      await this.redis.del(key);
      return;
    }
    const tmp = `${key}:rebuild`;
    const tx = this.redis.multi().del(tmp);
    for (let i = 0; i < packed.length; i += ZADD_CHUNK) tx.zadd(tmp, ...scoreMemberArgs(packed.slice(i, i + ZADD_CHUNK)));
    tx.rename(tmp, key);
    const results = await tx.exec();
    if (!results) throw new Error(`redis rebuild of ${key} was aborted`);
    const failed = results.find(([err]) => err);
    if (failed?.[0]) throw new Error(`redis rebuild of ${key} failed: ${failed[0].message}`);
  }

  health(): RankingHealth {
    return this.state;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.state = { status: 'degraded', reason: 'closed' };
    this.readyListeners.clear();
    if (this.redis.status === 'ready') {
      await this.redis.quit().catch(() => this.redis.disconnect());
    } else {
      this.redis.disconnect();
    }
  }

  private key(contestId: string, view: RankingView): string {
    return `${this.keyPrefix}:{${contestId}}:${view}`;
  }
}

function scoreMemberArgs(entries: readonly CompositeEntry[]): string[] {
  return entries.flatMap(({ teamId, composite }) => [String(composite), teamId]);
}

/** Turns PAGE_LUA's flat reply into rows with shared ranks (see the script's contract). */
function pageRows(reply: Array<string | number>, offset: number): RankedTeam[] {
  if (reply.length === 0) return [];
  const better = Number(reply[0]);
  const rows: RankedTeam[] = [];
  for (let i = 1; i + 1 < reply.length; i += 2) {
    const index = (i - 1) / 2;
    const composite = Number(reply[i + 1]);
    const previous = rows[index - 1];
    const rank = index === 0 ? better + 1 : previous!.composite === composite ? previous!.rank : offset + index + 1;
    rows.push({ teamId: String(reply[i]), rank, composite });
  }
  return rows;
}
