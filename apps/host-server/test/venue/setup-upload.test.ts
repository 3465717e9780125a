import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeZip, startApiTestHost, type ApiTestHost } from '../helpers/api-host';
import { auditRows, countRows } from './venue-support';

// First-run setup of a fresh host (no contest): the one-time setup code in <dataDir>/setup-code,
// the public status route and the code-guarded package upload, against a real host (SQLite file
// in a temp dir, HTTP on 127.0.0.1, hand-moved clock).
const FIXTURE = resolve(__dirname, '../../../../e2e/fixtures/contests/sample');
const TABLES = ['contests', 'problems', 'teams', 'accounts', 'events', 'testcases'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? walk(abs) : [abs];
  });
}

/** The fixture contest as a zip, with `change` applied to its files (path → content). */
async function fixtureZip(change: Record<string, string> = {}): Promise<Buffer> {
  const files: Record<string, string | Buffer> = {};
  for (const file of walk(FIXTURE)) files[relative(FIXTURE, file).split('\\').join('/')] = readFileSync(file);
  Object.assign(files, change);
  return makeZip(files);
}

interface Answer { status: number; body: Record<string, unknown> }

/** Posts `body` to the first-run route with `code` in the header (or, with `inQuery`, in the URL). */
async function setupUpload(h: ApiTestHost, body: Buffer, code: string | null, inQuery = false): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/zip' };
  if (code !== null && !inQuery) headers['x-arena-setup-code'] = code;
  const query = code !== null && inQuery ? `?code=${encodeURIComponent(code)}` : '';
  const res = await fetch(`${h.url}/api/arena/setup/contest-package${query}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const codeFile = (h: ApiTestHost) => join(h.dataDir, 'setup-code');
const storedCode = (h: ApiTestHost) => readFileSync(codeFile(h), 'utf8').trim();
const setupNeeded = async (h: ApiTestHost) => (await call<{ needed: boolean }>(h.url, 'GET', '/api/arena/setup')).body.needed;

/** A code of the stored code's shape that is not it. */
function wrongCode(code: string): string {
  return code.startsWith('AAA') ? 'CCC-CCC-CCC' : 'AAA-AAA-AAA';
}

describe('first-run setup of a host with no contest', () => {
  let h: ApiTestHost;
  beforeAll(async () => {
    h = await startApiTestHost({ seed: false, config: { uploads: { maxPackageBytes: 4 * 1024 * 1024 } } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates a readable one-time code in a file only the host\'s user can read (0600) and says setup is needed', async () => {
    expect(storedCode(h)).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    expect(statSync(codeFile(h)).mode & 0o777).toBe(0o600);
    expect(await setupNeeded(h)).toBe(true);
  });

  it('refuses a wrong or missing code (403) and imports nothing', async () => {
    const zip = await fixtureZip();
    const before = TABLES.map((t) => countRows(h, t));
    const wrong = await setupUpload(h, zip, wrongCode(storedCode(h)));
    expect(wrong.status).toBe(403);
    expect(String(wrong.body.message)).toContain('wrong setup code');
    expect((await setupUpload(h, zip, null)).status).toBe(403);
    expect((await setupUpload(h, zip, '')).status).toBe(403);
    expect(TABLES.map((t) => countRows(h, t))).toEqual(before);
    expect(await setupNeeded(h)).toBe(true);
  });

  it('refuses a bad package with the right code (400 naming the file): nothing imported, the code still valid', async () => {
    const before = TABLES.map((t) => countRows(h, t));
    const code = storedCode(h);
    const bad = await setupUpload(h, await fixtureZip({ 'contest.yaml': 'id: sample\nname: Broken\nduration: banana\n' }), code);
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('contest.yaml');
    const notZip = await setupUpload(h, Buffer.from('this is not a zip file at all'), code);
    expect(notZip.status).toBe(400);
    expect(String(notZip.body.message)).toContain('the uploaded package');
    expect(TABLES.map((t) => countRows(h, t))).toEqual(before);
    expect(storedCode(h)).toBe(code);
    expect(await setupNeeded(h)).toBe(true);
  });

  it('imports with the right code (typed in lower case, in the URL), audits it as \'setup\', deletes the code; the package\'s admin can log in', async () => {
    const code = storedCode(h);
    const res = await setupUpload(h, await fixtureZip(), code.toLowerCase().replace(/-/g, ' '), true);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ contestId: 'sample', contestName: 'Arena Sample Contest', created: true });
    expect(countRows(h, 'contests')).toBe(1);
    expect(auditRows(h, 'contest.import')).toEqual([expect.objectContaining({ actor: 'setup' })]);
    expect(existsSync(codeFile(h))).toBe(false);
    expect(await setupNeeded(h)).toBe(false);
    const login = await call<{ account: { type: string } }>(h.url, 'POST', '/api/login', { body: { username: 'admin', password: 'adminpass' } });
    expect(login.status).toBe(200);
    expect(login.body.account.type).toBe('admin');

    // The code is spent: the same upload again is a conflict that points to the admin login.
    const again = await setupUpload(h, await fixtureZip(), code);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('this host already has a contest; log in as its admin');
    expect(countRows(h, 'contests')).toBe(1);
    expect(auditRows(h, 'contest.import')).toHaveLength(1);
  });
});

describe('first-run setup code guessing', () => {
  let h: ApiTestHost;
  beforeAll(async () => {
    h = await startApiTestHost({ seed: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 after 5 wrong codes within a minute, even for the right code, until the minute has passed', async () => {
    const code = storedCode(h);
    const zip = await fixtureZip();
    for (let i = 0; i < 5; i++) expect((await setupUpload(h, zip, wrongCode(code))).status).toBe(403);
    const limited = await setupUpload(h, zip, code);
    expect(limited.status).toBe(429);
    expect(String(limited.body.message)).toContain('too many wrong setup codes');
    expect(countRows(h, 'contests')).toBe(0);
    h.clock.advance(60_000);
    const res = await setupUpload(h, zip, code);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});

describe('a host that already has a contest', () => {
  let h: ApiTestHost;
  beforeAll(async () => {
    h = await startApiTestHost();
  });
  afterAll(async () => {
    await h.close();
  });

  it('says no setup is needed, keeps no setup code and answers 409 to a first-run upload', async () => {
    expect(await setupNeeded(h)).toBe(false);
    expect(existsSync(codeFile(h))).toBe(false);
    const res = await setupUpload(h, await fixtureZip(), 'AAA-AAA-AAA');
    expect(res.status).toBe(409);
    expect(countRows(h, 'contests')).toBe(1);
  });
});
