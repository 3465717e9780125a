import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, request, submit, waitForVerdicts } from '../contest/contest-client';

/**
 * `pnpm start` as a newcomer runs it: the real CLI (`start`, what the root script calls) with its
 * own data dir and a free port, the demo contest, and the local judge it picks. Checks what the
 * banner promises (console, contestant app, projector, API, accounts), that a submission is
 * judged by the local judge, and that Ctrl-C (SIGINT) stops the host AND the judge.
 */
const HOST_CLI = join(REPO, 'apps/host-server/src/main/cli.ts');

interface Started { url: string; contestId: string; console: string; app: string; scoreboard: string; judge: { sandbox: string | null } | null }

let dataDir: string;
let child: ChildProcess;
let started: Started;
let stderr = '';

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arena-start-'));
  child = spawn(process.execPath, ['--import', 'tsx', HOST_CLI, 'start', '--data', dataDir, '--port', '0', '--no-mdns', '--json'], {
    cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ARENA_LOG_LEVEL: 'warn' },
  });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  started = await new Promise<Started>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`pnpm start printed nothing in 90 s; stderr:\n${stderr}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Started);
      }
    });
    child.once('exit', (code) => reject(new Error(`start exited ${code}: ${stderr}`)));
  });
}, 120_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm start (the demo)', () => {
  it('prints the console, contestant app, projector and API URLs, and picks the native sandbox here', async () => {
    expect(started.console).toBe(`${started.url}/console`);
    expect(started.app).toBe(`${started.url}/app`);
    expect(started.scoreboard).toBe(`${started.url}/scoreboard`);
    expect(started.judge).toEqual({ sandbox: 'native' });
    for (const page of [started.console, started.app, started.scoreboard]) {
      const reply = await request(page, 'GET', '');
      expect({ page, status: reply.status }).toEqual({ page, status: 200 });
      expect(reply.text).toContain('<div id="root">');
    }
    const state = await request(started.url, 'GET', `/api/contests/${started.contestId}/state`);
    expect(state.json<{ started: string | null }>().started).not.toBeNull();
  });

  it('judges a team submission with the local judge', async () => {
    const source = readFileSync(join(REPO, 'e2e/fixtures/contests/sample/problems/hello/submissions/accepted/hello.py'), 'utf8');
    const id = await submit(started.url, started.contestId, 'team1', 'hello', 'python3', { 'hello.py': source });
    const verdicts = await waitForVerdicts(started.url, started.contestId, [id], 60_000);
    expect(verdicts.get(id)).toBe('AC');
  }, 90_000);

  it('stops the host and the judge on Ctrl-C', async () => {
    const judges = childrenOf(child.pid!);
    expect(judges.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const pid of judges) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
