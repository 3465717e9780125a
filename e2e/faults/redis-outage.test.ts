import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scoreboard, ScoreboardDelta } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../apps/host-server/test/helpers/redis-server';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { connectRecorder, versioned, type Recorder } from '../../apps/host-server/test/realtime-test-support';
import { ADMIN, connectProtocolJudge, FIXTURE, judgeNextOverProtocol, request, submit } from '../contest/contest-client';

// Issue #8 item 4, "Redis stopped mid-contest → scoreboards keep updating from the in-process
// ranking, Redis rebuilt when it returns", end to end: the host process is spawned with a real
// redis-server child as its ranking store; verdicts come over the real /judge protocol.
const CONTEST = 'sample';
/** Composite ranking score = solved·2^46 + … (apps/host-server/src/domain/ranking/composite-score.ts). */
const SOLVED_UNIT = 2 ** 46;
const KEY = `arena:ranking:{${CONTEST}}:public`;

let dir: string;
let redis: RedisServer | undefined;
let redisPort: number;
let host: HostProcess | undefined;
let baseUrl: string;
let judge: Socket | undefined;
let board: Recorder | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arena-redis-outage-'));
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'data');
  redis = await startRedisServer();
  redisPort = redis.port;
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await spawnHost(['--data', dataDir, '--port', '0', '--listen', '127.0.0.1', '--no-mdns', '--no-tls', '--redis', redis.url]);
  baseUrl = host.listening.url;
  const started = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
  judge = await connectProtocolJudge(baseUrl, readFileSync(join(dataDir, 'judge-key'), 'utf8').trim());
  board = await connectRecorder(baseUrl, '/scoreboard', versioned());
}, 60_000);

afterAll(async () => {
  board?.close();
  judge?.close();
  await killHost(host);
  await redis?.stop('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function rankingHealth(): Promise<{ ok: boolean; detail: string }> {
  const body = await (await fetch(`${baseUrl}/healthz`)).json() as { components: Record<string, { ok: boolean; detail: string }> };
  return body.components.ranking!;
}

async function degradedGauge(): Promise<string | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return /^arena_component_degraded\{component="ranking"\} (\d)$/m.exec(text)?.[1];
}

async function poll<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Solved counts per team in Redis' public sorted set (read with redis-cli). */
function redisSolved(): Map<string, number> {
  const out = execFileSync('redis-cli', ['-p', String(redisPort), '--raw', 'ZRANGE', KEY, '0', '-1', 'WITHSCORES'], { encoding: 'utf8' }).trim();
  const lines = out === '' ? [] : out.split('\n');
  const solved = new Map<string, number>();
  for (let i = 0; i + 1 < lines.length; i += 2) solved.set(lines[i]!, Math.floor(Number(lines[i + 1]) / SOLVED_UNIT));
  return solved;
}

async function restSolved(team: string): Promise<number | undefined> {
  const res = await request(baseUrl, 'GET', `/api/contests/${CONTEST}/scoreboard`);
  return res.json<Scoreboard>().rows.find((r) => r.team_id === team)?.score.num_solved;
}

/** Submits an accepted solution as `team` and judges it AC over /judge. */
async function solve(team: string, problem = 'hello'): Promise<void> {
  const id = await submit(baseUrl, CONTEST, team, problem, 'python3', { 'solution.py': 'print("Hello World!")\n' });
  expect(await judgeNextOverProtocol(judge!, 'AC')).toBe(id);
}

describe('Redis stopped mid-contest', () => {
  it('keeps the public scoreboard updating (socket and REST) while Redis is down, reports degraded, and rebuilds Redis when it returns', async () => {
    await solve('team1');
    await poll('team1 in redis', 10_000, async () => (redisSolved().get('team1') === 1 ? true : undefined));
    expect((await rankingHealth()).ok).toBe(true);

    await redis!.stop('SIGKILL');
    const stoppedAt = Date.now();
    await solve('team2');
    // The public board still moves: a socket delta and REST both show team2's solve.
    await poll('a delta with team2 solved', 10_000, async () =>
      (board!.of<ScoreboardDelta>('scoreboard:delta').some((d) => d.rows.some((r) => r.team_id === 'team2' && r.score.num_solved === 1)) ? true : undefined));
    expect(await restSolved('team2')).toBe(1);
    const degraded = await poll('ranking degraded in /healthz', 10_000, async () => {
      const health = await rankingHealth();
      return health.ok ? undefined : health;
    });
    expect(degraded.detail).toMatch(/in-process while Redis is unavailable/);
    expect(await degradedGauge()).toBe('1');
    console.log(`redis down: board updated and /healthz degraded within ${Date.now() - stoppedAt} ms`);

    // One more solve while down, then Redis comes back empty (no persistence) on the same port.
    await solve('team3');
    expect(await restSolved('team3')).toBe(1);
    redis = await startRedisServer({ port: redisPort });
    const restartedAt = Date.now();
    await poll('ranking healthy again', 30_000, async () => ((await rankingHealth()).ok ? true : undefined));
    expect(await degradedGauge()).toBe('0');
    const rebuilt = redisSolved();
    console.log(`redis back: rebuilt and healthy ${Date.now() - restartedAt} ms after it restarted`);
    expect(rebuilt.get('team1')).toBe(1);
    expect(rebuilt.get('team2')).toBe(1);
    expect(rebuilt.get('team3')).toBe(1);
    // Every team on the REST board is in Redis with the same solved count.
    const rows = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/scoreboard`)).json<Scoreboard>().rows;
    expect(new Map(rows.map((r) => [r.team_id, r.score.num_solved]))).toEqual(rebuilt);
    // And the board keeps moving with Redis back.
    await solve('team1', 'guess');
    await poll('team1\'s second solve in redis', 10_000, async () => (redisSolved().get('team1') === 2 ? true : undefined));
  }, 120_000);
});
