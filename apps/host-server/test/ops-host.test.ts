import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import pino from 'pino';
import { io as connectSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { browseArenaHosts } from '@arena/lan-discovery';
import { ensureTlsCertificate } from '../src/adapters/tls/self-signed-certificate';
import { parseHostConfig } from '../src/app/host-config';
import { startHostServer, type RunningHost } from '../src/main/start-host-server';

const silent = pino({ level: 'silent' });
const running: RunningHost[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-ops-host-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, overrides: Record<string, unknown> = {}): Promise<RunningHost> {
  const config = parseHostConfig({ dataDir, port: 0, listenHost: '127.0.0.1', mdns: false, ...overrides });
  const host = await startHostServer(config, silent);
  running.push(host);
  return host;
}

async function stop(host: RunningHost): Promise<boolean> {
  running.splice(running.indexOf(host), 1);
  return host.stop();
}

/** GET over HTTPS trusting only `ca`; returns status, body and the fingerprint the server presented. */
function getPinned(url: string, ca: string): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca, agent: false }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(async () => {
  for (const host of running.splice(0)) await host.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('creates a certificate on first start, serves HTTPS with it, and reuses it after a restart', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(first.tlsFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const cert = readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8');
    expect(new X509Certificate(cert).fingerprint256).toBe(first.tlsFingerprint);
    const san = new X509Certificate(cert).subjectAltName ?? '';
    expect(san).toContain('DNS:localhost');
    expect(san).toContain('IP Address:127.0.0.1');

    const served = await getPinned(`${first.url}/healthz`, cert);
    expect(served.status).toBe(200);
    expect(served.fingerprint).toBe(first.tlsFingerprint);
    expect(await stop(first)).toBe(true);

    const second = await start(dataDir);
    expect(second.tlsFingerprint).toBe(first.tlsFingerprint);
    expect((await getPinned(`${second.url}/healthz`, cert)).fingerprint).toBe(first.tlsFingerprint);
  });

  it('refuses a client that does not trust the certificate', async () => {
    const host = await start(tempDir());
    const stranger = await ensureTlsCertificate(join(tempDir(), 'tls'));
    expect(stranger.fingerprint256).not.toBe(host.tlsFingerprint);
    await expect(getPinned(`${host.url}/healthz`, stranger.cert)).rejects.toThrow(/self[- ]signed|unable to verify/i);
  });

  it('serves socket.io over WSS and counts connected sockets in /metrics', async () => {
    const dataDir = tempDir();
    const host = await start(dataDir);
    const cert = readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8');
    const socket = connectSocket(host.url, { transports: ['websocket'], ca: cert, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('connect_error', reject);
      });
      const metrics = await getPinned(`${host.url}/metrics`, cert);
      expect(metrics.body).toMatch(/^arena_connected_sockets 1$/m);
    } finally {
      socket.close();
    }
  });

  it('serves plain HTTP with tls off and reports no fingerprint', async () => {
    const host = await start(tempDir(), { tls: false });
    expect(host.url).toMatch(/^http:\/\//);
    expect(host.tlsFingerprint).toBeNull();
    const response = await fetch(`${host.url}/healthz`);
    expect(response.status).toBe(200);
  });
});

describe('judge key', () => {
  it('generates a 0600 judge key on first start and reuses it', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir, { tls: false });
    const keyPath = join(dataDir, 'judge-key');
    expect(first.judgeKeyPath).toBe(keyPath);
    expect(first.config.judgeKey).toBe(readFileSync(keyPath, 'utf8').trim());
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    await stop(first);
    const second = await start(dataDir, { tls: false });
    expect(second.config.judgeKey).toBe(first.config.judgeKey);
  });

  it('uses the configured judge key and writes no file', async () => {
    const dataDir = tempDir();
    const host = await start(dataDir, { tls: false, judgeKey: 'a-configured-key-0123456789' });
    expect(host.config.judgeKey).toBe('a-configured-key-0123456789');
    expect(host.judgeKeyPath).toBeNull();
    expect(() => readFileSync(join(dataDir, 'judge-key'))).toThrow();
  });
});

describe('data dir lock', () => {
  it('refuses a host while another live host holds the data dir, and frees it on stop', async () => {
    const dataDir = tempDir();
    // Stands in for another host process: a live process whose command line says `serve`.
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'serve'], { stdio: 'ignore' });
    try {
      await once(other, 'spawn');
      writeFileSync(join(dataDir, 'host.pid'), `${other.pid}\n`);
      await expect(start(dataDir, { tls: false })).rejects.toThrow(new RegExp(`another Arena host \\(pid ${other.pid}\\) is running`));
      expect(readFileSync(join(dataDir, 'host.pid'), 'utf8').trim()).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
      await once(other, 'exit');
    }
    const host = await start(dataDir, { tls: false }); // the dead host's pid file is stale now
    expect(readFileSync(join(dataDir, 'host.pid'), 'utf8').trim()).toBe(String(process.pid));
    await stop(host);
    expect(() => readFileSync(join(dataDir, 'host.pid'))).toThrow();
  });
});

describe('stale lock', () => {
  it('takes over a pid file left by a crashed host, even when the pid now belongs to another program', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'host.pid'), `${process.ppid}\n`); // alive, but not an Arena serve/restore
    const host = await start(dataDir, { tls: false });
    expect(readFileSync(join(dataDir, 'host.pid'), 'utf8').trim()).toBe(String(process.pid));
    await stop(host);
  });
});

describe('mDNS advertisement of a serving host', () => {
  it('starts without a contest and re-announces when a contest is loaded', async () => {
    const host = await start(tempDir(), { mdns: true });
    const before = (await browseArenaHosts(1500)).find((h) => h.port === host.port);
    expect(before?.info).toMatchObject({ contestId: null, contestName: null, tls: true, tlsFingerprint: host.tlsFingerprint });

    host.host.ctx.store.write((tx) => {
      tx.db.prepare('INSERT INTO contests (id, data, clock, created_ms) VALUES (?, ?, ?, ?)')
        .run('finals', JSON.stringify({ id: 'finals', name: 'World Finals' }), '{}', tx.nowMs);
      tx.emit({ contestId: 'finals', type: 'contest', id: null, data: { id: 'finals', name: 'World Finals' }, audience: 'public' });
    });
    const after = (await browseArenaHosts(1500)).find((h) => h.port === host.port);
    expect(after?.info).toMatchObject({ contestId: 'finals', contestName: 'World Finals' });
  });
});
