import type { JurySubmissionDetail, Rejudging } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onConsoleChanged, type ConsoleSignal } from '../../src/app/console/console-signals';
import { call, type ApiTestHost } from '../helpers/api-host';
import { ask } from '../helpers/judge-seed';
import { agent, finishJob, judgeNext, jury, publicBoard, requestJob, startConsoleHost, submit, teamVisibleState } from './console-support';

let h: ApiTestHost;
let C: string;
let judge: Socket;
const ids: Record<string, string> = {};
const signals: ConsoleSignal[] = [];

beforeAll(async () => {
  h = await startConsoleHost();
  C = h.seed.contestId;
  onConsoleChanged(h.ctx.store.db, (s) => signals.push(s));
  judge = await agent(h, 'judge-r');
  ids.wa = await submit(h, 'team1'); // minute 1
  ids.ac = await submit(h, 'team2'); // minute 2
  expect(await judgeNext(judge, 'WA')).toBe(ids.wa);
  expect(await judgeNext(judge, 'AC')).toBe(ids.ac);
});
afterAll(async () => {
  judge?.close();
  await h?.close();
});

const rejudgings = (path = '', method = 'GET', body?: unknown) =>
  call<Rejudging & { code?: string; message?: string }>(h.url, method, `/api/arena/contests/${C}/console/rejudgings${path}`, { auth: jury, ...(body === undefined ? {} : { body }) });
const juryJudgementEvents = () => h.ctx.store.readEvents(C).filter((e) => e.type === 'judgements' || e.type === 'runs');
const auditActions = () => (h.ctx.store.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as Array<{ action: string }>).map((r) => r.action);

