import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContestPackage } from '../src/app/import/import-contest';
import { basic, call, makeZip, startApiTestHost, type ApiTestHost } from './helpers/api-host';

/** The API over a contest loaded by the real importer from the fixture package. */
const FIXTURE = fileURLToPath(new URL('../../../e2e/fixtures/contests/sample', import.meta.url));
let h: ApiTestHost;
const C = 'sample';
const team1 = basic('team1', 'team1pass');
const jury = basic('jury', 'jurypass');

beforeAll(async () => {
  h = await startApiTestHost({ seed: false });
  await importContestPackage(h.ctx, FIXTURE);
});
afterAll(async () => {
  await h?.close();
});

describe('an imported contest', () => {
  it('serves the contest, its accounts log in, and problems stay hidden until the start', async () => {
    const contest = await call<{ id: string; start_time: string }>(h.url, 'GET', `/api/contests/${C}`);
    expect(contest.body).toMatchObject({ id: C, start_time: '2030-01-01T10:00:00.000+00:00' });
    const login = await call<{ account: { team_id: string } }>(h.url, 'POST', '/api/login', { body: { username: 'team1', password: 'team1pass' } });
    expect(login.status).toBe(200);
    expect(login.body.account.team_id).toBe('team1');
    expect((await call<unknown[]>(h.url, 'GET', `/api/contests/${C}/problems`, { auth: team1 })).body).toEqual([]);
    expect((await call<unknown[]>(h.url, 'GET', `/api/contests/${C}/problems`, { auth: jury })).body).toHaveLength(3);
  });

  it('after the start, serves every statement, its assets and attachments, and accepts a submission', async () => {
    expect((await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: jury, body: { action: 'start' } })).status).toBe(200);
    const problems = await call<Array<{ id: string; attachments?: Array<{ href: string }> }>>(h.url, 'GET', `/api/contests/${C}/problems`, { auth: team1 });
    expect(problems.body.map((p) => p.id)).toEqual(['hello', 'guess', 'sumsub']);
    let linked = 0;
    for (const p of problems.body) {
      const statement = await call<string>(h.url, 'GET', `/api/contests/${C}/problems/${p.id}/statement`, { auth: team1 });
      expect({ p: p.id, status: statement.status }).toEqual({ p: p.id, status: 200 });
      // Every asset the sanitized HTML links to is served.
      for (const [, src] of statement.body.matchAll(/src="(\/api\/[^"]+)"/g)) {
        expect({ src, status: (await call(h.url, 'GET', src!, { auth: team1 })).status }).toEqual({ src, status: 200 });
        linked++;
      }
      for (const a of p.attachments ?? []) {
        expect({ href: a.href, status: (await call(h.url, 'GET', a.href, { auth: team1 })).status }).toEqual({ href: a.href, status: 200 });
        linked++;
      }
    }
    // sumsub links an image from its statement and ships an attachment.
    expect(linked).toBeGreaterThanOrEqual(2);
    const samples = await call<Array<{ input: string }>>(h.url, 'GET', `/api/contests/${C}/problems/sumsub/samples`, { auth: team1 });
    expect(samples.status).toBe(200);
    expect(samples.body.length).toBeGreaterThan(0);

    const zip = await makeZip({ 'hello.py': 'print("Hello World!")\n' });
    const languages = await call<Array<{ id: string }>>(h.url, 'GET', `/api/contests/${C}/languages`, { auth: team1 });
    const python = languages.body.map((l) => l.id).find((id) => id.startsWith('python'));
    expect(python).toBeDefined();
    const sub = await call<{ id: string; team_id: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, {
      auth: team1, body: { problem_id: 'hello', language_id: python, files: [{ data: zip.toString('base64') }] },
    });
    expect(sub.status).toBe(200);
    expect(sub.body.team_id).toBe('team1');
  });
});
