import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRankingStore } from '../src/adapters/redis/open-ranking-store';
import { RedisRankingStore } from '../src/adapters/redis/redis-ranking-store';
import { InMemoryRankingStore } from '../src/app/ranking/in-memory-ranking-store';
import { ResilientRankingStore } from '../src/app/ranking/resilient-ranking-store';
import { freePort, startRedisServer, type RedisServer } from './helpers/redis-server';
import { entry, pf, rankingStoreContract, waitUntil } from './ranking-contract';

let redis: RedisServer;
let prefixCounter = 0;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

async function openRedisStore(): Promise<RedisRankingStore> {
  const store = new RedisRankingStore({ url: redis.url, keyPrefix: `test${process.pid}-${prefixCounter++}` });
  await store.waitUntilReady(5000);
  return store;
}

rankingStoreContract('in-process', async () => new InMemoryRankingStore());

rankingStoreContract('redis', openRedisStore);

rankingStoreContract('redis behind the in-process fallback', async () => {
  const store = new ResilientRankingStore({ local: new InMemoryRankingStore(), shared: await openRedisStore(), log: pino({ level: 'silent' }) });
  await waitUntil('redis serves', () => store.status().backend === 'redis');
  return store;
});

describe('RedisRankingStore', () => {
  it('rebuilds atomically: a reader on another connection sees the old or the new view, never a mix', async () => {
    const prefix = `atomic${process.pid}`;
    const writer = new RedisRankingStore({ url: redis.url, keyPrefix: prefix });
    const reader = new RedisRankingStore({ url: redis.url, keyPrefix: prefix });
    await Promise.all([writer.waitUntilReady(5000), reader.waitUntilReady(5000)]);
    const teams = (n: number, solved: number) => Array.from({ length: n }, (_, i) => entry(`t${i}`, pf(solved, i, 0)));
    try {
      await writer.rebuild('c1', 'public', teams(3000, 1));
      const seen = new Set<number>();
      let writing = true;
      const reading = (async () => {
        while (writing) seen.add(await reader.size('c1', 'public'));
      })();
      for (let round = 0; round < 6; round++) {
        await writer.rebuild('c1', 'public', round % 2 === 0 ? teams(12_000, 2) : teams(3000, 1));
      }
      writing = false;
      await reading;
      // Whole views only: a partial rebuild would show some other count (or 0).
      expect([...seen].sort((a, b) => a - b)).toEqual([3000, 12_000]);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('reports degraded and fails calls at once while redis is unreachable', async () => {
    const store = new RedisRankingStore({ url: `redis://127.0.0.1:${await freePort()}` });
    try {
      expect(store.health()).toMatchObject({ status: 'degraded' });
      await expect(store.setTeam('c1', 'public', 'a', pf(1, 0, 0))).rejects.toThrow(/writeable|connect|closed/i);
      await expect(store.rankOf('c1', 'public', 'a')).rejects.toThrow(Error);
      await waitUntil('the connection error is reported', () => /ECONNREFUSED/.test(JSON.stringify(store.health())));
    } finally {
      await store.close();
    }
  });
});

describe('openRankingStore', () => {
  it('uses the plain in-process store when no redis is configured', async () => {
    const opened = openRankingStore({ redisUrl: null, log: pino({ level: 'silent' }) });
    try {
      expect(opened.store).toBeInstanceOf(InMemoryRankingStore);
      expect(opened.status()).toEqual({ backend: 'in-process', reason: 'no redis configured' });
      expect(opened.store.health()).toEqual({ status: 'ok' });
    } finally {
      await opened.store.close();
    }
  });

  it('uses redis behind the in-process fallback when a redis url is configured', async () => {
    const opened = openRankingStore({ redisUrl: redis.url, log: pino({ level: 'silent' }), keyPrefix: `open${process.pid}` });
    try {
      expect(opened.store).toBeInstanceOf(ResilientRankingStore);
      await waitUntil('redis serves', () => opened.status().backend === 'redis');
      await opened.store.setTeam('c1', 'public', 'a', pf(1, 0, 0));
      const observer = await openRedisStore();
      expect(await opened.store.rankOf('c1', 'public', 'a')).toBe(1);
      await observer.close();
    } finally {
      await opened.store.close();
    }
  });
});
