import type { JudgeJob } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onJudgingSignal, type JudgingSignal } from '../src/app/judging/judging-signals';
import { requeueForRejudge } from '../src/app/judging/queue';
import { getQueueStats } from '../src/app/judging/queue-stats';
import {
  ask, connectAgent, CONTEST_ID, seedContest, seedSubmission, snapshotJudgingTables, startJudgeHost, type JudgeTestHost,
} from './helpers/judge-seed';

type Offer = { job: JudgeJob | null };

let h: JudgeTestHost;
let socket: Socket;
const signals: JudgingSignal[] = [];
beforeEach(async () => {
  h = await startJudgeHost({ maxAttempts: 3 });
  seedContest(h.ctx);
  signals.length = 0;
  onJudgingSignal(h.db, (s) => signals.push(s));
  socket = await connectAgent(h.url, { agentId: 'judge-1' });
});
afterEach(async () => {
  socket.close();
  await h.close();
});

const testcase = (leaseId: string, testcaseId: string, verdict = 'AC') =>
  ({ leaseId, testcaseId, ordinal: 1, verdict, cpuTimeMs: 120, wallTimeMs: 150, memoryBytes: 4_000_000, judgeMessage: 'diff at 3' });

function judgementsOf(submissionId: string) {
  return h.db.prepare('SELECT id, judgement_type_id AS verdict, valid, compile_output AS compileOutput FROM judgements WHERE submission_id = ? ORDER BY CAST(id AS INTEGER)')
    .all(submissionId) as Array<{ id: string; verdict: string | null; valid: number; compileOutput: string }>;
}
const eventsOf = (type: string) => h.ctx.store.readEvents(CONTEST_ID).filter((e) => e.type === type);

describe('results', () => {
  it('stores each test case once (runs row + jury event) and the final verdict with its event', async () => {
    const id = seedSubmission(h.ctx, 't2');
    const job = (await ask<Offer>(socket, 'job:request')).job!;
    expect(await ask(socket, 'job:testcase', testcase(job.leaseId, 'tc0'))).toEqual({ ok: true });
    expect(await ask(socket, 'job:testcase', testcase(job.leaseId, 'tc1', 'WA'))).toEqual({ ok: true });
    // A repeat stores nothing new (it only renews the lease, like a heartbeat).
    const { runs: runsBefore, events: eventsBefore } = snapshotJudgingTables(h.db);
    expect(await ask(socket, 'job:testcase', testcase(job.leaseId, 'tc1', 'WA'))).toEqual({ ok: true });
    expect(snapshotJudgingTables(h.db)).toMatchObject({ runs: runsBefore, events: eventsBefore });

    const runs = h.db.prepare('SELECT id, testcase_id AS tc, ordinal, judgement_type_id AS verdict, judge_message AS msg FROM runs ORDER BY ordinal').all();
    expect(runs).toEqual([
      { id: '1-2', tc: 'tc0', ordinal: 2, verdict: 'AC', msg: 'diff at 3' },
      { id: '1-3', tc: 'tc1', ordinal: 3, verdict: 'WA', msg: 'diff at 3' },
    ]);
    expect(eventsOf('runs')).toMatchObject([
      { id: '1-2', audience: 'jury', teamId: null, data: { judgement_id: '1', judgement_type_id: 'AC', run_time: 0.12 } },
      { id: '1-3', audience: 'jury', teamId: null },
    ]);

    expect(await ask(socket, 'job:result', { leaseId: job.leaseId, verdict: 'WA', compileOutput: 'ok', maxCpuTimeMs: 100 })).toEqual({ ok: true });
    expect(judgementsOf(id)).toEqual([{ id: '1', verdict: 'WA', valid: 1, compileOutput: 'ok' }]);
    const final = eventsOf('judgements').at(-1);
    expect(final).toMatchObject({ id: '1', audience: 'team', teamId: 't2', data: { judgement_type_id: 'WA', max_run_time: 0.12 } });
    expect(h.db.prepare('SELECT state FROM judge_queue WHERE submission_id = ?').get(id)).toEqual({ state: 'done' });
    expect(signals.filter((s) => s.type === 'completed')).toMatchObject([{ submissionId: id, verdict: 'WA' }]);

    // Repeats after the verdict are acknowledged and change nothing.
    const done = snapshotJudgingTables(h.db);
    expect(await ask(socket, 'job:result', { leaseId: job.leaseId, verdict: 'AC' })).toEqual({ ok: true });
    expect(await ask(socket, 'job:testcase', testcase(job.leaseId, 'tc2'))).toEqual({ ok: true });
    expect(await ask(socket, 'job:heartbeat', { leaseId: job.leaseId })).toEqual({ ok: true });
    expect(await ask(socket, 'job:failure', { leaseId: job.leaseId, reason: 'late' })).toMatchObject({ ok: false, stale: true });
    expect(snapshotJudgingTables(h.db)).toEqual(done);
    expect(getQueueStats(h.db, h.ctx.clock())).toMatchObject({ queued: 0, leased: 0, held: 0, done: 1, oldestWaitingMs: 0 });
  });
});

