import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { unmountUnder } from './unmount-under';
import {
  ADMIN, basic, FIXTURE, judgementsAs, request, startJudgeWithEnv, stopJudge, submit, waitForVerdicts, type JudgeProcess,
} from '../contest/contest-client';

// Issue #8 item 4, the judge faults, with one host and real judge agents (real sandbox):
// - "a judge with a clock 10 minutes off → no effect on contest times": agents run with
//   libfaketime preloaded (Debian package faketime) 10 minutes behind and 10 minutes ahead of
//   the host; they judge, and every time the API shows is the host's.
// - "kill -9 of a judge mid-judging → job re-queued and judged elsewhere within 10 s, no
//   duplicate verdict": with two agents connected and idle, the one judging is killed.
//   (e2e/contest/judge-host.test.ts covers the kill with a judge started only after it, so its
//   figure includes a start-up; here the 10 s bound of the issue is checked.)
const CONTEST = 'sample';
const SKEW_MINUTES = 10;
const BEHIND = `-${SKEW_MINUTES}m`;
const AHEAD = `+${SKEW_MINUTES}m`;
/** How far an API time may be from the host clock as this test saw it (request and scheduling latency). */
const SLACK_MS = 60_000;
const REQUEUE_LIMIT_MS = 10_000;
/** Preloaded into the agent itself (the `faketime` command would fork, and a kill would miss the agent). */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const ACCEPTED = { 'hello.py': 'print("Hello World!")\n' };

interface ApiSubmission { id: string; time: string }
interface ApiJudgement { id: string; submission_id: string; start_time: string; end_time: string | null; judgement_type_id: string | null }
interface ApiState { started: string | null; ended: string | null; frozen: string | null; end_of_updates: string | null }

let dir: string;
let host: HostProcess | undefined;
let baseUrl: string;
let judgeKey: string;
let stateAtStart: ApiState;
const judges: JudgeProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arena-judge-faults-'));
  chmodSync(dir, 0o711); // sandbox uids must traverse to their boxes under it
  const dataDir = join(dir, 'data');
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await spawnHost(['--data', dataDir, '--port', '0', '--listen', '127.0.0.1', '--no-mdns', '--no-tls']);
  baseUrl = host.listening.url;
  judgeKey = readFileSync(join(dataDir, 'judge-key'), 'utf8').trim();
  const started = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
  stateAtStart = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/state`)).json<ApiState>();
}, 60_000);

afterAll(async () => {
  for (const j of judges) {
    stopJudge(j, 'SIGTERM');
    await j.exited;
  }
  await killHost(host);
  if (dir) {
    unmountUnder(dir); // boxes of a SIGKILLed agent stay mounted
    rmSync(dir, { recursive: true, force: true });
  }
});

function judge(name: string, env: Record<string, string>): JudgeProcess {
  const started = startJudgeWithEnv(env, ['--host', baseUrl, '--work-dir', join(dir, `judge-${name}`), '--cache-dir', join(dir, `cache-${name}`)], judgeKey);
  judges.push(started);
  return started;
}

async function stopAllJudges(): Promise<void> {
  for (const j of judges) {
    stopJudge(j, 'SIGTERM');
    await j.exited;
  }
}

function expectHostTime(iso: string | null | undefined, fromMs: number, toMs: number, what: string): void {
  expect(iso, what).toBeTruthy();
  const ms = Date.parse(iso!);
  const window = `[${new Date(fromMs).toISOString()}, ${new Date(toMs).toISOString()}]`;
  expect(ms, `${what} ${iso} is not within the host's ${window}`).toBeGreaterThanOrEqual(fromMs - SLACK_MS);
  expect(ms, `${what} ${iso} is not within the host's ${window}`).toBeLessThanOrEqual(toMs + SLACK_MS);
}

/** Checks the API's times of submission `id` (judged between the two host instants) and the contest state. */
async function expectHostTimes(id: string, submittedFromMs: number, submittedToMs: number, judgedToMs: number): Promise<ApiJudgement> {
  const submission = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/submissions/${id}`, ADMIN)).json<ApiSubmission>();
  expectHostTime(submission.time, submittedFromMs, submittedToMs, 'submission time');
  const judgement = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/judgements`, ADMIN)).json<ApiJudgement[]>()
    .find((j) => j.submission_id === id && j.judgement_type_id !== null)!;
  expectHostTime(judgement.start_time, submittedFromMs, judgedToMs, 'judgement start_time');
  expectHostTime(judgement.end_time, submittedFromMs, judgedToMs, 'judgement end_time');
  expect(Date.parse(judgement.end_time!)).toBeGreaterThanOrEqual(Date.parse(judgement.start_time));
  // Contest state: still running, unfrozen, the same start as before any judge connected.
  expect((await request(baseUrl, 'GET', `/api/contests/${CONTEST}/state`)).json<ApiState>()).toEqual(stateAtStart);
  return judgement;
}

