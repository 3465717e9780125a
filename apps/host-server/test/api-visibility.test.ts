import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, makeZip, startApiTestHost, type ApiTestHost } from './helpers/api-host';

/**
 * Every visibility rule through every endpoint, REST and event feed alike: teams see only their
 * own submissions, judgements and clarifications; runs are jury-only; accounts admin-only;
 * anonymous sees public data; problems only after the start; secret testdata never.
 */

type Who = 'anonymous' | 'team1' | 'team2' | 'team3' | 'jury' | 'admin' | 'analyst';
const WHO: Who[] = ['anonymous', 'team1', 'team2', 'team3', 'jury', 'admin', 'analyst'];
const AUTH: Record<Who, string | undefined> = {
  anonymous: undefined, team1: basic('team1', 'team1pass'), team2: basic('team2', 'team2pass'), team3: basic('team3', 'team3pass'),
  jury: basic('jury', 'jurypass'), admin: basic('admin', 'adminpass'), analyst: basic('analyst', 'analystpass'),
};
const JURY: Who[] = ['jury', 'admin', 'analyst'];

let h: ApiTestHost;
let C: string;
/** Every response body any non-jury viewer received, to check no secret leaked anywhere. */
const nonJuryBodies: string[] = [];

async function get<T = unknown>(who: Who, path: string) {
  const res = await call<T>(h.url, 'GET', `/api/contests/${C}${path}`, { auth: AUTH[who] });
  if (!JURY.includes(who)) nonJuryBodies.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
  return res;
}

async function ids(who: Who, path: string): Promise<string[] | number> {
  const res = await get<Array<{ id: string }>>(who, path);
  return res.status === 200 ? res.body.map((o) => o.id).sort() : res.status;
}

async function feed(who: Who): Promise<Array<{ type: string; id: string | null; data: Record<string, unknown> | null; token: string }>> {
  const res = await get<string>(who, '/event-feed?stream=false');
  expect(res.status).toBe(200);
  return res.body.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

async function feedIds(who: Who, type: string): Promise<string[]> {
  // An object may appear more than once (every update is a line): compare the set of ids.
  return [...new Set((await feed(who)).filter((e) => e.type === type).map((e) => e.id as string))].sort();
}

async function submit(team: Who): Promise<string> {
  const zip = await makeZip({ 'main.cpp': `// by ${team}\nint main(){}` });
  const res = await call<{ id: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, {
    auth: AUTH[team], body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: zip.toString('base64') }] },
  });
  expect(res.status).toBe(200);
  return res.body.id;
}

/** Stores a finished judgement with one run, as the judge queue does, with its events. */
function judge(submissionId: string, teamId: string, verdict: string): { judgementId: string; runId: string } {
  const judgementId = `j${submissionId}`;
  const runId = `${judgementId}-1`;
  h.ctx.store.write((tx) => {
    const judgement = { id: judgementId, submission_id: submissionId, judgement_type_id: verdict, start_time: '2030-01-01T09:05:00.000+00:00',
      start_contest_time: '0:05:00.000', end_time: '2030-01-01T09:05:01.000+00:00', end_contest_time: '0:05:01.000' };
    tx.db.prepare('INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data) VALUES (?, ?, ?, ?, 1, ?, ?, ?)')
      .run(C, judgementId, submissionId, verdict, tx.nowMs, tx.nowMs, JSON.stringify(judgement));
    const run = { id: runId, judgement_id: judgementId, ordinal: 1, judgement_type_id: verdict, time: judgement.end_time, contest_time: '0:05:01.000', run_time: 0.1 };
    tx.db.prepare(`INSERT INTO runs (contest_id, id, judgement_id, ordinal, testcase_id, judgement_type_id, cpu_time_ms, wall_time_ms, memory_bytes, data)
      VALUES (?, ?, ?, 1, 'x1', ?, 100, 120, 1000, ?)`).run(C, runId, judgementId, verdict, JSON.stringify(run));
    tx.emit({ contestId: C, type: 'judgements', id: judgementId, data: judgement, audience: 'team', teamId });
    // Even a run event marked for the team must reach only the jury.
    tx.emit({ contestId: C, type: 'runs', id: runId, data: run, audience: 'team', teamId });
  });
  return { judgementId, runId };
}

/** A rejudge in progress, as the judging module stores it: valid=0 and announced to the jury only. */
function startRejudge(submissionId: string): string {
  const id = `rj${submissionId}`;
  h.ctx.store.write((tx) => {
    const data = { id, submission_id: submissionId, judgement_type_id: null, start_time: '2030-01-01T09:06:00.000+00:00', start_contest_time: '0:06:00.000', end_time: null, end_contest_time: null };
    tx.db.prepare('INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, data) VALUES (?, ?, ?, NULL, 0, ?, ?)')
      .run(C, id, submissionId, tx.nowMs, JSON.stringify(data));
    tx.emit({ contestId: C, type: 'judgements', id, data, audience: 'jury' });
  });
  return id;
}

