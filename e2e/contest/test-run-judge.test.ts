import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type TestRunResult } from '@arena/protocol';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { ADMIN, basic, FIXTURE, request, startJudge, stopJudge, type JudgeProcess } from './contest-client';

// Test runs end to end: a host and a REAL judge agent in separate processes, the agent running the
// team's program in the native sandbox. A run on the samples is checked against the sample answer
// (default validator) with the program's output returned; a run on custom input returns the
// output; a compile error returns the compiler's output. Each result is pushed to the team's
// `/contestant` socket, and none of it ever becomes a submission or judgement.
const CONTEST = 'sample';
let dataDir: string;
let host: HostProcess | undefined;
let baseUrl: string;
let judge: JudgeProcess | undefined;
let team: Socket | undefined;
const pushes: TestRunResult[] = [];
const TEAM = basic('team1', 'team1pass');

const read = (path: string) => readFileSync(join(FIXTURE, 'problems', path), 'utf8');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arena-e2e-test-run-'));
  chmodSync(dataDir, 0o711); // sandbox uids must traverse to their boxes under it
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await spawnHost(['--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
  baseUrl = host.listening.url;
  const judgeKey = readFileSync(join(dataDir, 'judge-key'), 'utf8').trim();
  const started = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
  judge = startJudge(['--host', baseUrl, '--work-dir', join(dataDir, 'judge'), '--cache-dir', join(dataDir, 'cache')], judgeKey);

  const login = await request(baseUrl, 'POST', '/api/login', undefined, { username: 'team1', password: 'team1pass' });
  expect(login.status, login.text).toBe(200);
  const socket = connectSocket(`${baseUrl}/contestant`, {
    auth: { token: login.json<{ token: string }>().token, protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'], reconnection: false, forceNew: true,
  });
  socket.on('test-run:result', (result: TestRunResult) => pushes.push(result));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  team = socket;
}, 120_000);

afterAll(async () => {
  team?.close();
  if (judge) stopJudge(judge);
  await killHost(host);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts a test run as team1 and waits (polling its GET) until it is done or failed. */
async function testRun(problemId: string, languageId: string, files: Record<string, string>, input: string | null): Promise<TestRunResult> {
  const body = { problemId, languageId, files: Object.entries(files).map(([filename, text]) => ({ filename, text })), input };
  const created = await request(baseUrl, 'POST', `/api/arena/contests/${CONTEST}/test-runs`, TEAM, body);
  expect(created.status, created.text).toBe(202);
  const { id } = created.json<{ id: string }>();
  const deadline = Date.now() + 90_000;
  for (;;) {
    const got = await request(baseUrl, 'GET', `/api/arena/contests/${CONTEST}/test-runs/${id}`, TEAM);
    expect(got.status, got.text).toBe(200);
    const result = got.json<TestRunResult>();
    if (result.state === 'done' || result.state === 'failed') return result;
    if (Date.now() > deadline) throw new Error(`test run ${id} still ${result.state}; judge log: ${judge?.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('test runs judged by a real judge agent', () => {
  it('checks the samples, runs custom input, reports compile errors, pushes each result, and never makes a submission', async () => {
    const accepted = await testRun('hello', 'cpp', { 'hello.cpp': read('hello/submissions/accepted/hello.cpp') }, null);
    expect(accepted, judge?.log().slice(-3000)).toMatchObject({
      state: 'done', verdict: 'AC', error: null,
      cases: [{ label: 'sample 1', verdict: 'AC', input: '', output: 'Hello World!\n', expected: 'Hello World!\n' }],
    });

    const wrong = await testRun('hello', 'python3', { 'lowercase.py': read('hello/submissions/wrong_answer/lowercase.py') }, null);
    expect(wrong).toMatchObject({ state: 'done', verdict: 'WA', cases: [{ label: 'sample 1', verdict: 'WA', output: 'hello world\n' }] });

    const custom = await testRun('hello', 'python3', { 'rev.py': 'print(input()[::-1])\n' }, 'arena\n');
    expect(custom).toMatchObject({
      state: 'done', verdict: 'AC', cases: [{ label: 'custom input', verdict: 'AC', input: 'arena\n', output: 'anera\n', expected: null }],
    });

    const broken = await testRun('hello', 'cpp', { 'broken.cpp': 'int main() { return syntax error; }\n' }, 'x\n');
    expect(broken).toMatchObject({ state: 'done', verdict: 'CE', cases: [] });
    expect(broken.compileOutput).toMatch(/error/);

    // Every final state was pushed to the team's socket.
    const deadline = Date.now() + 10_000;
    while (pushes.filter((p) => p.state === 'done').length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const finals = pushes.filter((p) => p.state === 'done');
    expect(finals.map((p) => p.id).sort()).toEqual([accepted.id, wrong.id, custom.id, broken.id].sort());

    for (const path of ['submissions', 'judgements', 'runs']) {
      const listed = await request(baseUrl, 'GET', `/api/contests/${CONTEST}/${path}`, ADMIN);
      expect(listed.status).toBe(200);
      expect(listed.json<unknown[]>(), path).toEqual([]);
    }
  }, 240_000);
});
