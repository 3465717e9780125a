import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubmissionSources } from '../src/app/submissions/submission-sources';
import { basic, call, makeZip, startApiTestHost, type ApiTestHost } from './helpers/api-host';

const MAX_SOURCE_BYTES = 4096;
let h: ApiTestHost;
let C: string;
const team1 = basic('team1', 'team1pass');
const team2 = basic('team2', 'team2pass');
const jury = basic('jury', 'jurypass');

beforeAll(async () => {
  h = await startApiTestHost({ seed: { teams: 4 }, config: { submissions: { maxSourceBytes: MAX_SOURCE_BYTES, rateLimitBurst: 5, rateLimitPerMinute: 10 } } });
  C = h.seed.contestId;
  expect((await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: jury, body: { action: 'start' } })).status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

function counts(): { submissions: number; events: number; queue: number; zips: number; files: number } {
  const n = (sql: string) => (h.ctx.store.db.prepare(sql).get() as { n: number }).n;
  return {
    submissions: n('SELECT COUNT(*) AS n FROM submissions'),
    events: n('SELECT COUNT(*) AS n FROM events'),
    queue: n('SELECT COUNT(*) AS n FROM judge_queue'),
    zips: n('SELECT COUNT(*) AS n FROM submission_zips'),
    files: n('SELECT COUNT(*) AS n FROM submission_files'),
  };
}

async function body(files: Record<string, string | Buffer> = { 'main.cpp': 'int main() { return 0; }\n' }, extra: Record<string, unknown> = {}) {
  return { problem_id: 'hello', language_id: 'cpp', files: [{ data: (await makeZip(files)).toString('base64') }], ...extra };
}

interface Sub { id: string; team_id: string; problem_id: string; language_id: string; time: string; contest_time: string; files: Array<{ href: string; mime: string }> }

describe('a valid submission', () => {
  it('is stored, announced to its team, queued for judging, and acknowledged with the CLICS object', async () => {
    const before = counts();
    h.clock.advance(61_500);
    const zip = await makeZip({ 'main.cpp': 'int main() { return 0; }\n', 'util/helper.h': '#pragma once\n' });
    const res = await call<Sub>(h.url, 'POST', `/api/contests/${C}/submissions`, {
      auth: team1, body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: zip.toString('base64') }] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      team_id: 'team1', problem_id: 'hello', language_id: 'cpp', contest_time: '0:01:01.500',
      files: [{ href: `contests/${C}/submissions/${res.body.id}/files`, mime: 'application/zip' }],
    });
    expect(counts()).toEqual({ submissions: before.submissions + 1, events: before.events + 1, queue: before.queue + 1, zips: before.zips + 1, files: before.files + 2 });

    const row = h.ctx.store.db.prepare('SELECT team_id, contest_time_ms, files, zip_sha256 FROM submissions WHERE contest_id = ? AND id = ?')
      .get(C, res.body.id) as { team_id: string; contest_time_ms: number; files: string; zip_sha256: string };
    expect(row.contest_time_ms).toBe(61_500);
    const files = JSON.parse(row.files) as Array<{ path: string; sha256: string }>;
    expect(files.map((f) => f.path)).toEqual(['main.cpp', 'util/helper.h']);
    // The sources commit in SQLite with the row (one fsync for both), readable by sha256.
    const sources = createSubmissionSources(h.ctx.store.db);
    expect((await sources.read(files[0]!.sha256))?.toString()).toBe('int main() { return 0; }\n');
    expect((await sources.read(files[1]!.sha256))?.toString()).toBe('#pragma once\n');
    expect(sources.zip(row.zip_sha256)?.equals(zip)).toBe(true);
    expect(h.ctx.blobs.read(row.zip_sha256).equals(zip)).toBe(true);

    const event = h.ctx.store.db.prepare("SELECT audience, team_id, data FROM events WHERE type = 'submissions' AND object_id = ?").get(res.body.id) as { audience: string; team_id: string; data: string };
    expect(event).toMatchObject({ audience: 'team', team_id: 'team1' });
    expect(JSON.parse(event.data)).toEqual(res.body);
    const queued = h.ctx.store.db.prepare('SELECT state, kind, team_id FROM judge_queue WHERE contest_id = ? AND submission_id = ?').get(C, res.body.id);
    expect(queued).toEqual({ state: 'queued', kind: 'submission', team_id: 'team1' });

    const download = await fetch(`${h.url}/api/contests/${C}/submissions/${res.body.id}/files`, { headers: { authorization: team1 } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await download.arrayBuffer()).equals(zip)).toBe(true);
  });

  it('gets monotonically increasing ids', async () => {
    const a = await call<Sub>(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: team2, body: await body() });
    const b = await call<Sub>(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: team2, body: await body({ 'x.cpp': 'int main(){}' }) });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(Number(b.body.id)).toBe(Number(a.body.id) + 1);
  });

  it('may be made by the jury on behalf of a team', async () => {
    const res = await call<Sub>(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: jury, body: await body(undefined, { team_id: 'team4' }) });
    expect(res.status).toBe(200);
    expect(res.body.team_id).toBe('team4');
  });

  it('accepts java with an entry point', async () => {
    const res = await call<Sub>(h.url, 'POST', `/api/contests/${C}/submissions`, {
      auth: team2, body: await body({ 'Main.java': 'class Main {}' }, { language_id: 'java', entry_point: 'Main' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('bad submissions are refused with a clear 4xx and change nothing', () => {
  const traversalZip = async () => {
    const zip = await makeZip({ 'ok.cpp': 'int main(){}', 'aa/evil.cpp': 'x' });
    return Buffer.from(zip.toString('latin1').split('aa/evil.cpp').join('../evil.cpp'), 'latin1');
  };
  const cases: Array<[string, () => Promise<{ auth?: string; body?: unknown; rawBody?: string }>, number, RegExp]> = [
    ['malformed JSON', async () => ({ auth: team1, rawBody: '{"problem_id": "hello", ' }), 400, /JSON/i],
    ['no files', async () => ({ auth: team1, body: { problem_id: 'hello', language_id: 'cpp' } }), 400, /files/],
    ['an empty files list', async () => ({ auth: team1, body: { problem_id: 'hello', language_id: 'cpp', files: [] } }), 400, /files/],
    ['unknown problem', async () => ({ auth: team1, body: await body(undefined, { problem_id: 'nope' }) }), 400, /unknown problem_id "nope"/],
    ['unknown language', async () => ({ auth: team1, body: await body(undefined, { language_id: 'cobol' }) }), 400, /unknown language_id "cobol"/],
    ['bad base64', async () => ({ auth: team1, body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: 'not base64 !!!' }] } }), 400, /not valid base64/],
    ['not a zip', async () => ({ auth: team1, body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: Buffer.from('just some text').toString('base64') }] } }), 400, /not a valid zip/],
    ['a zip path escaping with ..', async () => ({ auth: team1, body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: (await traversalZip()).toString('base64') }] } }), 400, /"\.\.\/evil\.cpp"/],
    ['an empty zip', async () => ({ auth: team1, body: await body({}) }), 400, /no files/],
    ['too large', async () => ({ auth: team1, body: await body({ 'big.cpp': randomBytes(MAX_SOURCE_BYTES + 100) }) }), 413, /at most 4096 bytes/],
    ['too large once unpacked', async () => ({ auth: team1, body: await body({ 'big.cpp': 'a'.repeat(MAX_SOURCE_BYTES * 4) }) }), 413, /too large/],
    ['java without an entry point', async () => ({ auth: team1, body: await body({ 'Main.java': 'class Main {}' }, { language_id: 'java' }) }), 400, /entry_point/],
    ['a team submitting for another team', async () => ({ auth: team1, body: await body(undefined, { team_id: 'team2' }) }), 403, /only submit for itself/],
    ['the jury without team_id', async () => ({ auth: jury, body: await body() }), 400, /team_id is required/],
    ['the jury for an unknown team', async () => ({ auth: jury, body: await body(undefined, { team_id: 'ghost' }) }), 400, /no team ghost/],
    ['anonymous', async () => ({ body: await body() }), 401, /log in/],
    ['an analyst', async () => ({ auth: basic('analyst', 'analystpass'), body: await body(undefined, { team_id: 'team1' }) }), 403, /only teams, judges and admins/],
  ];

  it.each(cases)('%s', async (_name, make, status, message) => {
    const before = counts();
    const res = await call<{ code: string; message: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, await make());
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
    expect(counts()).toEqual(before);
  });

  it('a disabled team cannot submit', async () => {
    h.ctx.store.db.prepare("UPDATE teams SET enabled = 0 WHERE contest_id = ? AND id = 'team4'").run(C);
    try {
      const before = counts();
      const res = await call<{ message: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: jury, body: await body(undefined, { team_id: 'team4' }) });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/disabled/);
      expect(counts()).toEqual(before);
    } finally {
      h.ctx.store.db.prepare("UPDATE teams SET enabled = 1 WHERE contest_id = ? AND id = 'team4'").run(C);
    }
  });

  it('an unknown contest is a 404', async () => {
    const res = await call(h.url, 'POST', '/api/contests/nope/submissions', { auth: jury, body: await body(undefined, { team_id: 'team1' }) });
    expect(res.status).toBe(404);
  });
});

describe('per-team rate limit', () => {
  it('allows the burst, then answers 429 without storing anything; other teams are unaffected', async () => {
    const team3 = basic('team3', 'team3pass');
    for (let i = 0; i < 5; i++) {
      expect((await call(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: team3, body: await body({ [`s${i}.cpp`]: `// ${i}` }) })).status).toBe(200);
    }
    const before = counts();
    const limited = await call<{ code: string; message: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: team3, body: await body() });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    expect(limited.body.message).toMatch(/try again in 6 s/);
    expect(counts()).toEqual(before);
    expect((await call(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: team1, body: await body() })).status).toBe(200);
    h.clock.advance(6_000);
    expect((await call(h.url, 'POST', `/api/contests/${C}/submissions`, { auth: team3, body: await body() })).status).toBe(200);
  });
});