async function clarify(who: Who, body: Record<string, unknown>): Promise<string> {
  const res = await call<{ id: string; message?: string }>(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: AUTH[who], body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

let s1: string, s2: string, j1: string, j2: string, r1: string, r2: string, rejudge: string;
let c1: string, c2: string, c3: string, c4: string, c5: string, c6: string;

describe('before the contest starts', () => {
  beforeAll(async () => {
    h = await startApiTestHost();
    C = h.seed.contestId;
  });

  it.each(WHO)('problems are jury-only (%s)', async (who) => {
    const expected = JURY.includes(who) ? ['hello', 'sum'] : [];
    expect(await ids(who, '/problems')).toEqual(expected);
    expect(await feedIds(who, 'problems')).toEqual(expected);
    const statement = await get(who, '/problems/hello/statement');
    const samples = await get(who, '/problems/hello/samples');
    const attachment = await get(who, '/problems/hello/attachments/tool.py');
    const single = await get(who, '/problems/hello');
    const status = JURY.includes(who) ? 200 : 403;
    expect([statement.status, samples.status, attachment.status]).toEqual([status, status, status]);
    expect(single.status).toBe(JURY.includes(who) ? 200 : 404);
  });

  it('teams cannot submit yet and the problems are not listed in /access', async () => {
    const access = await get<{ endpoints: Array<{ type: string }> }>('team1', '/access');
    expect(access.body.endpoints.map((e) => e.type)).not.toContain('problems');
    const juryAccess = await get<{ endpoints: Array<{ type: string }> }>('jury', '/access');
    expect(juryAccess.body.endpoints.map((e) => e.type)).toContain('problems');
  });
});

describe('during the contest', () => {
  beforeAll(async () => {
    expect((await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: AUTH.jury, body: { action: 'start' } })).status).toBe(200);
    s1 = await submit('team1');
    s2 = await submit('team2');
    ({ judgementId: j1, runId: r1 } = judge(s1, 'team1', 'WA'));
    ({ judgementId: j2, runId: r2 } = judge(s2, 'team2', 'AC'));
    rejudge = startRejudge(s1);
    c1 = await clarify('team1', { text: 'Is n positive?', problem_id: 'hello' });
    c2 = await clarify('team2', { text: 'May I use Java?' });
    c3 = await clarify('jury', { text: 'Yes.', reply_to_id: c1 });
    c4 = await clarify('jury', { text: 'Yes, everyone may.', reply_to_id: c2, to_team_id: null });
    c5 = await clarify('jury', { text: 'Problem B statement fixed.' });
    c6 = await clarify('jury', { text: 'Team 3, please stop shouting.', to_team_id: 'team3' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('problems are public after the start, in REST and the feed', async () => {
    for (const who of WHO) {
      expect({ who, rest: await ids(who, '/problems'), feed: await feedIds(who, 'problems') })
        .toEqual({ who, rest: ['hello', 'sum'], feed: ['hello', 'sum'] });
    }
  });

  const expectations = (): Array<[string, string, Record<Who, string[] | number>]> => [
    ['submissions', 'submissions', { anonymous: 403, team1: [s1], team2: [s2], team3: [], jury: [s1, s2], admin: [s1, s2], analyst: [s1, s2] }],
    ['judgements', 'judgements', { anonymous: 403, team1: [j1], team2: [j2], team3: [], jury: [j1, j2, rejudge], admin: [j1, j2, rejudge], analyst: [j1, j2, rejudge] }],
    ['runs', 'runs', { anonymous: 403, team1: 403, team2: 403, team3: 403, jury: [r1, r2], admin: [r1, r2], analyst: [r1, r2] }],
    ['accounts', 'accounts', {
      anonymous: 403, team1: 403, team2: 403, team3: 403, jury: 403, analyst: 403,
      admin: ['admin', 'analyst', 'jury', 'team1', 'team2', 'team3'],
    }],
    ['clarifications', 'clarifications', {
      anonymous: [c4, c5], team1: [c1, c3, c4, c5], team2: [c2, c4, c5], team3: [c4, c5, c6],
      jury: [c1, c2, c3, c4, c5, c6], admin: [c1, c2, c3, c4, c5, c6], analyst: [c1, c2, c3, c4, c5, c6],
    }],
  ];

  it('REST collections serve each viewer exactly what it may see', async () => {
    for (const [path, , expected] of expectations()) {
      for (const who of WHO) {
        const want = expected[who];
        expect({ path, who, got: await ids(who, `/${path}`) }).toEqual({ path, who, got: Array.isArray(want) ? [...want].sort() : want });
      }
    }
  });

  it('single objects: visible ones are served, the others are 404 (or 403 for a refused endpoint)', async () => {
    for (const [path, , expected] of expectations()) {
      const all = expected.admin === 403 ? (expected.jury as string[]) : (expected.admin as string[]);
      const everyId = path === 'accounts' ? all : [...new Set([...(expected.jury as string[]), ...all])];
      for (const who of WHO) {
        const want = expected[who];
        for (const id of everyId) {
          const status = (await get(who, `/${path}/${id}`)).status;
          const expectedStatus = typeof want === 'number' ? want : want.includes(id) ? 200 : 404;
          expect({ path, who, id, status }).toEqual({ path, who, id, status: expectedStatus });
        }
      }
    }
  });

  it('the event feed applies the same rules', async () => {
    for (const [, type, expected] of expectations()) {
      for (const who of WHO) {
        const want = expected[who];
        const got = await feedIds(who, type);
        expect({ type, who, got }).toEqual({ type, who, got: Array.isArray(want) ? [...want].sort() : [] });
      }
    }
  });

  it('submission files go to the owning team and the jury only', async () => {
    const status = async (who: Who, id: string) => (await get(who, `/submissions/${id}/files`)).status;
    expect(await status('team1', s1)).toBe(200);
    expect(await status('team1', s2)).toBe(404);
    expect(await status('team3', s1)).toBe(404);
    expect(await status('anonymous', s1)).toBe(403);
    for (const who of JURY) expect(await status(who, s2)).toBe(200);
  });

  it('samples are served, secret test cases never', async () => {
    const samples = await get<Array<{ id: string; input: string }>>('team1', '/problems/hello/samples');
    expect(samples.status).toBe(200);
    expect(samples.body.map((s) => [s.id, s.input])).toEqual([['s1', h.seed.sampleInput]]);
    expect((await get('team1', '/problems/hello/samples/s1/input')).body).toBe(h.seed.sampleInput);
    expect((await get('team1', '/problems/hello/samples/x1/input')).status).toBe(404);
    expect((await get('jury', '/problems/hello/samples/x1/input')).status).toBe(404);
    for (const path of ['/problems/hello/statement-assets/../../x1', `/problems/hello/attachments/${h.seed.secretInputSha256}`,
      `/problems/hello/statement-assets/${h.seed.secretInputSha256}`]) {
      expect((await get('team1', path)).status).toBe(404);
    }
    const statement = await get<string>('team1', '/problems/hello/statement');
    expect(statement.body).toContain('<h1>Hello</h1>');
    expect((await get<string>('team1', '/problems/hello/statement-assets/pic.png')).body).toBe('PNG-BYTES');
    expect((await get<string>('team1', '/problems/hello/attachments/tool.py')).body).toContain('testing tool');
  });

  it('no response to a non-jury viewer contained secret testdata', () => {
    expect(nonJuryBodies.length).toBeGreaterThan(100);
    for (const body of nonJuryBodies) {
      expect(body).not.toContain('SECRET-INPUT');
      expect(body).not.toContain('SECRET-ANSWER');
      expect(body).not.toContain('password');
      expect(body).not.toContain('scrypt$');
    }
  });

  it('public endpoints are public, and /access tells each role what it may use', async () => {
    for (const path of ['', '/state', '/teams', '/organizations', '/groups', '/languages', '/judgement-types']) {
      for (const who of WHO) expect({ path, who, status: (await get(who, path)).status }).toEqual({ path, who, status: 200 });
    }
    const endpoints = async (who: Who) => (await get<{ endpoints: Array<{ type: string }> }>(who, '/access')).body.endpoints.map((e) => e.type);
    expect(await endpoints('anonymous')).not.toContain('submissions');
    expect(await endpoints('team1')).toEqual(expect.arrayContaining(['submissions', 'judgements', 'clarifications', 'problems']));
    expect(await endpoints('team1')).not.toContain('runs');
    expect(await endpoints('jury')).toContain('runs');
    expect(await endpoints('jury')).not.toContain('accounts');
    expect(await endpoints('admin')).toContain('accounts');
  });

  it('an unknown contest is a 404 whatever the credentials', async () => {
    expect((await call(h.url, 'GET', '/api/contests/other/submissions', { auth: AUTH.team1 })).status).toBe(404);
  });
});
