/**
 * Ranking store benchmark: `npx tsx e2e/bench/ranking-benchmark.ts [samples]`.
 *
 * Starts a real redis-server (no persistence, temp dir, free port), loads 1000 teams, then
 * measures sequential round trips of "update one team + query its rank" (setTeam then rankOf)
 * and "read the top 50" for: the in-process store (baseline), the Redis store, and the
 * Redis store behind the in-process fallback (what the host uses). Prints p50/p99/max in ms.
 * Target: p99 ≤ 1 ms for update+rank with Redis on the same machine.
 */
import { cpus, loadavg } from 'node:os';
import { RedisRankingStore } from '../../apps/host-server/src/adapters/redis/redis-ranking-store';
import { InMemoryRankingStore } from '../../apps/host-server/src/app/ranking/in-memory-ranking-store';
import type { PassFailStanding, RankingStore } from '../../apps/host-server/src/app/ranking/ranking-store';
import { ResilientRankingStore, type ResilientRankingStoreOptions } from '../../apps/host-server/src/app/ranking/resilient-ranking-store';
import { startRedisServer } from '../../apps/host-server/test/helpers/redis-server';
import { seededRandom } from '../../apps/host-server/test/helpers/seeded-random';

const TEAMS = 1000;
const SAMPLES = Math.max(5000, Number(process.argv[2] ?? 10_000));
const WARMUP = 1000;
const CONTEST = 'bench';


interface Figures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

function figures(samplesMs: number[]): Figures {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1]!, meanMs: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

async function measure(run: (i: number) => Promise<void>): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const samplesMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    await run(i);
    samplesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return figures(samplesMs);
}

async function bench(name: string, store: RankingStore): Promise<Array<[string, string, Figures]>> {
  const random = seededRandom(2026);
  const standing = (): PassFailStanding => ({
    solved: Math.floor(random() * 13), penaltyMinutes: Math.floor(random() * 2000), lastAcMinute: Math.floor(random() * 300),
  });
  await store.rebuild(CONTEST, 'public', Array.from({ length: TEAMS }, (_, i) => ({ teamId: `team${i}`, standing: standing() })));
  const updateAndRank = await measure(async () => {
    const teamId = `team${Math.floor(random() * TEAMS)}`;
    await store.setTeam(CONTEST, 'public', teamId, standing());
    const rank = await store.rankOf(CONTEST, 'public', teamId);
    if (rank === null) throw new Error(`${name}: ${teamId} lost its rank`);
  });
  const topPage = await measure(async () => {
    const rows = await store.page(CONTEST, 'public', 0, 50);
    if (rows.length !== 50) throw new Error(`${name}: top page has ${rows.length} rows`);
  });
  return [[name, 'update + rankOf', updateAndRank], [name, 'page(0, 50)', topPage]];
}

/** The wrapper logs only on outages and recoveries; none happen here. */
const quietLog = { info: () => undefined, warn: () => undefined } as unknown as ResilientRankingStoreOptions['log'];

async function main(): Promise<void> {
  const redis = await startRedisServer();
  const rows: Array<[string, string, Figures]> = [];
  try {
    const memory = new InMemoryRankingStore();
    rows.push(...await bench('in-process', memory));
    await memory.close();

    const direct = new RedisRankingStore({ url: redis.url, keyPrefix: 'bench-direct' });
    await direct.waitUntilReady(5000);
    rows.push(...await bench('redis', direct));
    await direct.close();

    const shared = new RedisRankingStore({ url: redis.url, keyPrefix: 'bench-resilient' });
    await shared.waitUntilReady(5000);
    const resilient = new ResilientRankingStore({ local: new InMemoryRankingStore(), shared, log: quietLog });
    while (resilient.status().backend !== 'redis') await new Promise((resolve) => setTimeout(resolve, 10));
    rows.push(...await bench('redis + in-process copy', resilient));
    await resilient.close();
  } finally {
    await redis.stop();
  }

  const cpu = cpus();
  console.log(`ranking store benchmark: ${TEAMS} teams, ${SAMPLES} sequential samples after ${WARMUP} warm-up, `
    + `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(['store'.padEnd(26), 'operation'.padEnd(17), 'p50 ms', 'p99 ms', 'max ms', 'mean ms'].join('  '));
  for (const [store, op, f] of rows) {
    console.log([store.padEnd(26), op.padEnd(17), ...[f.p50Ms, f.p99Ms, f.maxMs, f.meanMs].map((v) => v.toFixed(3).padStart(6))].join('  '));
  }
  const redisUpdate = rows.find(([s, op]) => s === 'redis' && op === 'update + rankOf')?.[2];
  if (redisUpdate) console.log(`target p99 ≤ 1 ms for redis update + rankOf: ${redisUpdate.p99Ms <= 1 ? 'met' : 'NOT met'} (${redisUpdate.p99Ms.toFixed(3)} ms)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
