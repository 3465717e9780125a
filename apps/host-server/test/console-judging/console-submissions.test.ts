import type { JurySubmissionDetail, JurySubmissionRow } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, TEST_T0, type ApiTestHost } from '../helpers/api-host';
import { agent, judgeNext, jury, requestJob, startConsoleHost, submit } from './console-support';

let h: ApiTestHost;
let C: string;
let judge: Socket;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startConsoleHost();
  C = h.seed.contestId;
  judge = await agent(h, 'judge-a');
  ids.wa = await submit(h, 'team1', { source: 'int main() { return 1; }\n' });
  ids.ac = await submit(h, 'team2', { problemId: 'hello', languageId: 'python3' });
  ids.pending = await submit(h, 'team1', { problemId: 'sum' });
  expect(await judgeNext(judge, 'WA')).toBe(ids.wa);
  expect(await judgeNext(judge, 'AC')).toBe(ids.ac);
});
afterAll(async () => {
  judge?.close();
  await h?.close();
});

const list = (query = '') => call<{ submissions: JurySubmissionRow[] }>(h.url, 'GET', `/api/arena/contests/${C}/console/submissions${query}`, { auth: jury });

describe('jury submission list', () => {
  it('lists every submission newest first with verdict, judge, time and state', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.submissions.map((s) => s.id)).toEqual([ids.pending, ids.ac, ids.wa]);
    const [pending, ac, wa] = res.body.submissions;
    expect(wa).toMatchObject({
      id: ids.wa, teamId: 'team1', teamName: 'Team 1', problemId: 'hello', problemLabel: 'A', languageId: 'cpp',
      timeMs: TEST_T0 + 60_000, contestTime: 60_000, verdict: 'WA', agentId: 'judge-a', maxCpuTimeMs: 101, state: 'judged',
    });
    expect(wa?.judgementId).toEqual(expect.any(String));
    expect(ac).toMatchObject({ teamId: 'team2', verdict: 'AC', languageId: 'python3', state: 'judged' });
    expect(pending).toMatchObject({ teamId: 'team1', problemId: 'sum', problemLabel: 'B', verdict: null, judgementId: null, agentId: null, maxCpuTimeMs: null, state: 'queued' });
  });

  it('applies every filter', async () => {
    const idsOf = async (query: string) => (await list(query)).body.submissions.map((s) => s.id);
    expect(await idsOf('?team=team1')).toEqual([ids.pending, ids.wa]);
    expect(await idsOf('?problem=hello')).toEqual([ids.ac, ids.wa]);
    expect(await idsOf('?language=python3')).toEqual([ids.ac]);
    expect(await idsOf('?verdict=WA')).toEqual([ids.wa]);
    expect(await idsOf('?verdict=pending')).toEqual([ids.pending]);
    expect(await idsOf('?judge=judge-a')).toEqual([ids.ac, ids.wa]);
    expect(await idsOf(`?fromMs=${TEST_T0 + 120_000}&toMs=${TEST_T0 + 120_000}`)).toEqual([ids.ac]);
    expect(await idsOf(`?fromMs=${TEST_T0 + 120_000}`)).toEqual([ids.pending, ids.ac]);
    expect(await idsOf('?limit=1')).toEqual([ids.pending]);
    expect(await idsOf('?team=team1&verdict=WA&problem=hello')).toEqual([ids.wa]);
    expect(await idsOf('?team=team3')).toEqual([]);
  });

  it('shows a job being judged as judging, and one that cannot be judged as held', async () => {
    ids.judging = await submit(h, 'team3');
    // Problem `sum` has no test cases: its job is held for the jury and the next one is offered.
    const job = await requestJob(judge);
    expect(job?.submissionId).toBe(ids.judging);
    const rows = (await list('?verdict=pending')).body.submissions;
    expect(rows).toMatchObject([
      { id: ids.judging, teamId: 'team3', state: 'judging', agentId: 'judge-a', verdict: null },
      { id: ids.pending, state: 'held', verdict: null },
    ]);
  });

  it.each([
    ['?limit=0'], ['?limit=abc'], ['?limit=5000'], ['?fromMs=-5'], ['?fromMs=12x'], ['?verdict=XYZ'], ['?team=bad%20id'],
    [`?fromMs=${TEST_T0 + 1}&toMs=${TEST_T0}`], ['?colour=red'],
  ])('refuses the bad filter %s with 400', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'bad_request' });
  });

  it('refuses another contest (a jury account belongs to its own contest only)', async () => {
    const res = await call(h.url, 'GET', '/api/arena/contests/nope/console/submissions', { auth: jury });
    expect(res.status).toBe(403);
  });
});

describe('jury submission detail', () => {
  it('has the row, the source files, compile output and per-test-case time, memory and judge messages', async () => {
    const res = await call<JurySubmissionDetail>(h.url, 'GET', `/api/arena/contests/${C}/console/submissions/${ids.wa}`, { auth: jury });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids.wa, verdict: 'WA', state: 'judged' });
    expect(res.body.files).toEqual([{ filename: 'main.cpp', text: 'int main() { return 1; }\n' }]);
    expect(res.body.judgements).toHaveLength(1);
    const [judgement] = res.body.judgements;
    expect(judgement).toMatchObject({ verdict: 'WA', valid: true, agentId: 'judge-a', compileOutput: 'compiled fine', overriddenBy: null });
    expect(judgement?.endMs).toEqual(expect.any(Number));
    expect(judgement?.runs).toEqual([
      { ordinal: 1, testcaseId: 's1', verdict: 'AC', cpuTimeMs: 100, wallTimeMs: 120, memoryBytes: 1_000_000, judgeMessage: 'judge says s1', teamMessage: '' },
      { ordinal: 2, testcaseId: 'x1', verdict: 'WA', cpuTimeMs: 101, wallTimeMs: 121, memoryBytes: 2_000_000, judgeMessage: 'judge says x1', teamMessage: '' },
    ]);
  });

  it('answers 404 for an unknown submission', async () => {
    const res = await call(h.url, 'GET', `/api/arena/contests/${C}/console/submissions/999`, { auth: jury });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
  });
});