/** Whether an agent has sandbox children right now (it is judging); tsx's esbuild service does not count. */
function hasChildren(pid: number): boolean {
  try {
    const commands = execFileSync('ps', ['--ppid', String(pid), '-o', 'comm='], { encoding: 'utf8' }).split('\n').map((c) => c.trim());
    return commands.some((c) => c !== '' && c !== 'esbuild');
  } catch {
    return false; // ps exits 1 when there is none
  }
}

describe('a judge whose clock is 10 minutes off', () => {
  it.each([
    ['behind', BEHIND],
    ['ahead', AHEAD],
  ])('%s: judges normally and every time in the API is the host\'s', async (name, offset) => {
    await stopAllJudges(); // the only judge connected is the skewed one
    // The wrapper really moves the clock of a node process here.
    const skewedNowMs = Number(execFileSync(process.execPath, ['-e', 'console.log(Date.now())'],
      { encoding: 'utf8', env: { ...process.env, LD_PRELOAD: LIBFAKETIME, FAKETIME: offset } }).trim());
    expect(Math.abs(Math.abs(skewedNowMs - Date.now()) - SKEW_MINUTES * 60_000)).toBeLessThan(30_000);
    const skewed = judge(name, { LD_PRELOAD: LIBFAKETIME, FAKETIME: offset });

    const submittedFromMs = Date.now();
    const id = await submit(baseUrl, CONTEST, 'team1', 'hello', 'python3', ACCEPTED);
    const submittedToMs = Date.now();
    const verdicts = await waitForVerdicts(baseUrl, CONTEST, [id], 90_000);
    const judgedToMs = Date.now();
    expect(verdicts.get(id), skewed.log().slice(-3000)).toBe('AC');
    const judgement = await expectHostTimes(id, submittedFromMs, submittedToMs, judgedToMs);
    console.log(`judge ${name} by ${SKEW_MINUTES} min: AC ${judgedToMs - submittedFromMs} ms after submitting; judgement ${judgement.start_time} .. ${judgement.end_time}, host now ${new Date().toISOString()}`);
  }, 150_000);
});

describe('a judge killed mid-judging while another is idle', () => {
  it('the job is re-queued and judged by the other judge within 10 s, with exactly one verdict, in host times', async () => {
    // Two judges with the host's clock (an agent under libfaketime was seen to pick a re-queued
    // job up only on its 5 s idle poll, not on the host's nudge), both connected and idle.
    await stopAllJudges();
    const alive = [judge('a', {}), judge('b', {})];
    const warmUp = await submit(baseUrl, CONTEST, 'team2', 'hello', 'python3', ACCEPTED);
    expect((await waitForVerdicts(baseUrl, CONTEST, [warmUp], 90_000)).get(warmUp), alive.map((j) => j.log()).join('\n').slice(-3000)).toBe('AC');

    // 0.7 s of sleep per test case keeps the judge busy for seconds.
    const submittedFromMs = Date.now();
    const slow = await submit(baseUrl, CONTEST, 'team3', 'hello', 'python3', { 'slow.py': 'import time\ntime.sleep(0.7)\nprint("Hello World!")\n' });
    const submittedToMs = Date.now();
    let busy: JudgeProcess | undefined;
    const deadline = Date.now() + 60_000;
    while (!busy && Date.now() < deadline) {
      const judging = (await judgementsAs(baseUrl, CONTEST, ADMIN)).some((j) => j.submission_id === slow);
      if (judging) busy = alive.find((j) => j.child.pid !== undefined && hasChildren(j.child.pid));
      if (!busy) await new Promise((r) => setTimeout(r, 50));
    }
    expect(busy, 'a judge started judging the slow submission').toBeDefined();
    stopJudge(busy!, 'SIGKILL');
    const killedAtMs = Date.now();
    expect(await busy!.exited).toBe('SIGKILL');

    const verdicts = await waitForVerdicts(baseUrl, CONTEST, [slow], 60_000);
    const judgedAtMs = Date.now();
    console.log(`judge kill: the killed judge's job was judged by the other judge ${judgedAtMs - killedAtMs} ms after the kill`);
    expect(verdicts.get(slow), alive.map((j) => j.log()).join('\n').slice(-3000)).toBe('AC');
    expect(judgedAtMs - killedAtMs).toBeLessThanOrEqual(REQUEUE_LIMIT_MS);
    await expectHostTimes(slow, submittedFromMs, submittedToMs, judgedAtMs);

    const jury = (await judgementsAs(baseUrl, CONTEST, ADMIN)).filter((j) => j.submission_id === slow);
    expect(jury.length).toBeGreaterThanOrEqual(2); // the abandoned judgement and the rescuer's
    expect(jury.filter((j) => j.judgement_type_id !== null)).toHaveLength(1);
    const team = (await judgementsAs(baseUrl, CONTEST, basic('team3', 'team3pass'))).filter((j) => j.submission_id === slow);
    expect(team.map((j) => j.judgement_type_id)).toEqual(['AC']);
  }, 150_000);
});
