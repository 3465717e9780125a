import type { Logger } from 'pino';
import { InMemoryRankingStore } from '../../app/ranking/in-memory-ranking-store';
import type { RankingStore } from '../../app/ranking/ranking-store';
import { ResilientRankingStore, type RankingBackendStatus, type RankingSnapshot } from '../../app/ranking/resilient-ranking-store';
import { RedisRankingStore } from './redis-ranking-store';

export interface OpenRankingStoreOptions {
  /** From HostConfig.redisUrl; null = no Redis, rankings live in this process only. */
  readonly redisUrl: string | null;
  readonly log: Logger;
  /** See ResilientRankingStoreOptions.recompute. */
  readonly recompute?: () => Promise<readonly RankingSnapshot[]>;
  readonly keyPrefix?: string;
}

export interface OpenedRankingStore {
  readonly store: RankingStore;
  /** Which copy serves reads, for metrics. */
  status(): RankingBackendStatus;
}

/**
 * The ranking store the host uses: the plain in-process store when no Redis URL is configured,
 * else Redis with the in-process fallback (ResilientRankingStore). Never waits for Redis: the
 * host starts on the in-process copy and switches once Redis is ready and rebuilt.
 */
export function openRankingStore(options: OpenRankingStoreOptions): OpenedRankingStore {
  if (options.redisUrl === null) {
    const store = new InMemoryRankingStore();
    return { store, status: () => ({ backend: 'in-process', reason: 'no redis configured' }) };
  }
  const shared = new RedisRankingStore({ url: options.redisUrl, ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}) });
  const store = new ResilientRankingStore({
    local: new InMemoryRankingStore(),
    shared,
    log: options.log,
    ...(options.recompute ? { recompute: options.recompute } : {}),
  });
  return { store, status: () => store.status() };
}
