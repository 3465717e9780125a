import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiTestHost } from '../helpers/api-host';
import { connectRecorder, loginToken, MINUTE, until, versioned } from '../realtime-test-support';
import { auditRows, authFor, consoleCall, countRows, startVenueHost } from './venue-support';

interface AlertRow { id: string; teamId: string; teamName: string; kind: string; detail: string; timeMs: number }

async function alerts(h: ApiTestHost, query = ''): Promise<AlertRow[]> {
  const res = await consoleCall<{ alerts: AlertRow[] }>(h, 'GET', `alerts${query}`, { auth: authFor(h, 'jury') });
  expect(res.status).toBe(200);
  return res.body.alerts;
}

let h: ApiTestHost;
beforeAll(async () => {
  h = await startVenueHost();
});
afterAll(async () => {
  await h.close();
});

describe('lockdown alerts', () => {
  it('stores connects, lockdown reports (host time, acked) and disconnects, and pushes console:changed alerts', async () => {
    const proctor = await connectRecorder(h.url, '/proctor', versioned({ token: await loginToken(h, 'jury') }));
    const team = await connectRecorder(h.url, '/contestant', versioned({ token: await loginToken(h, 'team1') }));
    try {
      await until(() => proctor.of<{ topic: string; teamId?: string }>('console:changed').find((c) => c.topic === 'alerts'), 'connect alert push');
      expect((await alerts(h))[0]).toMatchObject({ teamId: 'team1', teamName: 'Team 1', kind: 'connected', timeMs: h.clock() });

      h.clock.advance(MINUTE);
      const ack = await team.socket.timeout(5000).emitWithAck('lockdown:report', { kind: 'display-count-changed', detail: '2 displays', clientTimeMs: 12 });
      expect(ack).toEqual({ ok: true, data: null });
      const latest = (await alerts(h))[0];
      expect(latest).toMatchObject({ teamId: 'team1', kind: 'display-count-changed', detail: '2 displays', timeMs: h.clock() });
      expect(proctor.of('console:changed')).toContainEqual({ topic: 'alerts', teamId: 'team1' });

      const before = countRows(h, 'venue_alerts');
      const bad = await team.socket.timeout(5000).emitWithAck('lockdown:report', { kind: 'teleported' });
      expect(bad.ok).toBe(false);
      expect(bad.error).toContain('kind');
      const extra = await team.socket.timeout(5000).emitWithAck('lockdown:report', { kind: 'focus-lost', sneaky: true });
      expect(extra.ok).toBe(false);
      expect(countRows(h, 'venue_alerts')).toBe(before);
    } finally {
      team.close();
      proctor.close();
    }
    await until(() => (countRows(h, 'venue_alerts') === 3 ? true : undefined), 'the disconnect alert');
    expect((await alerts(h)).map((a) => a.kind)).toEqual(['disconnected', 'display-count-changed', 'connected']);
  });

  it('filters by team, and is for judges and admins only', async () => {
    const team2 = await connectRecorder(h.url, '/contestant', versioned({ token: await loginToken(h, 'team2') }));
    try {
      await until(() => (h.ctx.store.db.prepare("SELECT 1 FROM venue_alerts WHERE team_id = 'team2'").get() ? true : undefined), 'team2 connect alert');
      expect((await alerts(h, '?teamId=team2')).map((a) => [a.teamId, a.kind])).toEqual([['team2', 'connected']]);
    } finally {
      team2.close();
    }
    expect((await consoleCall(h, 'GET', 'alerts', { auth: authFor(h, 'staff') })).status).toBe(403);
    expect((await consoleCall(h, 'GET', 'alerts', { auth: authFor(h, 'team1') })).status).toBe(403);
    expect((await consoleCall(h, 'GET', 'alerts')).status).toBe(401);
    expect((await consoleCall(h, 'GET', 'alerts?teamId=bad%20id', { auth: authFor(h, 'jury') })).status).toBe(400);
  });
});

describe('exit code', () => {
  const verify = (code: string, user = 'team3') =>
    call<{ ok?: boolean; code?: string }>(h.url, 'POST', `/api/arena/contests/${h.seed.contestId}/exit-code/verify`, { auth: authFor(h, user), body: { code } });

  it('is made once per contest, readable, and shown to judges and admins only', async () => {
    const first = await consoleCall<{ code: string }>(h, 'GET', 'exit-code', { auth: authFor(h, 'jury') });
    expect(first.status).toBe(200);
    expect(first.body.code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    expect((await consoleCall<{ code: string }>(h, 'GET', 'exit-code', { auth: authFor(h, 'admin') })).body.code).toBe(first.body.code);
    expect((await consoleCall(h, 'GET', 'exit-code', { auth: authFor(h, 'staff') })).status).toBe(403);
    expect((await consoleCall(h, 'GET', 'exit-code', { auth: authFor(h, 'team1') })).status).toBe(403);
  });

  it('verifies a team\'s code (case and dashes ignored); a wrong one is audited and raises a quit-attempt alert', async () => {
    const { code } = (await consoleCall<{ code: string }>(h, 'GET', 'exit-code', { auth: authFor(h, 'jury') })).body;
    const right = await verify(code.toLowerCase().replace('-', ' '));
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ ok: true });
    const wrong = await verify('AAA-AAA');
    expect(wrong.body).toEqual({ ok: false });
    expect((await alerts(h, '?teamId=team3'))[0]).toMatchObject({ kind: 'quit-attempt', teamId: 'team3' });
    expect(auditRows(h, 'exit-code.accepted')).toEqual([{ actor: 'team3', details: { teamId: 'team3' } }]);
    expect(auditRows(h, 'exit-code.rejected')).toEqual([{ actor: 'team3', details: { teamId: 'team3' } }]);
    expect((await verify(code, 'jury')).status).toBe(403);
    expect((await verify('')).status).toBe(400);
  });

  it('is rate-limited per team after repeated wrong codes, until the window has passed', async () => {
    const { code } = (await consoleCall<{ code: string }>(h, 'GET', 'exit-code', { auth: authFor(h, 'jury') })).body;
    for (let i = 0; i < 5; i++) expect((await verify('WRONG-1', 'team2')).body).toEqual({ ok: false });
    const limited = await verify(code, 'team2');
    expect(limited.status).toBe(429);
    expect((await verify(code, 'team1')).body).toEqual({ ok: true });
    h.clock.advance(61_000);
    expect((await verify(code, 'team2')).body).toEqual({ ok: true });
  });
});
