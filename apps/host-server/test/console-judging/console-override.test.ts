import type { JurySubmissionDetail } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiTestHost } from '../helpers/api-host';
import { agent, judgeNext, jury, publicBoard, requestJob, startConsoleHost, submit } from './console-support';

let h: ApiTestHost;
let C: string;
let judge: Socket;
let token: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startConsoleHost();
  C = h.seed.contestId;
  judge = await agent(h, 'judge-o');
  ids.wa = await submit(h, 'team1');
  expect(await judgeNext(judge, 'WA')).toBe(ids.wa);
  const login = await call<{ token: string }>(h.url, 'POST', '/api/login', { body: { username: 'jury', password: 'jurypass' } });
  expect(login.status).toBe(200);
  token = login.body.token;
});
afterAll(async () => {
  judge?.close();
  await h?.close();
});

const override = (sid: string, body: unknown, auth = `Bearer ${token}`) =>
  call<JurySubmissionDetail & { code?: string }>(h.url, 'POST', `/api/arena/contests/${C}/console/submissions/${sid}/override`, { auth, body });

function snapshot(): Record<string, unknown[]> {
  const tables = ['judgements', 'events', 'audit_log', 'judge_queue', 'console_overrides'];
  return Object.fromEntries(tables.map((t) => [t, h.ctx.store.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

describe('verdict override', () => {
  it('with a wrong password (or someone else\'s) is refused with reauth_failed and changes nothing', async () => {
    const before = snapshot();
    const boardBefore = await publicBoard(h);
    for (const password of ['wrong', 'adminpass', 'team1pass']) {
      const res = await override(ids.wa!, { verdict: 'AC', reason: 'validator bug', password });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('reauth_failed');
    }
    expect(snapshot()).toEqual(before);
    expect(await publicBoard(h)).toEqual(boardBefore);
  });

  it('refuses bad bodies (400) and unknown submissions (404)', async () => {
    const before = snapshot();
    expect((await override(ids.wa!, { verdict: 'JE', reason: 'x', password: 'jurypass' })).status).toBe(400);
    expect((await override(ids.wa!, { verdict: 'AC', reason: ' ', password: 'jurypass' })).status).toBe(400);
    expect((await override(ids.wa!, { verdict: 'AC', reason: 'x' })).status).toBe(400);
    expect((await override('999', { verdict: 'AC', reason: 'x', password: 'jurypass' })).status).toBe(404);
    expect(snapshot()).toEqual(before);
  });

  it('with the actor\'s own password makes a new valid judgement, updates the scoreboard and is audited', async () => {
    const eventsBefore = h.ctx.store.readEvents(C).length;
    const res = await override(ids.wa!, { verdict: 'AC', reason: 'validator bug on test 2', password: 'jurypass' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids.wa, verdict: 'AC', state: 'judged', agentId: null });
    expect(res.body.judgements.map((j) => [j.verdict, j.valid, j.overriddenBy])).toEqual([['WA', false, null], ['AC', true, 'jury']]);
    expect(await publicBoard(h)).toContainEqual({ team: 'team1', rank: 1, solved: 1, time: 1 });
    const events = h.ctx.store.readEvents(C).slice(eventsBefore);
    expect(events.map((e) => [e.type, e.audience, e.teamId, e.data === null ? 'deleted' : e.data.judgement_type_id])).toEqual([
      ['judgements', 'team', 'team1', 'deleted'], ['judgements', 'team', 'team1', 'AC'],
    ]);
    const audit = await call<{ entries: Array<{ actor: string; action: string; details: Record<string, unknown> }> }>(h.url, 'GET', '/api/arena/console/audit?limit=1', { auth: jury });
    expect(audit.body.entries).toMatchObject([{ actor: 'jury/jury', action: 'verdict-override', details: { submissionId: ids.wa, verdict: 'AC', reason: 'validator bug on test 2', username: 'jury' } }]);
  });

  it('settles a submission still waiting for a judge: no agent gets it any more', async () => {
    ids.pending = await submit(h, 'team2');
    const res = await override(ids.pending!, { verdict: 'CE', reason: 'sent a binary', password: 'jurypass' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verdict: 'CE', state: 'judged' });
    expect(await requestJob(judge)).toBeNull();
  });

  it('is refused (409) while the submission is in an active rejudging', async () => {
    const rejudge = await call(h.url, 'POST', `/api/arena/contests/${C}/console/rejudgings`, { auth: jury, body: { submissionIds: [ids.wa], reason: 'again' } });
    expect(rejudge.status).toBe(201);
    const res = await override(ids.wa!, { verdict: 'WA', reason: 'x', password: 'jurypass' });
    expect(res.status).toBe(409);
  });
});
