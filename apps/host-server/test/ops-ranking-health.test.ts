import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHostConfig } from '../src/app/host-config';
import { buildHost, type Host } from '../src/main/build-host';
import { freePort, startRedisServer, type RedisServer } from './helpers/redis-server';

// The rule: while Redis is down the host keeps serving from its in-process ranking and
// SAYS SO. Here with a real redis-server that is absent at start and then comes up.
const hosts: Host[] = [];
const redises: RedisServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close().catch(() => undefined);
  for (const redis of redises.splice(0)) await redis.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startHost(redisUrl: string | null): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-ranking-health-'));
  dirs.push(dataDir);
  const host = await buildHost(parseHostConfig({ dataDir, port: 0, listenHost: '127.0.0.1', tls: false, mdns: false, redisUrl }), { log: pino({ level: 'silent' }) });
  hosts.push(host);
  return host.listen();
}

async function rankingHealth(url: string): Promise<{ ok: boolean; detail: string }> {
  const body = await (await fetch(`${url}/healthz`)).json() as { components: Record<string, { ok: boolean; detail: string }> };
  return body.components.ranking!;
}

async function degradedGauge(url: string): Promise<string | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return /^arena_component_degraded\{component="ranking"\} (\d)$/m.exec(text)?.[1];
}

describe('ranking store health in /healthz and /metrics', () => {
  it('is fine and in-process when no Redis is configured', async () => {
    const url = await startHost(null);
    expect(await rankingHealth(url)).toEqual({ ok: true, detail: 'in-process (no Redis configured)' });
    expect(await degradedGauge(url)).toBe('0');
  });

  it('reports degraded while Redis is down and recovers when it comes up', async () => {
    const port = await freePort();
    const url = await startHost(`redis://127.0.0.1:${port}`);
    const down = await rankingHealth(url);
    expect(down.ok).toBe(false);
    expect(down.detail).toMatch(/^in-process while Redis is unavailable/);
    expect(await degradedGauge(url)).toBe('1');
    // The host still serves everything while degraded.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    redises.push(await startRedisServer({ port }));
    const deadline = Date.now() + 20_000;
    let up = await rankingHealth(url);
    while (!up.ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      up = await rankingHealth(url);
    }
    expect(up).toEqual({ ok: true, detail: 'redis' });
    expect(await degradedGauge(url)).toBe('0');
  }, 40_000);
});
