import type { JudgeJob, TestRunResult } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, TEST_T0, type ApiTestHost } from '../helpers/api-host';
import { ask, connectAgent } from '../helpers/judge-seed';
import { authOf, connectRecorder, loginToken, settle, submit, until, versioned, type Recorder } from '../realtime-test-support';
import { HOUR, postTestRun, startTestRun, startTestRunHost, visibleTables } from './test-run-support';

type Offer = { job: JudgeJob | null };

let h: ApiTestHost;
let agent: Socket;
const closers: Array<() => void> = [];
beforeEach(async () => {
  h = await startTestRunHost();
  agent = await connectAgent(h.url, { agentId: 'judge-1' });
  closers.push(() => agent.close());
});
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await h.close();
});

const C = () => h.seed.contestId;
const getRun = (rid: string, user: string | null) =>
  call<TestRunResult & { code?: string }>(h.url, 'GET', `/api/arena/contests/${C()}/test-runs/${rid}`, user === null ? {} : { auth: authOf(user) });
const queueRow = (id: string) => h.ctx.store.db.prepare('SELECT kind, state, priority, attempts, last_error AS lastError FROM judge_queue WHERE submission_id = ?').get(id);
const caseOf = (leaseId: string, testcaseId: string, output: string, verdict = 'AC') =>
  ({ leaseId, testcaseId, ordinal: 1, verdict, cpuTimeMs: 12, wallTimeMs: 20, memoryBytes: 1_000_000, output });

async function team(teamId: string): Promise<Recorder> {
  const recorder = await connectRecorder(h.url, '/contestant', versioned({ token: await loginToken(h, teamId) }));
  closers.push(() => recorder.close());
  return recorder;
}

