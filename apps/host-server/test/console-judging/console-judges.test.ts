import type { AuditEntry, ConsoleHealth, JudgeAgentInfo, JudgesOverview } from '@arena/protocol';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, backupFileName } from '../../src/adapters/sqlite/backup';
import { onConsoleChanged, type ConsoleSignal } from '../../src/app/console/console-signals';
import { call, TEST_T0, type ApiTestHost } from '../helpers/api-host';
import { ask, waitFor } from '../helpers/judge-seed';
import { agent, finishJob, jury, requestJob, startConsoleHost, submit } from './console-support';

let h: ApiTestHost;
const sockets: Socket[] = [];
const signals: ConsoleSignal[] = [];

beforeAll(async () => {
  h = await startConsoleHost();
  onConsoleChanged(h.ctx.store.db, (s) => signals.push(s));
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await h?.close();
});

async function connect(agentId: string, hello: Record<string, unknown> = {}): Promise<Socket> {
  const socket = await agent(h, agentId, hello);
  sockets.push(socket);
  return socket;
}
const judges = async () => (await call<JudgesOverview>(h.url, 'GET', '/api/arena/console/judges', { auth: jury })).body;
const judgeInfo = async (agentId: string) => (await judges()).judges.find((j) => j.agentId === agentId);
const pause = (agentId: string, action: 'pause' | 'resume') =>
  call<JudgeAgentInfo & { code?: string }>(h.url, 'POST', `/api/arena/console/judges/${agentId}/${action}`, { auth: jury });

describe('judge agents registry', () => {
  let box: Socket;

  it('lists a connected agent with its hello, then its current job, rate and total', async () => {
    box = await connect('box-1', { sandbox: 'docker' });
    expect(await judgeInfo('box-1')).toEqual({
      agentId: 'box-1', hostname: 'box-1.venue.lan', online: true, sandbox: 'docker', paused: false, currentJob: null,
      jobsPerMinute: 0, judgedTotal: 0, lastError: null, lastSeenMs: h.clock(),
    });
    const sid = await submit(h, 'team1');
    const job = await requestJob(box);
    expect(job?.submissionId).toBe(sid);
    expect((await judgeInfo('box-1'))?.currentJob).toEqual({ submissionId: sid, kind: 'submission', sinceMs: h.clock() });
    expect((await judges()).queue).toEqual({ depth: 0, oldestWaitMs: null, held: 0 });
    h.clock.advance(1500);
    await finishJob(box, job!, 'AC');
    expect(await judgeInfo('box-1')).toMatchObject({ currentJob: null, judgedTotal: 1, jobsPerMinute: 0.1 });
    // Ten minutes later the verdict no longer counts in the rate.
    h.clock.advance(10 * 60_000 + 1);
    expect(await judgeInfo('box-1')).toMatchObject({ judgedTotal: 1, jobsPerMinute: 0 });
  });

  it('shows the last judging error of an agent; consoles are told of queue, judges and audit changes', async () => {
    signals.length = 0;
    const sid = await submit(h, 'team2');
    await waitFor(() => (signals.some((s) => s.topic === 'queue' && s.contestId === h.seed.contestId) ? true : undefined), 5000, 'queue signal');
    const job = await requestJob(box);
    expect(job?.submissionId).toBe(sid);
    expect(await ask(box, 'job:failure', { leaseId: job!.leaseId, reason: 'sandbox broke: cgroup missing' })).toEqual({ ok: true });
    expect((await judgeInfo('box-1'))?.lastError).toEqual({ reason: 'sandbox broke: cgroup missing', atMs: h.clock() });
    const topics = () => new Set(signals.filter((s) => s.contestId === h.seed.contestId).map((s) => s.topic));
    await waitFor(() => (topics().has('audit') ? true : undefined), 5000, 'audit signal after the judging error');
    expect([...topics()].sort()).toEqual(['audit', 'judges', 'queue']);
    h.clock.advance(5000);
    expect((await judges()).queue).toEqual({ depth: 1, oldestWaitMs: 5000, held: 0 });
  });

  it('pause: no job is offered, also after reconnecting; resume nudges the agent and it gets the job', async () => {
    signals.length = 0;
    const paused = await pause('box-1', 'pause');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ agentId: 'box-1', paused: true, online: true });
    expect(signals.map((s) => s.topic)).toEqual(expect.arrayContaining(['judges', 'audit']));
    expect(await requestJob(box)).toBeNull();

    box.close();
    await waitFor(async () => ((await judgeInfo('box-1'))?.online === false ? true : undefined), 5000, 'box-1 offline');
    box = await connect('box-1', { sandbox: 'docker' });
    expect(await judgeInfo('box-1')).toMatchObject({ online: true, paused: true });
    expect(await requestJob(box)).toBeNull();

    const nudged = new Promise<void>((resolve) => box.once('job:available', () => resolve()));
    const resumed = await pause('box-1', 'resume');
    expect(resumed.body).toMatchObject({ paused: false });
    await nudged;
    expect(await requestJob(box)).not.toBeNull();

    const actions = await call<{ entries: AuditEntry[] }>(h.url, 'GET', '/api/arena/console/audit?limit=2', { auth: jury });
    expect(actions.body.entries.map((e) => [e.action, e.details])).toEqual([
      ['judge-resumed', { agentId: 'box-1', accountId: 'jury', username: 'jury' }],
      ['judge-paused', { agentId: 'box-1', accountId: 'jury', username: 'jury' }],
    ]);
  });

  it('answers 404 for an agent never seen', async () => {
    const res = await pause('nobody', 'pause');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});

