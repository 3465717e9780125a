import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, startApiTestHost, TEST_T0, type ApiTestHost } from '../../apps/host-server/test/helpers/api-host';
import { connectRecorder, MINUTE, settle, until, versioned } from '../../apps/host-server/test/realtime-test-support';

// Sessions end: a token past its lifetime (short, from the config) and a logged-out token are
// refused by every REST route and by every realtime namespace that takes a login, and a logout
// ends the live sockets of that token at once; logins are rate-limited per client and username
// with a Retry-After the client can obey. (A live socket whose token expires is ended by the
// periodic check: apps/host-server/test/test-runs/realtime-session-expiry.test.ts.)
const TTL_MS = 30 * MINUTE;

let h: ApiTestHost;
let C: string;

beforeAll(async () => {
  h = await startApiTestHost({ seed: { teams: 3, scheduledStartMs: TEST_T0 }, config: { auth: { sessionTtlHours: TTL_MS / 3_600_000 } } });
  C = h.seed.contestId;
  h.clock.set(TEST_T0 + 10 * MINUTE);
});
afterAll(async () => {
  await h?.close();
});

async function login(username: string, password: string) {
  return call<{ token: string; expires_at: string; code?: string; message?: string }>(h.url, 'POST', '/api/login', { body: { username, password } });
}

/** The refusal message of a realtime connection, or null when it was admitted. */
async function socketRefusal(namespace: string, token: string): Promise<string | null> {
  try {
    const r = await connectRecorder(h.url, namespace, versioned({ token }));
    r.close();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('session lifetime', () => {
  it('a token works until the configured lifetime and is refused after it, over REST and on /contestant and /proctor', async () => {
    const team = (await login('team1', 'team1pass')).body;
    const jury = (await login('jury', 'jurypass')).body;
    expect(Date.parse(team.expires_at) - h.clock()).toBe(TTL_MS);
    expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${team.token}` })).status).toBe(200);
    expect(await socketRefusal('/contestant', team.token)).toBeNull();
    expect(await socketRefusal('/proctor', jury.token)).toBeNull();

    h.clock.advance(TTL_MS - 1);
    expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${team.token}` })).status).toBe(200);
    h.clock.advance(1);
    for (const [path, token] of [[`/api/contests/${C}/submissions`, team.token], [`/api/contests/${C}/runs`, jury.token], [`/api/contests/${C}/teams`, team.token]] as const) {
      const res = await call<{ code: string; message: string }>(h.url, 'GET', path, { auth: `Bearer ${token}` });
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'unauthorized' });
      expect(res.body.message).toMatch(/expired; log in again/);
    }
    expect(await socketRefusal('/contestant', team.token)).toMatch(/expired/);
    expect(await socketRefusal('/proctor', jury.token)).toMatch(/expired/);
    // Logging in again gives a new, working session.
    const again = (await login('team1', 'team1pass')).body;
    expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${again.token}` })).status).toBe(200);
  });
});

describe('logout', () => {
  it('revokes the token for REST and realtime, ends its live sockets at once, and touches no other token', async () => {
    const first = (await login('team2', 'team2pass')).body;
    const second = (await login('team2', 'team2pass')).body;
    const jury = (await login('jury', 'jurypass')).body;
    // Live sockets of the token (and of another) as the host runs them (realtime-session-expiry).
    const live = await connectRecorder(h.url, '/contestant', versioned({ token: first.token }));
    const liveJury = await connectRecorder(h.url, '/proctor', versioned({ token: jury.token }));
    const other = await connectRecorder(h.url, '/contestant', versioned({ token: second.token }));
    try {
      expect((await call(h.url, 'POST', '/api/logout', { auth: `Bearer ${first.token}` })).status).toBe(204);
      expect((await call(h.url, 'POST', '/api/logout', { auth: `Bearer ${jury.token}` })).status).toBe(204);
      for (const r of [live, liveJury]) {
        await until(() => (r.socket.connected ? undefined : true), 'the logged-out socket to be disconnected');
        expect(r.of<{ reason: string }>('session:ended').map((e) => e.reason)).toEqual([expect.stringMatching(/logged out/)]);
      }
      await settle(200);
      expect(other.socket.connected).toBe(true);
      expect(other.of('session:ended')).toEqual([]);
    } finally {
      for (const r of [live, liveJury, other]) r.close();
    }

    const after = await call<{ message: string }>(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${first.token}` });
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/logged out/);
    expect(await socketRefusal('/contestant', first.token)).toMatch(/log in again/);
    // A second logout of the same token changes nothing and still leaves it revoked.
    await call(h.url, 'POST', '/api/logout', { auth: `Bearer ${first.token}` });
    expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${first.token}` })).status).toBe(401);
    // The team's other session is untouched.
    expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${second.token}` })).status).toBe(200);
    expect(await socketRefusal('/contestant', second.token)).toBeNull();
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after repeated wrong passwords, for /api/login and Basic, and lets the right password in after that time', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login('team3', `guess-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);

    const limited = await login('team3', 'team3pass');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    const retryAfterS = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfterS)).toBe(true);
    expect(retryAfterS).toBeGreaterThan(0);
    expect(retryAfterS).toBeLessThanOrEqual(60);
    const viaBasic = await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: basic('team3', 'team3pass') });
    expect(viaBasic.status).toBe(429);
    expect(viaBasic.headers.get('retry-after')).not.toBeNull();

    h.clock.advance(retryAfterS * 1000 - 1000);
    expect((await login('team3', 'team3pass')).status).toBe(429);
    h.clock.advance(1000);
    const ok = await login('team3', 'team3pass');
    expect(ok.status).toBe(200);
    expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${ok.body.token}` })).status).toBe(200);
  });
});
