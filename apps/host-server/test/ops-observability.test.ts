import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHostConfig } from '../src/app/host-config';
import { buildHost, type Host } from '../src/main/build-host';

const hosts: Host[] = [];
const dirs: string[] = [];

async function startHost(): Promise<{ host: Host; url: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-ops-obs-'));
  dirs.push(dataDir);
  const host = await buildHost(parseHostConfig({ dataDir, port: 0, listenHost: '127.0.0.1', tls: false, mdns: false }), { log: pino({ level: 'silent' }) });
  hosts.push(host);
  return { host, url: await host.listen() };
}

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('/healthz', () => {
  it('answers 200 with db ok while the database answers', async () => {
    const { url } = await startHost();
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json() as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, db: 'ok', protocolVersion: 1 });
    expect(typeof body.uptimeS).toBe('number');
  });

  it('answers 503 with db error when the database does not answer', async () => {
    const { host, url } = await startHost();
    host.ctx.store.db.close();
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, db: 'error' });
  });
});

describe('/metrics', () => {
  it('serves the Prometheus text format with every Arena metric and the process metrics', async () => {
    const { url } = await startHost();
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const name of ['arena_submissions_total', 'arena_judge_queue_depth', 'arena_judging_latency_seconds',
      'arena_connected_sockets', 'arena_http_errors_total', 'arena_judging_errors_total', 'process_resident_memory_bytes']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts submissions committed to the store and HTTP errors served', async () => {
    const { host, url } = await startHost();
    host.ctx.store.write((tx) => {
      tx.emit({ contestId: 'c1', type: 'submissions', id: 's1', data: { id: 's1' }, audience: 'team', teamId: 't1' });
      tx.emit({ contestId: 'c1', type: 'submissions', id: 's2', data: { id: 's2' }, audience: 'team', teamId: 't1' });
    });
    expect((await fetch(`${url}/no-such-page`)).status).toBe(404);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^arena_submissions_total\{contest="c1"\} 2$/m);
    expect(text).toMatch(/^arena_http_errors_total\{status="404",method="GET"\} 1$/m);
  });
});