describe('judging errors', () => {
  it('re-queue the job with no verdict, and after 3 failures hold it for the jury, audited and signalled', async () => {
    const id = seedSubmission(h.ctx, 't3');
    for (let attempt = 1; attempt <= 3; attempt++) {
      const job = (await ask<Offer>(socket, 'job:request')).job!;
      expect(job.submissionId).toBe(id);
      expect(await ask(socket, 'job:failure', { leaseId: job.leaseId, reason: `sandbox crashed #${attempt}` })).toEqual({ ok: true });
      const row = h.db.prepare('SELECT state, attempts, last_error AS lastError, lease_id AS leaseId FROM judge_queue WHERE submission_id = ?').get(id);
      expect(row).toEqual({ state: attempt < 3 ? 'queued' : 'held', attempts: attempt, lastError: `sandbox crashed #${attempt}`, leaseId: null });
    }
    expect((await ask<Offer>(socket, 'job:request')).job).toBeNull();
    // Three judgements were started, all invalidated, none with a verdict.
    expect(judgementsOf(id)).toEqual(['1', '2', '3'].map((jid) => ({ id: jid, verdict: null, valid: 0, compileOutput: '' })));
    // The team saw each start and its removal; no verdict ever reached team-visible events.
    const teamEvents = eventsOf('judgements').filter((e) => e.audience === 'team');
    expect(teamEvents.map((e) => [e.id, e.data === null ? 'deleted' : e.data.judgement_type_id])).toEqual([
      ['1', null], ['1', 'deleted'], ['2', null], ['2', 'deleted'], ['3', null], ['3', 'deleted'],
    ]);
    const audit = h.db.prepare("SELECT actor, details FROM audit_log WHERE action = 'judging-error' ORDER BY id").all() as Array<{ actor: string; details: string }>;
    expect(audit.map((a) => JSON.parse(a.details))).toMatchObject([
      { submissionId: id, agentId: 'judge-1', attempts: 1, held: false, reason: 'sandbox crashed #1' },
      { attempts: 2, held: false },
      { attempts: 3, held: true, reason: 'sandbox crashed #3' },
    ]);
    expect(signals.filter((s) => s.type === 'judging-error')).toMatchObject([{ held: false }, { held: false }, { held: true, attempts: 3 }]);
    expect(getQueueStats(h.db, h.ctx.clock())).toMatchObject({ queued: 0, held: 1 });
  });

  it('a problem whose stored spec is broken is held at once, and the next job is handed out', async () => {
    await h.close();
    h = await startJudgeHost();
    seedContest(h.ctx, { spec: '{"format":"legacy-icpc"}' });
    socket.close();
    socket = await connectAgent(h.url);
    const id = seedSubmission(h.ctx, 't1');
    expect((await ask<Offer>(socket, 'job:request')).job).toBeNull();
    const row = h.db.prepare('SELECT state, last_error AS lastError FROM judge_queue WHERE submission_id = ?').get(id) as { state: string; lastError: string };
    expect(row.state).toBe('held');
    expect(row.lastError).toMatch(/stored spec of problem hello is invalid/);
  });
});

