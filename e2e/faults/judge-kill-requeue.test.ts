import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { unmountUnder } from './unmount-under';
import { ADMIN, basic, FIXTURE, judgementsAs, request, startJudge, stopJudge, submit, waitForVerdicts, type JudgeProcess } from '../contest/contest-client';

// Issue #8 item 4, "kill -9 of a judge mid-judging → job re-queued and judged elsewhere within
// 10 s, no duplicate verdict". e2e/contest/judge-host.test.ts covers the kill and the single
// verdict, starting the rescuing judge only after the kill (so its figure includes a judge's
// start-up). Here two real judges are connected and idle BEFORE the submission, the busy one
// (the one with sandboxed children) is killed, and the 10 s bound of the issue is checked.
const CONTEST = 'sample';
const REQUEUE_LIMIT_MS = 10_000;

let dir: string;
let host: HostProcess | undefined;
let baseUrl: string;
const judges: JudgeProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arena-judge-kill-'));
  chmodSync(dir, 0o711); // sandbox uids must traverse to their boxes under it
  const dataDir = join(dir, 'data');
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await spawnHost(['--data', dataDir, '--port', '0', '--listen', '127.0.0.1', '--no-mdns', '--no-tls']);
  baseUrl = host.listening.url;
  const started = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
  const judgeKey = readFileSync(join(dataDir, 'judge-key'), 'utf8').trim();
  for (const name of ['a', 'b']) {
    judges.push(startJudge(['--host', baseUrl, '--work-dir', join(dir, `judge-${name}`), '--cache-dir', join(dir, `cache-${name}`)], judgeKey));
  }
  // Both judges are up and idle: a warm-up submission gets judged.
  const warmUp = await submit(baseUrl, CONTEST, 'team2', 'hello', 'python3', { 'hello.py': 'print("Hello World!")\n' });
  expect((await waitForVerdicts(baseUrl, CONTEST, [warmUp], 90_000)).get(warmUp), judges.map((j) => j.log()).join('\n').slice(-3000)).toBe('AC');
}, 150_000);

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

/** Whether a process has children right now (a judging agent runs its sandbox as children). */
function hasChildren(pid: number): boolean {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false; // ps exits 1 when there is none
  }
}

describe('a judge killed mid-judging while another is idle', () => {
  it('the job is re-queued and judged by the other judge within 10 s, with exactly one verdict', async () => {
    // 0.7 s of sleep per test case keeps the judge busy for seconds.
    const slow = await submit(baseUrl, CONTEST, 'team3', 'hello', 'python3', { 'slow.py': 'import time\ntime.sleep(0.7)\nprint("Hello World!")\n' });
    let busy: JudgeProcess | undefined;
    const deadline = Date.now() + 60_000;
    while (!busy && Date.now() < deadline) {
      const judging = (await judgementsAs(baseUrl, CONTEST, ADMIN)).some((j) => j.submission_id === slow);
      if (judging) busy = judges.find((j) => j.child.pid !== undefined && hasChildren(j.child.pid));
      if (!busy) await new Promise((r) => setTimeout(r, 50));
    }
    expect(busy, 'a judge started judging the slow submission').toBeDefined();
    stopJudge(busy!, 'SIGKILL');
    const killedAtMs = Date.now();
    expect(await busy!.exited).toBe('SIGKILL');

    const verdicts = await waitForVerdicts(baseUrl, CONTEST, [slow], 60_000);
    const judgedAfterMs = Date.now() - killedAtMs;
    console.log(`judge kill: the killed judge's job was judged by the other judge ${judgedAfterMs} ms after the kill`);
    expect(verdicts.get(slow), judges.map((j) => j.log()).join('\n').slice(-3000)).toBe('AC');
    expect(judgedAfterMs).toBeLessThanOrEqual(REQUEUE_LIMIT_MS);

    const jury = (await judgementsAs(baseUrl, CONTEST, ADMIN)).filter((j) => j.submission_id === slow);
    expect(jury.length).toBeGreaterThanOrEqual(2); // the abandoned judgement and the rescuer's
    expect(jury.filter((j) => j.judgement_type_id !== null)).toHaveLength(1);
    const team = (await judgementsAs(baseUrl, CONTEST, basic('team3', 'team3pass'))).filter((j) => j.submission_id === slow);
    expect(team.map((j) => j.judgement_type_id)).toEqual(['AC']);
  }, 120_000);
});
