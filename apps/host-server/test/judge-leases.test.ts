import type { JudgeJob } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { leaseNextJob } from '../src/app/judging/lease-job';
import {
  ask, connectAgent, CONTEST_ID, seedContest, seedSubmission, seedTestRun, snapshotJudgingTables, startJudgeHost, waitFor, type JudgeTestHost,
} from './helpers/judge-seed';

type Offer = { job: JudgeJob | null };

let h: JudgeTestHost | undefined;
const sockets: Socket[] = [];
async function setup(judging: { leaseTimeoutMs?: number } = {}): Promise<JudgeTestHost> {
  h = await startJudgeHost(judging);
  seedContest(h.ctx);
  return h;
}
async function agent(host: JudgeTestHost, hello: Record<string, unknown> = {}): Promise<Socket> {
  const socket = await connectAgent(host.url, hello);
  sockets.push(socket);
  return socket;
}
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await h?.close();
  h = undefined;
});

function queueRow(host: JudgeTestHost, submissionId: string) {
  return host.db.prepare('SELECT state, lease_id AS leaseId, agent_id AS agentId, attempts FROM judge_queue WHERE contest_id = ? AND submission_id = ?')
    .get(CONTEST_ID, submissionId) as { state: string; leaseId: string | null; agentId: string | null; attempts: number };
}

/** Asks for a job every 50 ms until one comes (or `timeoutMs` passes). */
function requestUntilJob(socket: Socket, timeoutMs: number): Promise<JudgeJob> {
  return waitFor(async () => (await ask<Offer>(socket, 'job:request')).job ?? undefined, timeoutMs, 'a job');
}

