import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { ADMIN, basic, FIXTURE, judgementsAs, request, startJudge, stopJudge, submit, waitForVerdicts, type JudgeProcess } from './contest-client';

// A host and real judge agents as separate processes, talking over real HTTP and socket.io, the
// agents judging in the real native sandbox. Covers the whole path of a submission: POST →
// commit → queue → lease → sandbox → verdict → team-visible judgement; and a judge killed
// mid-judging (kill -9): its job is re-queued, judged by another agent, with one verdict.
const CONTEST = 'sample';
let dataDir: string;
let host: HostProcess | undefined;
let baseUrl: string;
let judgeKey: string;
const judges: JudgeProcess[] = [];

function judge(name: string): JudgeProcess {
  const started = startJudge(['--host', baseUrl, '--work-dir', join(dataDir, `judge-${name}`), '--cache-dir', join(dataDir, `cache-${name}`)], judgeKey);
  judges.push(started);
  return started;
}

const read = (path: string) => readFileSync(join(FIXTURE, 'problems', path), 'utf8');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arena-e2e-judge-'));
  chmodSync(dataDir, 0o711); // sandbox uids must traverse to their boxes under it
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await spawnHost(['--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
  baseUrl = host.listening.url;
  judgeKey = readFileSync(join(dataDir, 'judge-key'), 'utf8').trim();
  const started = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
}, 120_000);

afterAll(async () => {
  for (const j of judges) stopJudge(j);
  await killHost(host);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a host and a judge agent in separate processes', () => {
  it('judges AC, WA, CE, TLE and an interactive problem, and shows each team only its own verdicts', async () => {
    const agent = judge('a');
    const ac = await submit(baseUrl, CONTEST, 'team1', 'hello', 'cpp', { 'hello.cpp': read('hello/submissions/accepted/hello.cpp') });
    const wa = await submit(baseUrl, CONTEST, 'team2', 'hello', 'python3', { 'lowercase.py': read('hello/submissions/wrong_answer/lowercase.py') });
    const ce = await submit(baseUrl, CONTEST, 'team1', 'hello', 'cpp', { 'broken.cpp': 'int main() { return syntax error; }\n' });
    const tle = await submit(baseUrl, CONTEST, 'team2', 'hello', 'python3', { 'spin.py': 'while True:\n    pass\n' });
    const interactive = await submit(baseUrl, CONTEST, 'team3', 'guess', 'python3', { 'binary_search.py': read('guess/submissions/accepted/binary_search.py') });

    const verdicts = await waitForVerdicts(baseUrl, CONTEST, [ac, wa, ce, tle, interactive], 120_000);
    expect(Object.fromEntries(verdicts), agent.log().slice(-3000)).toMatchObject({ [ac]: 'AC', [wa]: 'WA', [ce]: 'CE', [tle]: 'TLE', [interactive]: 'AC' });

    const team1Sees = (await judgementsAs(baseUrl, CONTEST, basic('team1', 'team1pass'))).map((j) => j.submission_id).sort();
    expect(team1Sees).toEqual([ac, ce].sort());
  }, 180_000);

  it('re-queues the job of a judge killed mid-judging and another judge gives it exactly one verdict', async () => {
    for (const j of judges) stopJudge(j, 'SIGTERM');
    const victim = judge('victim');
    // A slow but correct submission: 0.7 s of sleep per test case keeps the judge busy for seconds.
    const slow = await submit(baseUrl, CONTEST, 'team3', 'hello', 'python3', { 'slow.py': 'import time\ntime.sleep(0.7)\nprint("Hello World!")\n' });
    const deadline = Date.now() + 60_000;
    while (!(await judgementsAs(baseUrl, CONTEST, ADMIN)).some((j) => j.submission_id === slow) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    stopJudge(victim, 'SIGKILL');
    const killedAt = Date.now();
    judge('rescuer');
    const verdicts = await waitForVerdicts(baseUrl, CONTEST, [slow], 60_000);
    expect(verdicts.get(slow)).toBeDefined();
    console.log(`killed judge's job judged by another agent ${Date.now() - killedAt} ms after the kill`);
    // The jury sees the victim's abandoned judgement and the rescuer's: the kill did land mid-judging.
    const juryForSlow = (await judgementsAs(baseUrl, CONTEST, ADMIN)).filter((j) => j.submission_id === slow);
    expect(juryForSlow.length).toBeGreaterThanOrEqual(2);
    expect(juryForSlow.filter((j) => j.judgement_type_id !== null)).toHaveLength(1);
    const forSlow = (await judgementsAs(baseUrl, CONTEST, basic('team3', 'team3pass'))).filter((j) => j.submission_id === slow);
    expect(forSlow).toHaveLength(1);
    expect(forSlow[0]!.judgement_type_id).toBe('AC');
  }, 180_000);
});