describe('audit log', () => {
  it('lists newest first and pages back with beforeId', async () => {
    const all = (await call<{ entries: AuditEntry[] }>(h.url, 'GET', '/api/arena/console/audit', { auth: jury })).body.entries;
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(all.find((e) => e.action === 'judging-error')).toMatchObject({ actor: 'system', contestId: h.seed.contestId, details: { agentId: 'box-1' } });
    const page = (await call<{ entries: AuditEntry[] }>(h.url, 'GET', `/api/arena/console/audit?beforeId=${all[0]!.id}&limit=1`, { auth: jury })).body.entries;
    expect(page).toEqual([all[1]]);
  });

  it('refuses another contest (403) and bad parameters (400)', async () => {
    expect((await call(h.url, 'GET', '/api/arena/console/audit?contestId=elsewhere', { auth: jury })).status).toBe(403);
    for (const query of ['?limit=0', '?limit=x', '?beforeId=-1', '?unknown=1']) {
      expect([query, (await call(h.url, 'GET', `/api/arena/console/audit${query}`, { auth: jury })).status]).toEqual([query, 400]);
    }
  });
});

describe('health', () => {
  it('summarises ranking, database, backups, sockets, latency, errors and components', async () => {
    const before = (await call<ConsoleHealth>(h.url, 'GET', '/api/arena/console/health', { auth: jury })).body;
    expect(before).toMatchObject({
      ranking: { ok: true }, database: { lastBackup: null }, metricsPath: '/metrics',
      sockets: { judge: 1, contestant: 0, proctor: 0, scoreboard: 0 },
      verdictLatencyMs: { count: 1, p50: 1500, p90: 1500, p99: 1500 },
      errors: { http5xx: 0, judgingErrors: 1 },
    });
    expect(before.database.bytes).toBeGreaterThan(0);
    expect(before.components).toContainEqual({ name: 'ranking', ok: true, detail: expect.any(String) });

    const path = join(h.dataDir, 'backups', backupFileName(TEST_T0 + 42));
    await backupDatabase(h.ctx.store.db, path);
    const after = (await call<ConsoleHealth>(h.url, 'GET', '/api/arena/console/health', { auth: jury })).body;
    expect(after.database.lastBackup).toEqual({ path, timeMs: TEST_T0 + 42 });
  });
});