describe('a leased job', () => {
  it('carries everything the judge needs, testcases in name order', async () => {
    const host = await setup();
    const id = seedSubmission(host.ctx, 't1');
    const job = (await ask<Offer>(await agent(host, { agentId: 'a1' }), 'job:request')).job;
    expect(job).toMatchObject({
      kind: 'submission', contestId: CONTEST_ID, submissionId: id, problemId: 'hello', languageId: 'cpp', entryPoint: null,
      limits: { timeLimitMs: 2000, memoryLimitBytes: 256 << 20 }, problem: { validation: 'default', scoring: 'pass-fail', stopAtFirstFailure: true },
      customInput: null,
    });
    expect(job?.testcases.map((t) => t.name)).toEqual(['sample/01', 'secret/01-small', 'secret/02-big']);
    expect(job?.source).toHaveLength(1);
    expect(queueRow(host, id)).toMatchObject({ state: 'leased', leaseId: job?.leaseId, agentId: 'a1' });
    const judgement = host.db.prepare('SELECT submission_id, judgement_type_id, valid, agent_id FROM judgements').all();
    expect(judgement).toEqual([{ submission_id: id, judgement_type_id: null, valid: 1, agent_id: 'a1' }]);
    const events = host.ctx.store.readEvents(CONTEST_ID).filter((e) => e.type === 'judgements');
    expect(events).toMatchObject([{ id: '1', audience: 'team', teamId: 't1', data: { submission_id: id, judgement_type_id: null } }]);
  });

  it('goes back to the queue at once when its agent disconnects, and another agent gets it', async () => {
    const host = await setup();
    const id = seedSubmission(host.ctx, 't1');
    const first = await agent(host, { agentId: 'a1' });
    const job1 = (await ask<Offer>(first, 'job:request')).job;
    expect(job1?.submissionId).toBe(id);
    const second = await agent(host, { agentId: 'a2' });
    expect((await ask<Offer>(second, 'job:request')).job).toBeNull();
    first.close();
    const job2 = await requestUntilJob(second, 5000);
    expect(job2.submissionId).toBe(id);
    expect(job2.leaseId).not.toBe(job1?.leaseId);
    const judgements = host.db.prepare('SELECT id, valid, agent_id AS agentId FROM judgements ORDER BY id').all();
    expect(judgements).toEqual([{ id: '1', valid: 0, agentId: 'a1' }, { id: '2', valid: 1, agentId: 'a2' }]);
    // The team was told the first judgement is gone.
    const deleted = host.ctx.store.readEvents(CONTEST_ID).find((e) => e.type === 'judgements' && e.id === '1' && e.data === null);
    expect(deleted).toMatchObject({ audience: 'team', teamId: 't1' });
    expect(queueRow(host, id).attempts).toBe(0);
  });

  it('goes back to the queue when its agent stops heartbeating, and its later result is stale', async () => {
    const host = await setup({ leaseTimeoutMs: 1000 });
    const id = seedSubmission(host.ctx, 't1');
    const silent = await agent(host, { agentId: 'silent' });
    const job1 = (await ask<Offer>(silent, 'job:request')).job;
    const other = await agent(host, { agentId: 'other' });
    const job2 = await requestUntilJob(other, 5000);
    expect(job2.submissionId).toBe(id);
    expect(queueRow(host, id)).toMatchObject({ state: 'leased', agentId: 'other', leaseId: job2.leaseId });

    expect(await ask(other, 'job:heartbeat', { leaseId: job2.leaseId })).toEqual({ ok: true });
    const before = snapshotJudgingTables(host.db);
    for (const [event, payload] of [
      ['job:heartbeat', { leaseId: job1?.leaseId }],
      ['job:testcase', { leaseId: job1?.leaseId, testcaseId: 'tc1', ordinal: 1, verdict: 'AC', cpuTimeMs: 5, wallTimeMs: 6, memoryBytes: 1000 }],
      ['job:result', { leaseId: job1?.leaseId, verdict: 'AC' }],
    ] as const) {
      expect(await ask(silent, event, payload), event).toMatchObject({ ok: false, stale: true });
    }
    expect(snapshotJudgingTables(host.db)).toEqual(before);
  });

  it('stays with an agent that keeps heartbeating past the lease timeout', async () => {
    const host = await setup({ leaseTimeoutMs: 1000 });
    const id = seedSubmission(host.ctx, 't1');
    const busy = await agent(host, { agentId: 'busy' });
    const job = (await ask<Offer>(busy, 'job:request')).job;
    const other = await agent(host);
    // Heartbeat every 150 ms for over two lease timeouts; the other agent never gets the job.
    for (let i = 0; i < 15; i++) {
      expect(await ask(busy, 'job:heartbeat', { leaseId: job?.leaseId })).toEqual({ ok: true });
      expect((await ask<Offer>(other, 'job:request')).job).toBeNull();
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(queueRow(host, id)).toMatchObject({ state: 'leased', agentId: 'busy', leaseId: job?.leaseId });
  });

  it('is released at once by job:release without counting an attempt', async () => {
    const host = await setup();
    const id = seedSubmission(host.ctx, 't1');
    const a = await agent(host, { agentId: 'a' });
    const job = (await ask<Offer>(a, 'job:request')).job;
    expect(await ask(a, 'job:release', { leaseId: job?.leaseId })).toEqual({ ok: true });
    expect(queueRow(host, id)).toEqual({ state: 'queued', leaseId: null, agentId: null, attempts: 0 });
    expect((await ask<Offer>(a, 'job:request')).job?.submissionId).toBe(id);
  });
});

describe('a lease granted before a host restart', () => {
  it('is adopted by the same agent\'s new connection and returned when that one disconnects', async () => {
    const host = await setup();
    const id = seedSubmission(host.ctx, 't1');
    // As if leased over a connection the host lost in a crash (no disconnect handling ran).
    const job = leaseNextJob(host.ctx, { agentId: 'box7', languages: [] });
    const socket = await agent(host, { agentId: 'box7' });
    expect(await ask(socket, 'job:heartbeat', { leaseId: job?.leaseId })).toEqual({ ok: true });
    expect(queueRow(host, id)).toMatchObject({ state: 'leased', agentId: 'box7' });
    socket.close();
    // Well before the 5 s lease timeout: the disconnect returned it, not the sweeper.
    await waitFor(() => (queueRow(host, id).state === 'queued' ? true : undefined), 2000, 'the lease to return');
  });
});

describe('agents racing', () => {
  it('never get the same job: 20 jobs, 4 agents asking concurrently', async () => {
    const host = await setup();
    const ids = Array.from({ length: 20 }, (_, i) => seedSubmission(host.ctx, `t${(i % 4) + 1}`));
    const agents = await Promise.all([1, 2, 3, 4].map((n) => agent(host, { agentId: `racer${n}` })));
    const taken: string[] = [];
    await Promise.all(agents.map(async (socket) => {
      for (;;) {
        const offer = await ask<Offer>(socket, 'job:request');
        if (!offer.job) return;
        taken.push(offer.job.submissionId);
      }
    }));
    expect(taken.sort()).toEqual([...ids].sort());
    expect(new Set(taken).size).toBe(20);
    const leased = host.db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT lease_id) AS leases FROM judge_queue WHERE state = 'leased'").get();
    expect(leased).toEqual({ n: 20, leases: 20 });
    expect(host.db.prepare('SELECT COUNT(*) AS n FROM judgements').get()).toEqual({ n: 20 });
  });
});

describe('fair order through the real queue', () => {
  it('hands out one job per team in turn, test runs last, and respects agent languages', async () => {
    const host = await setup();
    // Arrival order: t1 floods first, then t2, t3; a test run from t4; a java submission from t4.
    const t1 = [seedSubmission(host.ctx, 't1'), seedSubmission(host.ctx, 't1'), seedSubmission(host.ctx, 't1')];
    const t2 = seedSubmission(host.ctx, 't2');
    const testRun = seedTestRun(host.ctx, 't4');
    const t3 = [seedSubmission(host.ctx, 't3'), seedSubmission(host.ctx, 't3')];
    const java = seedSubmission(host.ctx, 't4', { languageId: 'java' });
    const cppOnly = await agent(host, { languages: ['cpp'] });
    const order: string[] = [];
    for (;;) {
      const offer = await ask<Offer>(cppOnly, 'job:request');
      if (!offer.job) break;
      order.push(offer.job.submissionId);
    }
    expect(order).toEqual([t1[0], t2, t3[0], t1[1], t3[1], t1[2], testRun]);
    const anyLanguage = await agent(host);
    const last = (await ask<Offer>(anyLanguage, 'job:request')).job;
    expect(last?.submissionId).toBe(java);
  });

  it('a test run job carries the custom input and no test cases', async () => {
    const host = await setup();
    const id = seedTestRun(host.ctx, 't1');
    const job = (await ask<Offer>(await agent(host), 'job:request')).job;
    expect(job).toMatchObject({ submissionId: id, kind: 'test-run', customInput: '1 2\n', testcases: [] });
  });
});
