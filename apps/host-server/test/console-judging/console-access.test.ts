import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiTestHost } from '../helpers/api-host';
import { analyst, jury, startConsoleHost, team1 } from './console-support';

let h: ApiTestHost;
let C: string;
beforeAll(async () => {
  h = await startConsoleHost();
  C = h.seed.contestId;
});
afterAll(async () => {
  await h?.close();
});

/** Every console judging route, with a body that would be valid for the jury. */
function routes(): Array<[string, string, unknown?]> {
  return [
    ['GET', `/api/arena/contests/${C}/console/submissions`],
    ['GET', `/api/arena/contests/${C}/console/submissions/1`],
    ['POST', `/api/arena/contests/${C}/console/submissions/1/override`, { verdict: 'AC', reason: 'x', password: 'jurypass' }],
    ['POST', `/api/arena/contests/${C}/console/rejudgings`, { problemId: 'hello', reason: 'x' }],
    ['GET', `/api/arena/contests/${C}/console/rejudgings`],
    ['GET', `/api/arena/contests/${C}/console/rejudgings/1`],
    ['POST', `/api/arena/contests/${C}/console/rejudgings/1/apply`],
    ['POST', `/api/arena/contests/${C}/console/rejudgings/1/cancel`],
    ['GET', '/api/arena/console/judges'],
    ['POST', '/api/arena/console/judges/a1/pause'],
    ['POST', '/api/arena/console/judges/a1/resume'],
    ['GET', '/api/arena/console/audit'],
    ['GET', '/api/arena/console/health'],
  ];
}

describe('console judging routes', () => {
  it('answer 401 to anonymous clients and 403 to team and analyst accounts, changing nothing', async () => {
    const before = h.ctx.store.db.prepare('SELECT (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT COUNT(*) FROM events) AS events').get();
    for (const [method, path, body] of routes()) {
      const anonymous = await call<{ code: string }>(h.url, method, path, body === undefined ? {} : { body });
      expect([path, anonymous.status, anonymous.body.code]).toEqual([path, 401, 'unauthorized']);
      for (const auth of [team1, analyst]) {
        const refused = await call<{ code: string }>(h.url, method, path, { auth, ...(body === undefined ? {} : { body }) });
        expect([path, refused.status, refused.body.code]).toEqual([path, 403, 'forbidden']);
      }
    }
    expect(h.ctx.store.db.prepare('SELECT (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT COUNT(*) FROM events) AS events').get()).toEqual(before);
  });

  it('refuse a jury account on another contest\'s routes (403) and bad credentials (401)', async () => {
    const other = await call<{ code: string }>(h.url, 'GET', '/api/arena/contests/other-contest/console/submissions', { auth: jury });
    expect(other.status).toBe(403);
    const wrong = await call<{ code: string }>(h.url, 'GET', '/api/arena/console/judges', { auth: 'Bearer not-a-token' });
    expect(wrong.status).toBe(401);
  });
});
