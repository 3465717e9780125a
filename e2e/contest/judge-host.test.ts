import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';

// A host and real judge agents as separate processes, talking over real HTTP and socket.io, the
// agents judging in the real native sandbox. Covers the whole path of a submission: POST →
// commit → queue → lease → sandbox → verdict → team-visible judgement; and a judge killed
// mid-judging (kill -9): its job is re-queued, judged by another agent, with one verdict.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(REPO, 'e2e/fixtures/contests/sample');
const JUDGE_CLI = join(REPO, 'apps/judge-agent/src/main/cli.ts');

let dataDir: string;
let host: HostProcess | undefined;
let baseUrl: string;
const judges: ChildProcess[] = [];
let judgeLog = '';
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const ADMIN = basic('admin', 'adminpass');

function startJudge(name: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', JUDGE_CLI, 'serve', '--host', baseUrl, '--work-dir', join(dataDir, `judge-${name}`), '--cache-dir', join(dataDir, `cache-${name}`)], {
    cwd: REPO, env: { ...process.env, ARENA_JUDGE_KEY: readFileSync(join(dataDir, 'judge-key'), 'utf8').trim(), ARENA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => { judgeLog += chunk.toString(); });
  judges.push(child);
  return child;
}

async function zipBase64(files: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('base64');
}

async function submit(team: string, problem: string, language: string, files: Record<string, string>): Promise<string> {
  const res = await fetch(`${baseUrl}/api/contests/sample/submissions`, {
    method: 'POST',
    headers: { authorization: basic(team, `${team}pass`), 'content-type': 'application/json' },
    body: JSON.stringify({ problem_id: problem, language_id: language, files: [{ data: await zipBase64(files) }] }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

interface Judgement { id: string; submission_id: string; judgement_type_id: string | null }
async function judgementsAs(auth: string): Promise<Judgement[]> {
  const res = await fetch(`${baseUrl}/api/contests/sample/judgements`, { headers: { authorization: auth } });
  expect(res.status).toBe(200);
  return (await res.json()) as Judgement[];
}

async function waitForVerdicts(ids: string[], timeoutMs: number): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const verdicts = new Map((await judgementsAs(ADMIN)).filter((j) => j.judgement_type_id).map((j) => [j.submission_id, j.judgement_type_id!]));
    if (ids.every((id) => verdicts.has(id)) || Date.now() > deadline) return verdicts;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const read = (path: string) => readFileSync(join(FIXTURE, 'problems', path), 'utf8');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arena-e2e-judge-'));
  chmodSync(dataDir, 0o711); // sandbox uids must traverse to their boxes under it
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await spawnHost(['--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
  baseUrl = host.listening.url;
  const started = await fetch(`${baseUrl}/api/contests/sample/clock`, {
    method: 'POST', headers: { authorization: ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'start' }),
  });
  expect(started.status, await started.clone().text()).toBe(200);
}, 120_000);

afterAll(async () => {
  for (const judge of judges) if (judge.exitCode === null && judge.signalCode === null) judge.kill('SIGKILL');
  await killHost(host);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a host and a judge agent in separate processes', () => {
  it('judges AC, WA, CE, TLE and an interactive problem, and shows each team only its own verdicts', async () => {
    startJudge('a');
    const ac = await submit('team1', 'hello', 'cpp', { 'hello.cpp': read('hello/submissions/accepted/hello.cpp') });
    const wa = await submit('team2', 'hello', 'python3', { 'lowercase.py': read('hello/submissions/wrong_answer/lowercase.py') });
    const ce = await submit('team1', 'hello', 'cpp', { 'broken.cpp': 'int main() { return syntax error; }\n' });
    const tle = await submit('team2', 'hello', 'python3', { 'spin.py': 'while True:\n    pass\n' });
    const interactive = await submit('team3', 'guess', 'python3', { 'binary_search.py': read('guess/submissions/accepted/binary_search.py') });

    const verdicts = await waitForVerdicts([ac, wa, ce, tle, interactive], 120_000);
    expect(Object.fromEntries(verdicts), judgeLog.slice(-3000)).toMatchObject({ [ac]: 'AC', [wa]: 'WA', [ce]: 'CE', [tle]: 'TLE', [interactive]: 'AC' });

    const team1Sees = (await judgementsAs(basic('team1', 'team1pass'))).map((j) => j.submission_id).sort();
    expect(team1Sees).toEqual([ac, ce].sort());
  }, 180_000);

  it('re-queues the job of a judge killed mid-judging and another judge gives it exactly one verdict', async () => {
    for (const judge of judges) judge.kill('SIGTERM');
    const victim = startJudge('victim');
    // A slow but correct submission: 0.7 s of sleep per test case keeps the judge busy for seconds.
    const slow = await submit('team3', 'hello', 'python3', { 'slow.py': 'import time\ntime.sleep(0.7)\nprint("Hello World!")\n' });
    const deadline = Date.now() + 60_000;
    while (!(await judgementsAs(ADMIN)).some((j) => j.submission_id === slow) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    victim.kill('SIGKILL');
    const killedAt = Date.now();
    startJudge('rescuer');
    const verdicts = await waitForVerdicts([slow], 60_000);
    expect(verdicts.get(slow)).toBeDefined();
    const rejudgedWithinMs = Date.now() - killedAt;
    expect(rejudgedWithinMs).toBeLessThan(60_000);
    console.log(`killed judge's job judged by another agent ${rejudgedWithinMs} ms after the kill`);
    // The jury sees the victim's abandoned judgement and the rescuer's: the kill did land mid-judging.
    const juryForSlow = (await judgementsAs(ADMIN)).filter((j) => j.submission_id === slow);
    expect(juryForSlow.length).toBeGreaterThanOrEqual(2);
    expect(juryForSlow.filter((j) => j.judgement_type_id !== null)).toHaveLength(1);
    const forSlow = (await judgementsAs(basic('team3', 'team3pass'))).filter((j) => j.submission_id === slow);
    expect(forSlow).toHaveLength(1);
    expect(forSlow[0]!.judgement_type_id).toBe('AC');
  }, 180_000);
});
