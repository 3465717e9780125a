import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../apps/host-server/src/adapters/sqlite/database';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { ADMIN, basic, FIXTURE, request, zipBase64 } from '../contest/contest-client';

// Issue #8 item 4, "a full disk on the host → submissions refused with a clear error, nothing
// corrupted". The real host process runs with its data dir on its own small tmpfs (root mounts
// it; unmounted in afterAll even on failure). The disk is filled while the contest runs:
// submissions are refused with 507 and a message a user understands (not a crash, not a 500),
// every submission acknowledged before stays, and once space is freed the host accepts again.
const CONTEST = 'sample';
const DISK_BYTES = 24 * 1024 * 1024;

let dir: string;
let dataDir: string;
let mounted = false;
let host: HostProcess | undefined;
let baseUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arena-full-disk-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_BYTES},mode=0755`, 'tmpfs', dataDir]);
  mounted = true;
  chmodSync(dir, 0o755);
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  const config = join(dir, 'host.yaml');
  writeFileSync(config, 'submissions:\n  rateLimitPerMinute: 1000000\n  rateLimitBurst: 1000000\n  maxSourceBytes: 1048576\n');
  host = await spawnHost(['--config', config, '--data', dataDir, '--port', '0', '--listen', '127.0.0.1', '--no-mdns', '--no-tls']);
  baseUrl = host.listening.url;
  const started = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
}, 60_000);

afterAll(async () => {
  await killHost(host);
  if (mounted) {
    try {
      execFileSync('umount', [dataDir]);
    } catch {
      execFileSync('umount', ['-l', dataDir]);
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A submission whose zip does not compress: ~`bytes` of random hex in a comment. */
async function submitBig(team: string, bytes: number): Promise<{ status: number; id?: string; code?: string; message?: string; text: string }> {
  const source = `// ${randomBytes(bytes / 2).toString('hex')}\nint main() { return 0; }\n`;
  const reply = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/submissions`, basic(team, `${team}pass`),
    { problem_id: 'hello', language_id: 'cpp', files: [{ data: await zipBase64({ 'main.cpp': source }) }] });
  let parsed: { id?: string; code?: string; message?: string } = {};
  try {
    parsed = reply.json();
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: reply.status, text: reply.text, ...parsed };
}

/** Writes filler files until the file system says ENOSPC; returns their paths. */
function fillDisk(): string[] {
  const files: string[] = [];
  for (const chunkBytes of [1 << 20, 1 << 12, 1 << 9]) {
    const path = join(dataDir, `filler-${chunkBytes}`);
    files.push(path);
    const fd = openSync(path, 'w');
    const chunk = Buffer.alloc(chunkBytes, 0x5a);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    } finally {
      closeSync(fd);
    }
  }
  return files;
}

describe('a full disk on the host', () => {
  it('refuses submissions with a clear 507, keeps what was acknowledged, accepts again once space is freed', async () => {
    const acknowledged: string[] = [];
    for (const team of ['team1', 'team2', 'team3']) {
      const ok = await submitBig(team, 32 * 1024);
      expect(ok.status, ok.text).toBe(200);
      acknowledged.push(ok.id!);
    }

    const fillers = fillDisk();
    const refusals: Array<{ status: number; code?: string; message?: string; text: string }> = [];
    // The WAL may still have room for a few; keep submitting until the disk refuses (bounded).
    for (let i = 0; i < 40 && refusals.length < 5; i++) {
      const reply = await submitBig(`team${(i % 3) + 1}`, 64 * 1024);
      if (reply.status === 200) acknowledged.push(reply.id!);
      else refusals.push(reply);
    }
    console.log(`full disk: ${acknowledged.length} acknowledged in total, ${refusals.length} refused; first refusal: ${refusals[0]?.status} ${refusals[0]?.message}`);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) {
      expect({ status: refusal.status, code: refusal.code }, refusal.text).toEqual({ status: 507, code: 'storage_full' });
      expect(refusal.message).toMatch(/disk is full/);
      expect(refusal.text).not.toMatch(/SQLITE|at .*\.ts:\d+|stack/i);
    }
    expect(host!.child.exitCode, host!.stderr().slice(-2000)).toBeNull();
    // Reads keep working while the disk is full.
    const whileFull = await request(baseUrl, 'GET', `/api/contests/${CONTEST}/submissions`, ADMIN);
    expect(whileFull.status).toBe(200);

    for (const file of fillers) rmSync(file, { force: true });
    const after = await submitBig('team1', 32 * 1024);
    expect(after.status, after.text).toBe(200);
    acknowledged.push(after.id!);

    const listed = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/submissions`, ADMIN)).json<Array<{ id: string }>>();
    const served = new Set(listed.map((s) => s.id));
    expect(acknowledged.filter((id) => !served.has(id))).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);

    // Stop the host cleanly and check the database file itself.
    host!.child.kill('SIGTERM');
    expect(await host!.exited).toBe(0);
    const db = openDatabase(join(dataDir, 'arena.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = db.prepare('SELECT COUNT(*) AS n FROM submissions WHERE contest_id = ?').get(CONTEST) as { n: number };
      expect(stored.n).toBe(acknowledged.length);
    } finally {
      db.close();
    }
  }, 120_000);
});
