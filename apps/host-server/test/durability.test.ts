import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, killHost, runCli, spawnHost, type HostProcess } from './ops-support';

/**
 * DESIGN.md: "An acknowledged submission is never lost, even on kill -9". The real host process
 * takes a storm of concurrent submissions, is SIGKILLed in the middle of it, and restarted on the
 * same data dir; every submission it had acknowledged must be there, with its event.
 */
const FIXTURE = join(REPO_ROOT, 'e2e', 'fixtures', 'contests', 'sample');
const CONTEST = 'sample';
const TEAMS = ['team1', 'team2', 'team3'];
/** Concurrent submitters: at the kill, most of them have a request in flight. */
const CONCURRENCY = 12;
/** The host is killed when this many submissions have been acknowledged. */
const KILL_AFTER_ACKS = 60;

let dir: string;
let dataDir: string;
const hosts: HostProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-durability-'));
  dataDir = join(dir, 'data');
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await killHost(host);
  rmSync(dir, { recursive: true, force: true });
});

async function serve(configPath: string): Promise<HostProcess> {
  const host = await spawnHost(['--config', configPath, '--data', dataDir, '--port', '0', '--listen', '127.0.0.1', '--no-mdns', '--no-tls']);
  hosts.push(host);
  return host;
}

async function api<T>(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function login(base: string, username: string, password: string): Promise<string> {
  const result = await api<{ token: string }>(`${base}/api/login`, { body: { username, password, contest_id: CONTEST } });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body.token;
}

function zipBase64(name: string, content: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(content, name);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks).toString('base64')));
    zip.outputStream.on('error', reject);
  });
}

describe('durability', { timeout: 240_000 }, () => {
  it('keeps every acknowledged submission and its event across kill -9 in the middle of a submission storm', async () => {
    const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);

    const configPath = join(dir, 'host.yaml');
    writeFileSync(configPath, 'submissions:\n  rateLimitPerMinute: 1000000\n  rateLimitBurst: 1000000\n');
    const first = await serve(configPath);
    const base = first.listening.url;

    const admin = await login(base, 'admin', 'adminpass');
    const started = await api(`${base}/api/contests/${CONTEST}/clock`, { token: admin, body: { action: 'start' } });
    expect(started.status, JSON.stringify(started.body)).toBe(200);

    const tokens = await Promise.all(TEAMS.map((team) => login(base, team, `${team}pass`)));
    const source = readFileSync(join(FIXTURE, 'problems', 'hello', 'submissions', 'accepted', 'hello.cpp'));
    const body = { problem_id: 'hello', language_id: 'cpp', files: [{ data: await zipBase64('hello.cpp', source), mime: 'application/zip' }] };

    // The storm: every worker submits in a loop; the host is killed once KILL_AFTER_ACKS are acknowledged.
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let failedAfterKill = 0;
    let killed = false;
    const worker = async (index: number): Promise<void> => {
      const token = tokens[index % tokens.length] as string;
      for (;;) {
        let result: { status: number; body: { id?: string; code?: string; message?: string } };
        try {
          result = await api(`${base}/api/contests/${CONTEST}/submissions`, { token, body });
        } catch {
          if (killed) failedAfterKill += 1;
          return; // the host is gone: this request was never acknowledged
        }
        if (result.status !== 200 || typeof result.body.id !== 'string') {
          refused.push(`${result.status} ${result.body.code}: ${result.body.message}`);
          return;
        }
        acknowledged.push(result.body.id);
        if (acknowledged.length >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(i)));
    expect(refused).toEqual([]);
    expect(killed).toBe(true);
    expect(await first.exited).toBe('SIGKILL');
    expect(failedAfterKill).toBeGreaterThan(0); // the kill did cut requests in flight
    expect(new Set(acknowledged).size).toBe(acknowledged.length);

    // Restart on the same data dir (the stale pid file of the killed host must not block it).
    const second = await serve(configPath);
    const jury = await login(second.listening.url, 'admin', 'adminpass');
    const listed = await api<Array<{ id: string }>>(`${second.listening.url}/api/contests/${CONTEST}/submissions`, { token: jury });
    expect(listed.status).toBe(200);
    const served = new Set(listed.body.map((s) => s.id));
    expect(acknowledged.filter((id) => !served.has(id))).toEqual([]);

    // And each one has its `submissions` event in the event log.
    const db = new Database(join(dataDir, 'arena.db'), { readonly: true });
    try {
      const withEvent = new Set((db.prepare("SELECT object_id FROM events WHERE contest_id = ? AND type = 'submissions'").all(CONTEST) as Array<{ object_id: string }>)
        .map((r) => r.object_id));
      expect(acknowledged.filter((id) => !withEvent.has(id))).toEqual([]);
      // ... and its source bytes, committed with it (not in a separately fsynced file).
      const zips = new Map((db.prepare(`SELECT s.id, z.bytes FROM submissions s
        LEFT JOIN submission_zips z ON z.sha256 = s.zip_sha256 WHERE s.contest_id = ?`).all(CONTEST) as Array<{ id: string; bytes: Buffer | null }>)
        .map((r) => [r.id, r.bytes]));
      const submittedZip = Buffer.from(body.files[0]!.data, 'base64');
      expect(acknowledged.filter((id) => !zips.get(id)?.equals(submittedZip))).toEqual([]);
    } finally {
      db.close();
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
