import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browseArenaHosts } from '@arena/lan-discovery';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../src/adapters/sqlite/database';
import { Store } from '../src/adapters/sqlite/store';
import { killHost, runCli, spawnHost, type HostProcess } from './ops-support';

let dir: string;
let dataDir: string;
const hosts: HostProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-ops-cli-'));
  dataDir = join(dir, 'data');
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await killHost(host);
  rmSync(dir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<HostProcess> {
  const host = await spawnHost(args);
  hosts.push(host);
  return host;
}

function addContest(id: string, name = id): void {
  const db = openDatabase(join(dataDir, 'arena.db'));
  try {
    new Store(db, Date.now).write((tx) => {
      tx.db.prepare('INSERT INTO contests (id, data, clock, created_ms) VALUES (?, ?, ?, ?)').run(id, JSON.stringify({ id, name }), '{}', tx.nowMs);
      tx.emit({ contestId: id, type: 'contest', id: null, data: { id, name }, audience: 'public' });
    });
  } finally {
    db.close();
  }
}

function contestIds(): string[] {
  const db = new Database(join(dataDir, 'arena.db'), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM contests ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('usage errors', { timeout: 120_000 }, () => {
  it.each([
    [['no-such-command'], /unknown command 'no-such-command'/],
    [['serve', '--port', 'http'], /--port .* must be a port number/],
    [['serve', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['restore', '--data', '/tmp'], /missing required argument 'file'/],
  ])('%j exits 2 with a message on stderr and nothing on stdout', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('exits 1 with every problem listed for a bad config file', async () => {
    const config = join(dir, 'host.yaml');
    writeFileSync(config, 'port: -1\nbackup: { keep: "ten" }\n');
    const result = await runCli(['serve', '--config', config, '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/port: .*backup\.keep: /);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('serve', { timeout: 120_000 }, () => {
  it('prints one JSON line, holds the data dir, backs up on schedule and shuts down cleanly on SIGTERM', async () => {
    const config = join(dir, 'host.yaml');
    writeFileSync(config, `listenHost: 127.0.0.1\nmdns: false\ntls: false\nbackup:\n  intervalSeconds: 1\n  keep: 2\n`);
    const host = await serve(['--config', config, '--data', dataDir, '--port', '0']);
    expect(host.listening).toMatchObject({ event: 'listening', tls: false, fingerprint: null, judgeKeyPath: join(dataDir, 'judge-key') });
    expect(host.listening.url).toBe(`http://127.0.0.1:${host.listening.port}`);
    expect(readFileSync(join(dataDir, 'host.pid'), 'utf8').trim()).toBe(String(host.listening.pid));
    expect(await (await fetch(`${host.listening.url}/healthz`)).json()).toMatchObject({ ok: true, db: 'ok' });

    // Periodic backups appear and are pruned to `keep`.
    await waitFor('3 backups to have been taken', () => host.stderr().split('backup written').length > 3);
    expect(readdirSync(join(dataDir, 'backups')).filter((n) => /^arena-.*\.db$/.test(n)).length).toBeLessThanOrEqual(2);

    // A second host and a restore on the same data dir are refused while it runs.
    const second = await runCli(['serve', '--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`another Arena host \\(pid ${host.listening.pid}\\) is running`));
    const restore = await runCli(['restore', '--data', dataDir, join(dataDir, 'backups', readdirSync(join(dataDir, 'backups'))[0] ?? '')]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/another Arena host .* is running/);

    // An online backup from the CLI works alongside the running host.
    const online = await runCli(['backup', '--data', dataDir, '--out', join(dir, 'online.db'), '--json']);
    expect(online.code).toBe(0);
    expect(JSON.parse(online.stdout)).toMatchObject({ path: join(dir, 'online.db') });

    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
    expect(host.stdoutLines()).toHaveLength(1); // stdout carries the result only; logs went to stderr
    expect(existsSync(join(dataDir, 'host.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'arena.db-wal'))).toBe(false); // final checkpoint folded the WAL in
    expect(host.stderr()).toMatch(/"clean":true/);
  });

  it('lets an in-flight request finish after SIGTERM, then exits 0', async () => {
    const host = await serve(['--data', dataDir, '--port', '0', '--listen', '127.0.0.1', '--no-mdns', '--no-tls']);
    const socket = connect(host.listening.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk: Buffer) => { response += chunk.toString(); });
    const body = JSON.stringify({ hello: 'world' });
    // Headers and half the body. The server answers `100 Continue` once it has handed the request
    // to the app: from then on the request is in flight, and the signal arrives mid-request.
    socket.write(`POST /no-such-route HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    await waitFor('100 Continue', () => response.startsWith('HTTP/1.1 100 Continue\r\n\r\n'));
    response = '';
    socket.write(body.slice(0, 5));
    host.child.kill('SIGTERM');
    await waitFor('the host to begin shutting down', () => host.stderr().includes('shutting down'));
    socket.write(body.slice(5));
    await waitFor('the response', () => response.includes('\r\n\r\n') && response.includes('}'));
    expect(response).toMatch(/^HTTP\/1\.1 404 /);
    expect(response).toContain('"code":"not_found"');
    expect(await host.exited).toBe(0);
  });

  it('cuts a request that does not finish within shutdownGraceMs, then exits 0', async () => {
    const config = join(dir, 'host.yaml');
    writeFileSync(config, 'shutdownGraceMs: 300\n');
    const host = await serve(['--config', config, '--data', dataDir, '--port', '0', '--listen', '127.0.0.1', '--no-mdns', '--no-tls']);
    const socket = connect(host.listening.port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk: Buffer) => { response += chunk.toString(); });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('POST /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n');
    await waitFor('100 Continue', () => response.startsWith('HTTP/1.1 100 Continue'));
    host.child.kill('SIGTERM'); // the body never comes
    expect(await host.exited).toBe(0);
    await closed;
    expect(host.stderr()).toContain('shutdown grace period over');
  });

  it('advertises itself over mDNS with its contest and certificate fingerprint', async () => {
    addContest('spring-open', 'Spring Open 2026');
    const host = await serve(['--data', dataDir, '--port', '0', '--listen', '127.0.0.1']);
    expect(host.listening.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const found = (await browseArenaHosts(2000)).find((h) => h.port === host.listening.port);
    expect(found?.info).toEqual({
      contestId: 'spring-open', contestName: 'Spring Open 2026', protocolVersion: expect.any(Number) as number,
      port: host.listening.port, tls: true, tlsFingerprint: host.listening.fingerprint,
    });
    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
  });
});

describe('backup and restore', { timeout: 120_000 }, () => {
  it('round-trips through the CLI and keeps the replaced database', async () => {
    addContest('before');
    const out = join(dir, 'snapshot.db');
    const backup = await runCli(['backup', '--data', dataDir, '--out', out, '--json']);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ path: out, schemaVersion: LATEST_SCHEMA_VERSION });
    addContest('after');
    expect(contestIds()).toEqual(['after', 'before']);

    const restore = await runCli(['restore', '--data', dataDir, out, '--json']);
    expect(restore.code).toBe(0);
    const result = JSON.parse(restore.stdout) as { previousPath: string; schemaVersion: number };
    expect(result.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(contestIds()).toEqual(['before']);
    expect(existsSync(result.previousPath)).toBe(true);
  });

  it('refuses to overwrite an existing backup file or back up a data dir without a database', async () => {
    const missing = await runCli(['backup', '--data', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no Arena database in/);
    addContest('c');
    const out = join(dir, 'exists.db');
    writeFileSync(out, 'precious');
    const result = await runCli(['backup', '--data', dataDir, '--out', out]);
    expect(result.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('precious');
  });

  it.each([
    ['a newer schema version', (path: string) => {
      const db = openDatabase(path);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      db.close();
    }, /nothing was changed: .*written by a newer Arena/],
    ['a file that is not a database', (path: string) => writeFileSync(path, 'hello\n'.repeat(1000)), /nothing was changed: .* is not an Arena database/],
  ])('refuses %s and leaves the database as it was', async (_name, make, message) => {
    addContest('current');
    const candidate = join(dir, 'candidate.db');
    make(candidate);
    const result = await runCli(['restore', '--data', dataDir, candidate]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(contestIds()).toEqual(['current']);
    expect(readdirSync(dataDir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });
});