describe('a custom-input test run', () => {
  it('is queued without any event, judged by an agent, stored with its output and pushed to its team only', async () => {
    const team1 = await team('team1');
    const team2 = await team('team2');
    const before = visibleTables(h);
    const rid = await startTestRun(h, 'team1', '40 2\n');
    expect(rid).toMatch(/^tr-/);
    expect(queueRow(rid)).toEqual({ kind: 'test-run', state: 'queued', priority: 1, attempts: 0, lastError: null });
    expect(visibleTables(h)).toEqual(before);
    expect((await getRun(rid, 'team1')).body).toMatchObject({ id: rid, state: 'queued', verdict: null, cases: [], error: null });

    const job = (await ask<Offer>(agent, 'job:request')).job!;
    expect(job).toMatchObject({ kind: 'test-run', submissionId: rid, problemId: 'hello', languageId: 'cpp', customInput: '40 2\n', testcases: [] });
    expect(job.source).toEqual([{ path: 'main.cpp', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    // The judge can fetch the source by its hash, byte for byte.
    const file = await fetch(`${h.url}/judge/files/${job.source[0]!.sha256}`, { headers: { 'x-judge-key': 'test-judge-key-0123456789abcdef' } });
    expect(await file.text()).toContain('std::printf');
    expect((await getRun(rid, 'team1')).body.state).toBe('judging');

    expect(await ask(agent, 'job:testcase', caseOf(job.leaseId, 'custom', '42\n'))).toEqual({ ok: true });
    expect(await ask(agent, 'job:result', { leaseId: job.leaseId, verdict: 'AC', compileOutput: 'main.cpp: warning', maxCpuTimeMs: 12 })).toEqual({ ok: true });

    const done = await getRun(rid, 'team1');
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      id: rid, problemId: 'hello', languageId: 'cpp', state: 'done', verdict: 'AC', compileOutput: 'main.cpp: warning', error: null,
      createdMs: TEST_T0 + 10 * 60_000,
      cases: [{ label: 'custom input', verdict: 'AC', cpuTimeMs: 12, input: '40 2\n', output: '42\n', expected: null }],
    });
    const pushes = await until(() => {
      const got = team1.of<TestRunResult>('test-run:result');
      return got.at(-1)?.state === 'done' ? got : undefined;
    }, 'the done push');
    expect(pushes.map((p) => p.state)).toEqual(expect.arrayContaining(['queued', 'judging', 'done']));
    expect(pushes.at(-1)).toEqual(done.body);
    await settle(200);
    expect(team2.of('test-run:result')).toEqual([]);
    // Nothing a submission would leave behind: no event, submission, judgement or run.
    expect(visibleTables(h)).toEqual(before);
    expect(queueRow(rid)).toMatchObject({ state: 'done' });
  });

  it('is readable by its own team and the jury only', async () => {
    const rid = await startTestRun(h, 'team1');
    expect((await getRun(rid, 'team1')).status).toBe(200);
    expect((await getRun(rid, 'jury')).status).toBe(200);
    const other = await getRun(rid, 'team2');
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('not_found');
    expect((await getRun('tr-nope', 'team1')).status).toBe(404);
    expect((await getRun(rid, null)).status).toBe(401);
    expect((await call(h.url, 'GET', `/api/arena/contests/${C()}/test-runs/${rid}`, { auth: 'Bearer forged' })).status).toBe(401);
  });
});

describe('a test run on the samples', () => {
  it('gets only the sample test cases, every one run, with input, output and expected answer', async () => {
    const rid = await startTestRun(h, 'team2', null);
    const job = (await ask<Offer>(agent, 'job:request')).job!;
    expect(job).toMatchObject({ kind: 'test-run', customInput: null, problem: { stopAtFirstFailure: false } });
    expect(job.testcases.map((t) => [t.id, t.isSample])).toEqual([['s1', true]]);
    // A secret test case is not part of a test run.
    expect(await ask(agent, 'job:testcase', caseOf(job.leaseId, 'x1', 'leak'))).toMatchObject({ ok: false, error: expect.stringMatching(/not a sample/) });
    expect(await ask(agent, 'job:testcase', caseOf(job.leaseId, 's1', '4\n', 'WA'))).toEqual({ ok: true });
    expect(await ask(agent, 'job:result', { leaseId: job.leaseId, verdict: 'WA', compileOutput: '' })).toEqual({ ok: true });
    expect((await getRun(rid, 'team2')).body).toMatchObject({
      state: 'done', verdict: 'WA', cases: [{ label: 'sample 1', verdict: 'WA', input: '1 2\n', output: '4\n', expected: '3\n' }],
    });
  });

  it('is refused for a problem without samples, changing nothing', async () => {
    const before = visibleTables(h);
    const res = await postTestRun(h, 'team1', { problemId: 'sum', input: null });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/no sample test cases/);
    expect(visibleTables(h)).toEqual(before);
    expect(h.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM test_runs').get()).toEqual({ n: 0 });
  });
});

describe('judge failures', () => {
  it('re-queue a test run once, then end it as failed with the reason and no verdict', async () => {
    const team1 = await team('team1');
    const rid = await startTestRun(h, 'team1');
    const first = (await ask<Offer>(agent, 'job:request')).job!;
    expect(await ask(agent, 'job:failure', { leaseId: first.leaseId, reason: 'sandbox crashed' })).toEqual({ ok: true });
    expect(queueRow(rid)).toMatchObject({ state: 'queued', attempts: 1, lastError: 'sandbox crashed' });
    expect((await getRun(rid, 'team1')).body).toMatchObject({ state: 'queued', verdict: null, error: null });

    const second = (await ask<Offer>(agent, 'job:request')).job!;
    expect(second.submissionId).toBe(rid);
    expect(await ask(agent, 'job:failure', { leaseId: second.leaseId, reason: 'sandbox crashed again' })).toEqual({ ok: true });
    const failed = (await getRun(rid, 'team1')).body;
    expect(failed).toMatchObject({ state: 'failed', verdict: null, error: expect.stringContaining('sandbox crashed again') });
    expect(queueRow(rid)).toMatchObject({ state: 'done', attempts: 2 });
    expect((await ask<Offer>(agent, 'job:request')).job).toBeNull();
    await until(() => (team1.of<TestRunResult>('test-run:result').at(-1)?.state === 'failed' ? true : undefined), 'the failed push');
    const audit = h.ctx.store.db.prepare(`SELECT action, details FROM audit_log WHERE action = 'test-run-judging-error'`).all();
    expect(audit).toHaveLength(2);
  });
});

describe('a test run the judges cannot prepare', () => {
  it('fails at once with the reason (not held for the jury), and the queue moves on', async () => {
    const team1 = await team('team1');
    const rid = await startTestRun(h, 'team1', null);
    const sid = await submit(h, 'team2', 'sum');
    // The problem's stored spec breaks after the test run was accepted.
    h.ctx.store.write((tx) => tx.db.prepare(`UPDATE problems SET spec = '{}' WHERE contest_id = ? AND id = 'hello'`).run(C()));
    const offer = (await ask<Offer>(agent, 'job:request')).job;
    expect(offer).toBeNull(); // the submission of `sum` has no test cases: held for the jury
    expect(queueRow(sid)).toMatchObject({ state: 'held' });
    expect(queueRow(rid)).toMatchObject({ state: 'done', attempts: 1 });
    const failed = (await getRun(rid, 'team1')).body;
    expect(failed).toMatchObject({ state: 'failed', verdict: null, error: expect.stringMatching(/could not prepare this test run: stored spec of problem hello is invalid/) });
    await until(() => (team1.of<TestRunResult>('test-run:result').at(-1)?.state === 'failed' ? true : undefined), 'the failed push');
  });
});

describe('lease expiry', () => {
  it('gives a test run whose judge went silent to another judge, without counting an attempt', async () => {
    const rid = await startTestRun(h, 'team3');
    const lost = (await ask<Offer>(agent, 'job:request')).job!;
    h.clock.advance(h.ctx.config.judging.leaseTimeoutMs + 1);
    const other = await connectAgent(h.url, { agentId: 'judge-2' });
    closers.push(() => other.close());
    const job = (await ask<Offer>(other, 'job:request')).job!;
    expect(job.submissionId).toBe(rid);
    expect(queueRow(rid)).toMatchObject({ state: 'leased', attempts: 0 });
    expect(await ask(agent, 'job:result', { leaseId: lost.leaseId, verdict: 'WA' })).toMatchObject({ ok: false, stale: true });
    expect(await ask(other, 'job:result', { leaseId: job.leaseId, verdict: 'AC' })).toEqual({ ok: true });
    expect((await getRun(rid, 'team3')).body).toMatchObject({ state: 'done', verdict: 'AC' });
  });
});

describe('queue order', () => {
  it('hands out submissions before test runs queued earlier', async () => {
    const rid = await startTestRun(h, 'team1');
    const sid = await submit(h, 'team2');
    expect((await ask<Offer>(agent, 'job:request')).job).toMatchObject({ kind: 'submission', submissionId: sid });
    expect((await ask<Offer>(agent, 'job:request')).job).toMatchObject({ kind: 'test-run', submissionId: rid });
  });

  it('is never a submission: not in /submissions, /judgements, /runs, the event feed or the scoreboard', async () => {
    const rid = await startTestRun(h, 'team1', null);
    const job = (await ask<Offer>(agent, 'job:request')).job!;
    await ask(agent, 'job:testcase', caseOf(job.leaseId, 's1', '3\n'));
    await ask(agent, 'job:result', { leaseId: job.leaseId, verdict: 'AC' });
    expect((await getRun(rid, 'team1')).body.verdict).toBe('AC');
    for (const user of ['team1', 'jury']) {
      // Runs are jury-only (a team gets 403 whatever exists).
      for (const path of user === 'jury' ? ['submissions', 'judgements', 'runs'] : ['submissions', 'judgements']) {
        const res = await call<unknown[]>(h.url, 'GET', `/api/contests/${C()}/${path}`, { auth: authOf(user) });
        expect(res.status).toBe(200);
        expect(res.body, `${user} ${path}`).toEqual([]);
      }
      const feed = await call<string>(h.url, 'GET', `/api/contests/${C()}/event-feed?stream=false`, { auth: authOf(user) });
      expect(feed.status).toBe(200);
      expect(String(feed.body)).toContain('"type":"problems"');
      expect(String(feed.body)).not.toContain(rid);
      expect(String(feed.body)).not.toMatch(/"type":"(submissions|judgements|runs)"/);
      const board = await call<{ rows: Array<{ score: { num_solved: number } }> }>(h.url, 'GET', `/api/contests/${C()}/scoreboard`, { auth: authOf(user) });
      expect(board.status).toBe(200);
      expect(board.body.rows).toHaveLength(3);
      expect(board.body.rows.every((row) => row.score.num_solved === 0)).toBe(true);
    }
  });
});

describe('limits and refusals', () => {
  it('allows one pending test run per team and a few per minute, with clear 429s', async () => {
    const rid = await startTestRun(h, 'team1');
    const busy = await postTestRun(h, 'team1');
    expect(busy.status).toBe(429);
    expect(busy.body).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/already has a test run waiting/) });
    // Another team is not affected. (A millisecond later: the test clock stands still, and jobs
    // enqueued in the same millisecond are ordered by their random ids.)
    h.clock.advance(1);
    await startTestRun(h, 'team2');

    async function finish(id: string): Promise<void> {
      const job = (await ask<Offer>(agent, 'job:request')).job!;
      expect(job.submissionId).toBe(id);
      await ask(agent, 'job:result', { leaseId: job.leaseId, verdict: 'AC' });
    }
    await finish(rid);
    expect((await ask<Offer>(agent, 'job:request')).job).toMatchObject({ kind: 'test-run' }); // team2's, left judging
    for (let i = 0; i < 5; i++) await finish(await startTestRun(h, 'team1'));
    const tooMany = await postTestRun(h, 'team1');
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.message).toMatch(/at most 6 test runs per minute/);
    h.clock.advance(61_000);
    await startTestRun(h, 'team1');
  });

  it('refuses before the start, after the end, for the jury and for bad requests, changing nothing', async () => {
    const before = visibleTables(h);
    h.clock.set(TEST_T0 - 60_000);
    expect(await postTestRun(h, 'team1')).toMatchObject({ status: 403, body: { code: 'contest_not_running', message: expect.stringMatching(/not started/) } });
    h.clock.set(TEST_T0 + 6 * HOUR);
    expect(await postTestRun(h, 'team1')).toMatchObject({ status: 403, body: { code: 'contest_not_running', message: expect.stringMatching(/ended/) } });
    h.clock.set(TEST_T0 + HOUR);
    const jury = await call<{ code: string }>(h.url, 'POST', `/api/arena/contests/${C()}/test-runs`, {
      auth: authOf('jury'), body: { problemId: 'hello', languageId: 'cpp', files: [{ filename: 'a.cpp', text: 'x' }], input: '' },
    });
    expect(jury).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await postTestRun(h, 'team1', { problemId: 'nope' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/unknown problemId/) } });
    expect(await postTestRun(h, 'team1', { languageId: 'cobol' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/unknown languageId/) } });
    expect((await postTestRun(h, 'team1', { files: [{ filename: '../x.cpp', text: '' }] })).status).toBe(400);
    expect((await postTestRun(h, 'team1', { files: [{ filename: 'a.cpp', text: '' }, { filename: 'a.cpp', text: '' }] })).body.message).toMatch(/appears twice/);
    expect((await call(h.url, 'POST', `/api/arena/contests/${C()}/test-runs`, { body: { problemId: 'hello' } })).status).toBe(400);
    const anonymous = await call(h.url, 'POST', `/api/arena/contests/${C()}/test-runs`, {
      body: { problemId: 'hello', languageId: 'cpp', files: [{ filename: 'a.cpp', text: 'x' }], input: '' },
    });
    expect(anonymous.status).toBe(401);
    expect(visibleTables(h)).toEqual(before);
    expect(h.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM test_runs').get()).toEqual({ n: 0 });
    expect(h.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM judge_queue').get()).toEqual({ n: 0 });
  });
});

describe('compile output of a submission', () => {
  it('is the latest valid judgement\'s, for the own team and the jury only', async () => {
    const sid = await submit(h, 'team1');
    const path = `/api/arena/contests/${C()}/submissions/${sid}/compile-output`;
    expect((await call(h.url, 'GET', path, { auth: authOf('team1') })).body).toEqual({ compileOutput: null });
    const job = (await ask<Offer>(agent, 'job:request')).job!;
    await ask(agent, 'job:result', { leaseId: job.leaseId, verdict: 'CE', compileOutput: 'main.cpp:1: error: expected ;' });
    expect(await call(h.url, 'GET', path, { auth: authOf('team1') })).toMatchObject({ status: 200, body: { compileOutput: 'main.cpp:1: error: expected ;' } });
    expect(await call(h.url, 'GET', path, { auth: authOf('jury') })).toMatchObject({ status: 200, body: { compileOutput: 'main.cpp:1: error: expected ;' } });
    expect(await call(h.url, 'GET', path, { auth: authOf('team2') })).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await call(h.url, 'GET', `/api/arena/contests/${C()}/submissions/999/compile-output`, { auth: authOf('team1') })).status).toBe(404);
    expect((await call(h.url, 'GET', path)).status).toBe(401);
  });
});
