import type { ContestEventPush, RealtimeAck, RealtimeWelcome, Scoreboard, ScoreboardDelta, ScoreboardRow, ScoreboardSnapshot } from '@arena/protocol';
import { PROTOCOL_VERSION } from '@arena/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { reportFailure } from '../src/app/judging/job-reports';
import { leaseNextJob } from '../src/app/judging/lease-job';
import { call, type ApiTestHost } from './helpers/api-host';
import {
  authOf, connectRecorder, judgeNext, loginToken, MINUTE, settle, START_MS, startLiveHost, submit, until, versioned, type Recorder,
} from './realtime-test-support';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function host(teams = 3): Promise<ApiTestHost> {
  const h = await startLiveHost({ teams });
  cleanups.push(() => h.close());
  h.clock.set(START_MS + 10 * MINUTE);
  return h;
}

async function connected(h: ApiTestHost, namespace: string, auth: Record<string, unknown>): Promise<Recorder> {
  const r = await connectRecorder(h.url, namespace, auth);
  cleanups.push(() => r.close());
  return r;
}

async function refusal(h: ApiTestHost, namespace: string, auth: Record<string, unknown>): Promise<string> {
  try {
    const r = await connectRecorder(h.url, namespace, auth);
    r.close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${namespace} accepted ${JSON.stringify(auth)}`);
}

/** Applies deltas (in seq order) on top of a snapshot's rows. */
function applyDeltas(snapshot: ScoreboardSnapshot, deltas: readonly ScoreboardDelta[]): Map<string, ScoreboardRow> {
  const rows = new Map(snapshot.scoreboard.rows.map((r) => [r.team_id, r]));
  for (const delta of deltas.filter((d) => d.seq > snapshot.seq)) {
    for (const row of delta.rows) rows.set(row.team_id, row);
    for (const [teamId, rank] of Object.entries(delta.ranks ?? {})) rows.set(teamId, { ...rows.get(teamId)!, rank });
    for (const teamId of delta.removed ?? []) rows.delete(teamId);
  }
  return rows;
}

async function restRows(h: ApiTestHost, auth?: string): Promise<Map<string, ScoreboardRow>> {
  const res = await call<Scoreboard>(h.url, 'GET', `/api/contests/${h.seed.contestId}/scoreboard`, auth ? { auth } : {});
  return new Map(res.body.rows.map((r) => [r.team_id, r]));
}

describe('handshake', () => {
  it('refuses another protocol version on every namespace, saying what to do', async () => {
    const h = await host();
    const token = await loginToken(h, 'team1');
    const juryToken = await loginToken(h, 'jury');
    for (const [namespace, t] of [['/scoreboard', undefined], ['/contestant', token], ['/proctor', juryToken]] as const) {
      const auth = t === undefined ? {} : { token: t };
      expect(await refusal(h, namespace, { ...auth, protocolVersion: PROTOCOL_VERSION + 1 }))
        .toBe(`protocol version ${PROTOCOL_VERSION + 1}, host speaks ${PROTOCOL_VERSION}: update the app`);
      expect(await refusal(h, namespace, auth)).toBe(`no protocol version, host speaks ${PROTOCOL_VERSION}: update the app`);
    }
    expect(await refusal(h, '/scoreboard', versioned({ contestId: 'no-such-contest' }))).toBe('no contest no-such-contest');
  });

  it('admits only team tokens on /contestant and only jury tokens on /proctor', async () => {
    const h = await host();
    const juryToken = await loginToken(h, 'jury');
    const teamToken = await loginToken(h, 'team1');
    expect(await refusal(h, '/contestant', versioned())).toMatch(/^log in first/);
    expect(await refusal(h, '/contestant', versioned({ token: 'forged-token' }))).toMatch(/not valid/);
    expect(await refusal(h, '/contestant', versioned({ token: juryToken }))).toBe('the contestant connection is for team accounts; jury is a judge account');
    expect(await refusal(h, '/proctor', versioned({ token: teamToken }))).toMatch(/for jury accounts/);
    expect(await refusal(h, '/proctor', versioned())).toMatch(/^log in first/);

    const team = await connected(h, '/contestant', versioned({ token: teamToken }));
    const welcome = await until(() => team.of<RealtimeWelcome>('welcome')[0], 'welcome');
    expect(welcome).toMatchObject({ contestId: h.seed.contestId, teamId: 'team1', serverTimeMs: h.ctx.clock(), contest: { id: h.seed.contestId } });
    expect(welcome.state.started).not.toBeNull();
    const proctor = await connected(h, '/proctor', versioned({ token: juryToken }));
    const snapshots = await until(() => (proctor.of<ScoreboardSnapshot>('scoreboard:snapshot').length === 2 ? proctor.of<ScoreboardSnapshot>('scoreboard:snapshot') : undefined), 'two snapshots');
    expect(snapshots.map((s) => s.view)).toEqual(['public', 'jury']);
  });
});

describe('/contestant isolation', () => {
  it('pushes a team its own submissions, verdicts and clarifications, and never another team’s', async () => {
    const h = await host();
    const C = h.seed.contestId;
    const team1 = await connected(h, '/contestant', versioned({ token: await loginToken(h, 'team1') }));
    const team2 = await connected(h, '/contestant', versioned({ token: await loginToken(h, 'team2') }));
    const proctor = await connected(h, '/proctor', versioned({ token: await loginToken(h, 'jury') }));

    const submissionId = await submit(h, 'team2');
    judgeNext(h, 'WA');
    const question = await call<{ id: string }>(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: authOf('team2'), body: { text: 'Is n > 0?' } });
    expect(question.status).toBe(200);
    await call(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: authOf('jury'), body: { text: 'Yes.', reply_to_id: question.body.id, to_team_id: 'team2' } });
    await call(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: authOf('jury'), body: { text: 'Problem B is fixed.' } });

    const own = await until(() => {
      const events = team2.of<ContestEventPush>('event');
      return events.filter((e) => e.type === 'clarifications').length === 3 && events.some((e) => e.type === 'judgements' && e.data?.judgement_type_id === 'WA') ? events : undefined;
    }, 'team2 pushes');
    expect(own.filter((e) => e.type === 'submissions').map((e) => e.id)).toEqual([submissionId]);
    for (const push of own) expect(push.serverTimeMs).toBe(h.ctx.clock());
    await until(() => (proctor.of<ContestEventPush>('event').filter((e) => e.type === 'clarifications').length === 3 ? true : undefined), 'proctor pushes');
    await settle();

    const seenByTeam1 = team1.of<ContestEventPush>('event');
    expect(seenByTeam1.filter((e) => e.type === 'submissions' || e.type === 'judgements' || e.type === 'runs')).toEqual([]);
    expect(seenByTeam1.filter((e) => e.type === 'clarifications').map((e) => e.data?.text)).toEqual(['Problem B is fixed.']);
    expect(JSON.stringify(team1.events)).not.toContain('Is n > 0?');
    expect(JSON.stringify(team1.events)).not.toContain('"Yes."');
    // The jury sees everything, including the runs.
    expect(proctor.of<ContestEventPush>('event').filter((e) => e.type === 'judgements' && e.data?.judgement_type_id === 'WA')).toHaveLength(1);
  });

  it('alerts the proctor of judging errors, and tells nobody else', async () => {
    const h = await host();
    const team1 = await connected(h, '/contestant', versioned({ token: await loginToken(h, 'team1') }));
    const proctor = await connected(h, '/proctor', versioned({ token: await loginToken(h, 'jury') }));
    const submissionId = await submit(h, 'team1');
    const job = leaseNextJob(h.ctx, { agentId: 'judge-a', languages: [] })!;
    expect(reportFailure(h.ctx, 'judge-a', { leaseId: job.leaseId, reason: 'sandbox: cgroup missing' })).toEqual({ ok: true });
    const alert = await until(() => proctor.of('judging:alert')[0], 'alert');
    expect(alert).toMatchObject({ contestId: h.seed.contestId, submissionId, agentId: 'judge-a', reason: 'sandbox: cgroup missing', held: false, attempts: 1 });
    await settle(200);
    expect(team1.of('judging:alert')).toEqual([]);
  });
});

describe('/scoreboard deltas', () => {
  it('coalesces a burst of 50 verdicts to at most ~4 deltas a second, ending on the right board', async () => {
    const h = await host(5);
    const board = await connected(h, '/scoreboard', versioned());
    const snapshot = await until(() => board.of<ScoreboardSnapshot>('scoreboard:snapshot')[0], 'snapshot');
    expect(snapshot).toMatchObject({ contestId: h.seed.contestId, view: 'public', seq: 0, serverTimeMs: h.ctx.clock() });
    for (let i = 0; i < 50; i++) {
      h.clock.advance(10_000);
      await submit(h, `team${(i % 5) + 1}`, i % 2 === 0 ? 'hello' : 'sum');
    }
    await settle(600);
    const before = board.of<ScoreboardDelta>('scoreboard:delta').length;
    const startedMs = performance.now();
    for (let i = 0; i < 50; i++) {
      judgeNext(h, i % 3 === 0 ? 'AC' : 'WA');
      await new Promise((r) => setTimeout(r, 20));
    }
    const expected = await restRows(h);
    await until(() => {
      const rows = applyDeltas(snapshot, board.of<ScoreboardDelta>('scoreboard:delta'));
      return JSON.stringify([...rows.entries()].sort()) === JSON.stringify([...expected.entries()].sort()) ? true : undefined;
    }, 'deltas reach the final board');
    const elapsedMs = performance.now() - startedMs;
    const burst = board.of<ScoreboardDelta>('scoreboard:delta').slice(before);
    expect(burst.length).toBeGreaterThan(1);
    expect(burst.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 250) + 1);
    const seqs = board.of<ScoreboardDelta>('scoreboard:delta').map((d) => d.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    for (const delta of burst) expect(delta.serverTimeMs).toBe(h.ctx.clock());
  });

  it('answers snapshot requests (after a gap) with the whole board at the current seq; bad requests change nothing', async () => {
    const h = await host();
    const board = await connected(h, '/scoreboard', versioned());
    await until(() => board.of('scoreboard:snapshot')[0], 'snapshot');
    await submit(h, 'team3');
    judgeNext(h, 'AC');
    const delta = await until(() => board.of<ScoreboardDelta>('scoreboard:delta').find((d) => d.rows.some((r) => r.team_id === 'team3' && r.score.num_solved === 1)), 'delta');

    const ack = await board.socket.timeout(5000).emitWithAck('snapshot', {}) as RealtimeAck<ScoreboardSnapshot>;
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.seq).toBe(delta.seq);
    expect(new Map(ack.data.scoreboard.rows.map((r) => [r.team_id, r]))).toEqual(await restRows(h));

    expect(await board.socket.timeout(5000).emitWithAck('snapshot', { view: 'nonsense' })).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid snapshot request: view/) });
    expect(await board.socket.timeout(5000).emitWithAck('snapshot', 'please')).toMatchObject({ ok: false });
    expect(await board.socket.timeout(5000).emitWithAck('snapshot', { view: 'jury' })).toEqual({ ok: false, error: 'only the public board is served on /scoreboard' });
    const team = await connected(h, '/contestant', versioned({ token: await loginToken(h, 'team1') }));
    expect(await team.socket.timeout(5000).emitWithAck('snapshot', { view: 'jury' })).toEqual({ ok: false, error: 'only the jury can see the jury board' });
    const proctor = await connected(h, '/proctor', versioned({ token: await loginToken(h, 'jury') }));
    const jury = await proctor.socket.timeout(5000).emitWithAck('snapshot', { view: 'jury' }) as RealtimeAck<ScoreboardSnapshot>;
    expect(jury).toMatchObject({ ok: true, data: { view: 'jury' } });
  });
});