describe('a rejudging', () => {
  it('refuses bad requests with nothing changed', async () => {
    const before = { audit: auditActions(), queue: h.ctx.store.db.prepare('SELECT * FROM judge_queue').all() };
    expect((await rejudgings('', 'POST', { reason: 'no selection' })).status).toBe(400);
    expect((await rejudgings('', 'POST', { problemId: 'hello' })).status).toBe(400);
    expect((await rejudgings('', 'POST', { problemId: 'hello', reason: 'x', extra: 1 })).status).toBe(400);
    expect((await rejudgings('', 'POST', { problemId: 'sum', reason: 'nothing judged there' })).status).toBe(400);
    const unknown = await rejudgings('', 'POST', { submissionIds: [ids.wa!, '999'], reason: 'one unknown' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.message).toContain('999');
    expect((await rejudgings('/1')).status).toBe(404);
    expect({ audit: auditActions(), queue: h.ctx.store.db.prepare('SELECT * FROM judge_queue').all() }).toEqual(before);
  });

  it('stays invisible while judged, previews the scoreboard change, and apply updates the public scoreboard', async () => {
    const boardBefore = await publicBoard(h);
    expect(boardBefore).toEqual([
      { team: 'team2', rank: 1, solved: 1, time: 2 },
      { team: 'team1', rank: 2, solved: 0, time: 0 },
      { team: 'team3', rank: 2, solved: 0, time: 0 },
    ]);
    const visibleBefore = teamVisibleState(h);
    const juryEventsBefore = juryJudgementEvents().length;
    signals.length = 0;

    const created = await rejudgings('', 'POST', { problemId: 'hello', verdict: 'WA', reason: 'validator was too strict' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      createdBy: 'jury', reason: 'validator was too strict', state: 'judging', total: 1, done: 0,
      items: [{ submissionId: ids.wa, teamId: 'team1', problemId: 'hello', oldVerdict: 'WA', newVerdict: null }], scoreboardPreview: [],
    });
    expect(signals.map((s) => s.topic)).toContain('rejudgings');
    const rid = created.body.id;
    const early = await rejudgings(`/${rid}/apply`, 'POST');
    expect(early.status).toBe(409);

    // Judged again (normal queue), this time accepted.
    expect(await judgeNext(judge, 'AC')).toBe(ids.wa);
    const ready = await rejudgings(`/${rid}`);
    expect(ready.body).toMatchObject({ state: 'ready', total: 1, done: 1, items: [{ submissionId: ids.wa, oldVerdict: 'WA', newVerdict: 'AC' }] });
    expect(ready.body.scoreboardPreview).toEqual([
      { teamId: 'team1', teamName: 'Team 1', oldRank: 2, newRank: 1, oldSolved: 0, newSolved: 1, oldPenalty: 0, newPenalty: 1 },
      { teamId: 'team2', teamName: 'Team 2', oldRank: 1, newRank: 2, oldSolved: 1, newSolved: 1, oldPenalty: 2, newPenalty: 2 },
      { teamId: 'team3', teamName: 'Team 3', oldRank: 2, newRank: 3, oldSolved: 0, newSolved: 0, oldPenalty: 0, newPenalty: 0 },
    ]);
    // Nothing anyone outside the jury console sees has moved: no event, no valid judgement, no board change.
    expect(teamVisibleState(h)).toEqual(visibleBefore);
    expect(juryJudgementEvents()).toHaveLength(juryEventsBefore);
    expect(await publicBoard(h)).toEqual(boardBefore);
    const row = (await call<{ submissions: Array<{ id: string; verdict: string }> }>(h.url, 'GET', `/api/arena/contests/${C}/console/submissions?team=team1`, { auth: jury })).body.submissions;
    expect(row).toMatchObject([{ id: ids.wa, verdict: 'WA' }]);

    const listed = await call<{ rejudgings: Rejudging[] }>(h.url, 'GET', `/api/arena/contests/${C}/console/rejudgings`, { auth: jury });
    expect(listed.body.rejudgings).toMatchObject([{ id: rid, state: 'ready', total: 1, done: 1 }]);

    const applied = await rejudgings(`/${rid}/apply`, 'POST');
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ state: 'applied', items: [{ newVerdict: 'AC' }], scoreboardPreview: [] });
    expect(await publicBoard(h)).toEqual([
      { team: 'team1', rank: 1, solved: 1, time: 1 },
      { team: 'team2', rank: 2, solved: 1, time: 2 },
      { team: 'team3', rank: 3, solved: 0, time: 0 },
    ]);
    // The team heard of it through CLICS events: the old judgement deleted, the new one announced (then its runs, jury only).
    const newEvents = juryJudgementEvents().slice(juryEventsBefore);
    expect(newEvents.map((e) => [e.type, e.audience, e.data === null ? 'deleted' : (e.data.judgement_type_id ?? 'run')])).toEqual([
      ['judgements', 'team', 'deleted'], ['judgements', 'team', 'AC'], ['runs', 'jury', 'AC'], ['runs', 'jury', 'AC'],
    ]);
    const detail = await call<JurySubmissionDetail>(h.url, 'GET', `/api/arena/contests/${C}/console/submissions/${ids.wa}`, { auth: jury });
    expect(detail.body).toMatchObject({ verdict: 'AC', state: 'judged' });
    expect(detail.body.judgements.map((j) => [j.verdict, j.valid])).toEqual([['WA', false], ['AC', true]]);
    expect(auditActions().slice(-2)).toEqual(['rejudging-created', 'rejudging-applied']);
    expect((await rejudgings(`/${rid}/apply`, 'POST')).status).toBe(409);
    expect((await rejudgings(`/${rid}/cancel`, 'POST')).status).toBe(409);
  });

  it('cancelled mid-judging leaves everything as before and the agent\'s late result is stale', async () => {
    const boardBefore = await publicBoard(h);
    const visibleBefore = teamVisibleState(h);
    const queueBefore = h.ctx.store.db.prepare('SELECT * FROM judge_queue ORDER BY submission_id').all();
    const created = await rejudgings('', 'POST', { submissionIds: [ids.ac], reason: 'check team2 again' });
    expect(created.status).toBe(201);
    // Already in an active rejudging: cannot be taken twice.
    expect((await rejudgings('', 'POST', { submissionIds: [ids.ac], reason: 'again' })).status).toBe(409);
    const job = await requestJob(judge);
    expect(job?.submissionId).toBe(ids.ac);
    expect(await ask(judge, 'job:testcase', { leaseId: job!.leaseId, testcaseId: 's1', ordinal: 1, verdict: 'WA', cpuTimeMs: 5, wallTimeMs: 6, memoryBytes: 7 })).toEqual({ ok: true });

    const cancelled = await rejudgings(`/${created.body.id}/cancel`, 'POST');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', done: 0, items: [{ submissionId: ids.ac, oldVerdict: 'AC', newVerdict: null }] });
    await expect(finishJob(judge, job!, 'WA')).rejects.toThrow(/stale/);

    expect(await publicBoard(h)).toEqual(boardBefore);
    expect(teamVisibleState(h)).toEqual(visibleBefore);
    expect(h.ctx.store.db.prepare('SELECT * FROM judge_queue ORDER BY submission_id').all()).toEqual(queueBefore);
    expect(await requestJob(judge)).toBeNull();
    expect(auditActions().at(-1)).toBe('rejudging-cancelled');
  });
});
