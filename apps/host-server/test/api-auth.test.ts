import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, startApiTestHost, type ApiTestHost } from './helpers/api-host';

let h: ApiTestHost;
let C: string;

beforeAll(async () => {
  h = await startApiTestHost({ config: { auth: { sessionTtlHours: 1 } } });
  C = h.seed.contestId;
  await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: basic('jury', 'jurypass'), body: { action: 'start' } });
});
afterAll(async () => {
  await h?.close();
});

interface Login { token: string; expires_at: string; contest_id: string; account: { id: string; type: string; team_id: string | null } }

async function login(username: string, password: string) {
  return call<Login & { code: string; message: string }>(h.url, 'POST', '/api/login', { body: { username, password } });
}

function sessionCount(): number {
  return (h.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
}

describe('login and bearer tokens', () => {
  it('logs a team in and the token identifies it on later requests', async () => {
    const res = await login('team1', 'team1pass');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ contest_id: C, account: { id: 'team1', type: 'team', team_id: 'team1' } });
    expect(Date.parse(res.body.expires_at) - h.clock()).toBe(3_600_000);
    const mine = await call<unknown[]>(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${res.body.token}` });
    expect(mine.status).toBe(200);
    const access = await call<{ capabilities: string[] }>(h.url, 'GET', `/api/contests/${C}/access`, { auth: `Bearer ${res.body.token}` });
    expect(access.body.capabilities).toContain('team_submit');
  });

  it('stores only the sha256 of the token', async () => {
    const res = await login('team2', 'team2pass');
    const rows = h.ctx.store.db.prepare('SELECT token_sha256 FROM sessions').all() as Array<{ token_sha256: string }>;
    expect(rows.some((r) => r.token_sha256 === res.body.token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_sha256))).toBe(true);
  });

  it('refuses a wrong password or unknown user with 401 and creates no session', async () => {
    const before = sessionCount();
    const wrong = await login('team1', 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('wrong username or password');
    const unknown = await login('ghost', 'x');
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe('wrong username or password');
    expect(sessionCount()).toBe(before);
  });

  it('refuses a malformed login body with 400', async () => {
    const res = await call<{ code: string }>(h.url, 'POST', '/api/login', { body: { username: 'team1' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('bad_request');
  });

  it('logout revokes the token', async () => {
    const { body } = await login('team3', 'team3pass');
    const auth = `Bearer ${body.token}`;
    expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth })).status).toBe(200);
    expect((await call(h.url, 'POST', '/api/logout', { auth })).status).toBe(204);
    const after = await call<{ message: string }>(h.url, 'GET', `/api/contests/${C}/submissions`, { auth });
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/log in again/);
    // A revoked token is a 401 even on public data: credentials are never silently ignored.
    expect((await call(h.url, 'GET', `/api/contests/${C}/teams`, { auth })).status).toBe(401);
  });

  it('logout without a bearer token is a 400', async () => {
    expect((await call(h.url, 'POST', '/api/logout')).status).toBe(400);
  });

  it('an unknown token is a 401', async () => {
    expect((await call(h.url, 'GET', `/api/contests/${C}/teams`, { auth: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('a token expires after the configured session lifetime', async () => {
    const { body } = await login('jury', 'jurypass');
    const auth = `Bearer ${body.token}`;
    expect((await call(h.url, 'GET', `/api/contests/${C}/runs`, { auth })).status).toBe(200);
    h.clock.advance(3_600_000);
    const res = await call<{ message: string }>(h.url, 'GET', `/api/contests/${C}/runs`, { auth });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/expired/);
  });
});

describe('HTTP Basic', () => {
  it('is accepted on every endpoint', async () => {
    const auth = basic('admin', 'adminpass');
    for (const path of ['/api', '/api/contests', `/api/contests/${C}`, `/api/contests/${C}/accounts`, `/api/contests/${C}/runs`,
      `/api/contests/${C}/submissions`, `/api/contests/${C}/event-feed?stream=false`, `/api/contests/${C}/access`]) {
      expect({ path, status: (await call(h.url, 'GET', path, { auth })).status }).toEqual({ path, status: 200 });
    }
  });

  it('refuses wrong credentials with 401 even on public endpoints', async () => {
    expect((await call(h.url, 'GET', `/api/contests/${C}/teams`, { auth: basic('team1', 'bad') })).status).toBe(401);
    expect((await call(h.url, 'GET', `/api/contests/${C}/teams`, { auth: 'Basic %%%' })).status).toBe(401);
    expect((await call(h.url, 'GET', `/api/contests/${C}/teams`, { auth: 'Digest abc' })).status).toBe(401);
  });

  it('an analyst reads jury data but is not an admin', async () => {
    const auth = basic('analyst', 'analystpass');
    expect((await call(h.url, 'GET', `/api/contests/${C}/runs`, { auth })).status).toBe(200);
    expect((await call(h.url, 'GET', `/api/contests/${C}/accounts`, { auth })).status).toBe(403);
  });
});

describe('disabled accounts and teams', () => {
  it('a disabled account cannot log in, and its live token stops working', async () => {
    const { body } = await login('team2', 'team2pass');
    h.ctx.store.db.prepare("UPDATE accounts SET enabled = 0 WHERE contest_id = ? AND id = 'team2'").run(C);
    try {
      const res = await login('team2', 'team2pass');
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/disabled/);
      expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: `Bearer ${body.token}` })).status).toBe(403);
      expect((await call(h.url, 'GET', `/api/contests/${C}/submissions`, { auth: basic('team2', 'team2pass') })).status).toBe(403);
    } finally {
      h.ctx.store.db.prepare("UPDATE accounts SET enabled = 1 WHERE contest_id = ? AND id = 'team2'").run(C);
    }
  });

  it('an account of a disabled team cannot log in', async () => {
    h.ctx.store.db.prepare("UPDATE teams SET enabled = 0 WHERE contest_id = ? AND id = 'team3'").run(C);
    try {
      const res = await login('team3', 'team3pass');
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/disabled/);
    } finally {
      h.ctx.store.db.prepare("UPDATE teams SET enabled = 1 WHERE contest_id = ? AND id = 'team3'").run(C);
    }
  });
});

describe('login rate limit', () => {
  it('refuses further attempts for that username after 5 failures, then allows them again', async () => {
    for (let i = 0; i < 5; i++) expect((await login('analyst', `wrong${i}`)).status).toBe(401);
    const limited = await login('analyst', 'analystpass');
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/too many failed logins/);
    // Basic auth is throttled the same way (no brute force around /api/login).
    expect((await call(h.url, 'GET', `/api/contests/${C}/teams`, { auth: basic('analyst', 'analystpass') })).status).toBe(429);
    // Other usernames are unaffected.
    expect((await login('team1', 'team1pass')).status).toBe(200);
    h.clock.advance(60_000);
    expect((await login('analyst', 'analystpass')).status).toBe(200);
  });
});
