import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisRankingStore } from '../src/adapters/redis/redis-ranking-store';
import { InMemoryRankingStore } from '../src/app/ranking/in-memory-ranking-store';
import type { RankingView, Standing } from '../src/app/ranking/ranking-store';
import { ResilientRankingStore, type RankingSnapshot } from '../src/app/ranking/resilient-ranking-store';
import { freePort, startRedisServer, type RedisServer } from './helpers/redis-server';
import { entry, pf, referenceRanking, waitUntil } from './ranking-contract';
import { seededRandom } from './helpers/seeded-random';

// Fault tests: a real redis-server is killed (SIGKILL, by PID) and started again on the same port
// while a ResilientRankingStore keeps taking updates.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function redisOn(port?: number): Promise<RedisServer> {
  const server = await startRedisServer(port === undefined ? {} : { port });
  cleanups.push(() => server.stop());
  return server;
}

function redisClient(url: string, keyPrefix: string): RedisRankingStore {
  const store = new RedisRankingStore({ url, keyPrefix, commandTimeoutMs: 500, maxReconnectDelayMs: 100 });
  cleanups.push(() => store.close());
  return store;
}

function memoryLog(): { log: pino.Logger; messages: () => string[] } {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  return { log, messages: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

/** Expected content of one view, kept by the test the obvious way. */
class Expected {
  readonly teams = new Map<string, Standing>();
  ranking() {
    return referenceRanking([...this.teams].map(([teamId, standing]) => entry(teamId, standing)));
  }
}

describe('ResilientRankingStore with a real redis-server', () => {
  it('keeps serving from the in-process copy while redis is down, then rebuilds redis when it is back', async () => {
    const first = await redisOn();
    const prefix = 'fault';
    const { log, messages } = memoryLog();
    const store = new ResilientRankingStore({
      local: new InMemoryRankingStore(), shared: redisClient(first.url, prefix), log, retryDelayMs: 100,
    });
    cleanups.push(() => store.close());
    await waitUntil('redis serves', () => store.status().backend === 'redis');
    expect(store.health()).toEqual({ status: 'ok' });

    const random = seededRandom(99);
    const standing = () => pf(Math.floor(random() * 8), Math.floor(random() * 300), Math.floor(random() * 280));
    const expected: Record<RankingView, Expected> = { public: new Expected(), jury: new Expected() };
    const update = async (view: RankingView, teamId: string, s: Standing) => {
      await store.setTeam('c1', view, teamId, s);
      expected[view].teams.set(teamId, s);
    };
    for (let i = 0; i < 60; i++) {
      await update('public', `team${i}`, standing());
      await update('jury', `team${i}`, standing());
    }
    await store.setMany('c2', 'public', [entry('a', pf(1, 0, 0))]);
    const observer = redisClient(first.url, prefix);
    await observer.waitUntilReady(5000);
    expect(await observer.page('c1', 'public', 0, 100)).toEqual(expected.public.ranking());
    expect(await observer.size('c2', 'public')).toBe(1);

    // Redis dies. Every call keeps working, answered from the in-process copy.
    await first.stop('SIGKILL');
    for (let i = 0; i < 40; i++) {
      await update(i % 2 === 0 ? 'public' : 'jury', `team${i % 25}`, standing());
      expect(await store.rankOf('c1', 'public', 'team3')).toBe(expected.public.ranking().find((r) => r.teamId === 'team3')!.rank);
    }
    await store.removeTeam('c1', 'jury', 'team59');
    expected.jury.teams.delete('team59');
    await store.clear('c2');
    await waitUntil('the in-process copy serves', () => store.status().backend === 'in-process');
    expect(store.status().reason).toMatch(/redis|connection/);
    expect(store.health()).toMatchObject({ status: 'degraded', reason: expect.stringContaining('in-process copy') });
    expect(await store.page('c1', 'public', 0, 100)).toEqual(expected.public.ranking());
    expect(await store.page('c1', 'jury', 0, 100)).toEqual(expected.jury.ranking());
    expect(await store.size('c2', 'public')).toBe(0);

    // Redis comes back empty on the same port: it is rebuilt, then serves again.
    const second = await redisOn(first.port);
    await waitUntil('redis serves again', () => store.status().backend === 'redis');
    await observer.waitUntilReady(5000);
    expect(await observer.page('c1', 'public', 0, 100)).toEqual(expected.public.ranking());
    expect(await observer.page('c1', 'jury', 0, 100)).toEqual(expected.jury.ranking());
    expect(await observer.size('c2', 'public')).toBe(0);

    // Writes reach redis again.
    await update('public', 'team7', pf(99, 0, 0));
    expect(await observer.rankOf('c1', 'public', 'team7')).toBe(1);
    expect(await store.page('c1', 'public', 0, 100)).toEqual(expected.public.ranking());
    expect(messages()).toEqual(expect.arrayContaining([
      'ranking: redis unavailable, serving rankings from the in-process copy',
      'ranking: redis rebuilt, serving rankings from redis',
    ]));
    expect(second.port).toBe(first.port);
  });

  it('falls back when redis hangs (commands time out) and, once it answers again, replaces its stale data', async () => {
    const server = await redisOn();
    const prefix = 'hang';
    const { log } = memoryLog();
    const store = new ResilientRankingStore({
      local: new InMemoryRankingStore(), shared: redisClient(server.url, prefix), log, retryDelayMs: 100,
    });
    cleanups.push(() => store.close());
    await waitUntil('redis serves', () => store.status().backend === 'redis');
    await store.setMany('c1', 'public', [entry('a', pf(1, 0, 0)), entry('b', pf(2, 0, 0))]);
    await store.setMany('c2', 'jury', [entry('a', pf(1, 0, 0))]);

    process.kill(server.pid, 'SIGSTOP');
    let stopped = true;
    cleanups.push(async () => {
      if (stopped) process.kill(server.pid, 'SIGCONT');
    });
    // The connection stays open; the first command times out and the copy takes over.
    await store.setTeam('c1', 'public', 'a', pf(3, 0, 0));
    await store.clear('c2');
    expect(store.status().backend).toBe('in-process');
    expect(store.status().reason).toMatch(/timed? ?out/i);
    expect(await store.page('c1', 'public', 0, 10)).toMatchObject([{ teamId: 'a', rank: 1 }, { teamId: 'b', rank: 2 }]);

    process.kill(server.pid, 'SIGCONT');
    stopped = false;
    await waitUntil('redis serves again', () => store.status().backend === 'redis');
    const observer = redisClient(server.url, prefix);
    await observer.waitUntilReady(5000);
    // Redis kept its data through the hang; the rebuild replaced it with the current truth.
    expect(await observer.page('c1', 'public', 0, 10)).toMatchObject([{ teamId: 'a', rank: 1 }, { teamId: 'b', rank: 2 }]);
    expect(await observer.size('c2', 'jury')).toBe(0);
  });

  it('rebuilds again the views written while a rebuild is running, before redis serves', async () => {
    const server = await redisOn();
    const prefix = 'during';
    const redis = redisClient(server.url, prefix);
    let rebuilds = 0;
    // The real Redis store, with a write arriving through the wrapper during each of its first 3 rebuilds.
    const shared = new Proxy(redis, {
      get(target, prop, receiver) {
        if (prop === 'rebuild') {
          return async (...args: Parameters<RedisRankingStore['rebuild']>) => {
            rebuilds++;
            if (rebuilds <= 3) await store.setTeam('c1', rebuilds === 2 ? 'jury' : 'public', `late${rebuilds}`, pf(9, rebuilds, 0));
            return target.rebuild(...args);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { log } = memoryLog();
    const store = new ResilientRankingStore({ local: new InMemoryRankingStore(), shared, log });
    cleanups.push(() => store.close());
    await store.setMany('c1', 'public', [entry('a', pf(1, 0, 0))]);
    await waitUntil('redis serves', () => store.status().backend === 'redis');

    expect(rebuilds).toBeGreaterThan(3);
    const observer = redisClient(server.url, prefix);
    await observer.waitUntilReady(5000);
    expect(await observer.page('c1', 'public', 0, 10)).toMatchObject([{ teamId: 'late1' }, { teamId: 'late3' }, { teamId: 'a' }]);
    expect(await observer.page('c1', 'jury', 0, 10)).toMatchObject([{ teamId: 'late2' }]);
  });

  it('starts on the in-process copy when redis is not up yet and refills redis from the recompute source', async () => {
    const port = await freePort();
    const prefix = 'late';
    const { log } = memoryLog();
    // What the host would recompute from SQLite: authoritative for c1/public.
    const authoritative: RankingSnapshot[] = [{ contestId: 'c1', view: 'public', entries: [entry('x', pf(4, 100, 90)), entry('y', pf(2, 10, 10))] }];
    let recomputeCalls = 0;
    const store = new ResilientRankingStore({
      local: new InMemoryRankingStore(),
      shared: redisClient(`redis://127.0.0.1:${port}`, prefix),
      log,
      retryDelayMs: 100,
      recompute: async () => {
        recomputeCalls++;
        return authoritative;
      },
    });
    cleanups.push(() => store.close());
    expect(store.status()).toEqual({ backend: 'in-process', reason: 'waiting for redis' });

    await store.setMany('c1', 'public', [entry('x', pf(4, 100, 90)), entry('y', pf(2, 10, 10))]);
    await store.setTeam('c1', 'jury', 'x', pf(5, 120, 100));
    expect(await store.rankOf('c1', 'jury', 'x')).toBe(1);

    const server = await redisOn(port);
    await waitUntil('redis serves', () => store.status().backend === 'redis');
    expect(recomputeCalls).toBeGreaterThanOrEqual(1);
    const observer = redisClient(server.url, prefix);
    await observer.waitUntilReady(5000);
    expect(await observer.page('c1', 'public', 0, 10)).toEqual(referenceRanking(authoritative[0]!.entries));
    // c1/jury was not in the recompute result: it comes from the in-process copy.
    expect(await observer.page('c1', 'jury', 0, 10)).toMatchObject([{ teamId: 'x', rank: 1 }]);
  });
});
