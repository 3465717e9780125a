import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { unmountUnder } from './unmount-under';
import { ADMIN, FIXTURE, request, startWrappedJudge, stopJudge, submit, waitForVerdicts, type JudgeProcess } from '../contest/contest-client';

// Issue #8 item 4, "a judge with a clock 10 minutes off → no effect on contest times": a real
// judge agent (real sandbox) runs under libfaketime (`faketime`, Debian package faketime) 10
// minutes behind and then 10 minutes ahead of the host. It still judges, and every time the
// API shows (submission time, judgement start/end, contest state) is the host's.
const CONTEST = 'sample';
const SKEW_MINUTES = 10;
/** How far an API time may be from the host clock as this test saw it (request and scheduling latency). */
const SLACK_MS = 60_000;

interface ApiSubmission { id: string; time: string; contest_time: string }
interface ApiJudgement { id: string; submission_id: string; start_time: string; end_time: string | null; judgement_type_id: string | null }
interface ApiState { started: string | null; ended: string | null; frozen: string | null; end_of_updates: string | null }

let dir: string;
let host: HostProcess | undefined;
let baseUrl: string;
let judgeKey: string;
let stateAtStart: ApiState;
const judges: JudgeProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arena-judge-skew-'));
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
    unmountUnder(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function expectHostTime(iso: string | null | undefined, fromMs: number, toMs: number, what: string): void {
  expect(iso, what).toBeTruthy();
  const ms = Date.parse(iso!);
  expect(ms, `${what} ${iso} is not within the host's [${new Date(fromMs).toISOString()}, ${new Date(toMs).toISOString()}]`)
    .toBeGreaterThanOrEqual(fromMs - SLACK_MS);
  expect(ms, `${what} ${iso}`).toBeLessThanOrEqual(toMs + SLACK_MS);
}

describe('a judge whose clock is 10 minutes off', () => {
  it.each([
    ['behind', `-${SKEW_MINUTES}m`],
    ['ahead', `+${SKEW_MINUTES}m`],
  ])('%s: judges normally and every time in the API is the host\'s', async (name, offset) => {
    for (const j of judges) {
      stopJudge(j, 'SIGTERM');
      await j.exited; // the other judge must not take this submission
    }
    // The wrapper really moves the clock of a node process here.
    const skewedNowMs = Number(execFileSync('faketime', ['-f', offset, process.execPath, '-e', 'console.log(Date.now())'], { encoding: 'utf8' }).trim());
    expect(Math.abs(Math.abs(skewedNowMs - Date.now()) - SKEW_MINUTES * 60_000)).toBeLessThan(30_000);
    const judge = startWrappedJudge(['faketime', '-f', offset],
      ['--host', baseUrl, '--work-dir', join(dir, `judge-${name}`), '--cache-dir', join(dir, `cache-${name}`)], judgeKey);
    judges.push(judge);

    const submittedFromMs = Date.now();
    const id = await submit(baseUrl, CONTEST, 'team1', 'hello', 'python3', { 'hello.py': 'print("Hello World!")\n' });
    const submittedToMs = Date.now();
    const verdicts = await waitForVerdicts(baseUrl, CONTEST, [id], 90_000);
    const judgedToMs = Date.now();
    expect(verdicts.get(id), judge.log().slice(-3000)).toBe('AC');

    const submission = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/submissions/${id}`, ADMIN)).json<ApiSubmission>();
    expectHostTime(submission.time, submittedFromMs, submittedToMs, 'submission time');
    const judgement = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/judgements`, ADMIN)).json<ApiJudgement[]>()
      .find((j) => j.submission_id === id && j.judgement_type_id !== null)!;
    expectHostTime(judgement.start_time, submittedFromMs, judgedToMs, 'judgement start_time');
    expectHostTime(judgement.end_time, submittedFromMs, judgedToMs, 'judgement end_time');
    expect(Date.parse(judgement.end_time!)).toBeGreaterThanOrEqual(Date.parse(judgement.start_time));
    console.log(`judge ${name} by ${SKEW_MINUTES} min: AC in ${judgedToMs - submittedFromMs} ms; judgement ${judgement.start_time} .. ${judgement.end_time}, host now ${new Date().toISOString()}`);

    // Contest state: still running, unfrozen, same start as before any judge connected.
    const state = (await request(baseUrl, 'GET', `/api/contests/${CONTEST}/state`)).json<ApiState>();
    expect(state).toEqual(stateAtStart);
    expect(state.ended).toBeNull();
  }, 150_000);
});