describe('rejudge', () => {
  it('keeps the old verdict visible until the new one completes, then replaces it', async () => {
    const id = seedSubmission(h.ctx, 't1');
    const first = (await ask<Offer>(socket, 'job:request')).job!;
    await ask(socket, 'job:result', { leaseId: first.leaseId, verdict: 'WA' });
    h.ctx.store.write((tx) => requeueForRejudge(tx, CONTEST_ID, id));
    const second = (await ask<Offer>(socket, 'job:request')).job!;
    expect(second.submissionId).toBe(id);
    // Old verdict still the valid one; the rejudge is jury-only while running.
    expect(judgementsOf(id)).toEqual([
      { id: '1', verdict: 'WA', valid: 1, compileOutput: '' },
      { id: '2', verdict: null, valid: 0, compileOutput: '' },
    ]);
    expect(eventsOf('judgements').at(-1)).toMatchObject({ id: '2', audience: 'jury', data: { judgement_type_id: null } });
    await ask(socket, 'job:result', { leaseId: second.leaseId, verdict: 'AC' });
    expect(judgementsOf(id)).toEqual([
      { id: '1', verdict: 'WA', valid: 0, compileOutput: '' },
      { id: '2', verdict: 'AC', valid: 1, compileOutput: '' },
    ]);
    expect(eventsOf('judgements').slice(-2)).toMatchObject([
      { id: '1', data: null, audience: 'team', teamId: 't1' },
      { id: '2', audience: 'team', teamId: 't1', data: { judgement_type_id: 'AC' } },
    ]);
  });

  it('takes the lease from a job being judged (its agent becomes stale) and refuses unknown submissions', async () => {
    const id = seedSubmission(h.ctx, 't1');
    const job = (await ask<Offer>(socket, 'job:request')).job!;
    h.ctx.store.write((tx) => requeueForRejudge(tx, CONTEST_ID, id));
    expect(await ask(socket, 'job:result', { leaseId: job.leaseId, verdict: 'AC' })).toMatchObject({ ok: false, stale: true });
    const again = (await ask<Offer>(socket, 'job:request')).job!;
    expect(again.submissionId).toBe(id);
    // Nothing finished to supersede: the new judgement is the team's at once.
    expect(judgementsOf(id)).toEqual([
      { id: '1', verdict: null, valid: 0, compileOutput: '' },
      { id: '2', verdict: null, valid: 1, compileOutput: '' },
    ]);
    expect(() => h.ctx.store.write((tx) => requeueForRejudge(tx, CONTEST_ID, 'nope'))).toThrow(/no submission nope/);
  });

  it('releases a held job back to the queue', async () => {
    const id = seedSubmission(h.ctx, 't1');
    for (let i = 0; i < 3; i++) {
      const job = (await ask<Offer>(socket, 'job:request')).job!;
      await ask(socket, 'job:failure', { leaseId: job.leaseId, reason: 'broken' });
    }
    h.ctx.store.write((tx) => requeueForRejudge(tx, CONTEST_ID, id));
    expect(h.db.prepare('SELECT state, attempts FROM judge_queue WHERE submission_id = ?').get(id)).toEqual({ state: 'queued', attempts: 0 });
    expect((await ask<Offer>(socket, 'job:request')).job?.submissionId).toBe(id);
  });
});

describe('queue stats', () => {
  it('count states and the oldest waiting job\'s age', async () => {
    const start = h.ctx.clock();
    seedSubmission(h.ctx, 't1');
    seedSubmission(h.ctx, 't2');
    await ask<Offer>(socket, 'job:request');
    const stats = getQueueStats(h.db, start + 60_000);
    expect(stats).toMatchObject({ queued: 1, leased: 1, held: 0, done: 0 });
    expect(stats.oldestWaitingMs).toBeGreaterThanOrEqual(59_000);
    expect(stats.oldestWaitingMs).toBeLessThanOrEqual(60_000);
  });
});
