import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, makeZip, startApiTestHost, type ApiTestHost } from '../helpers/api-host';
import { auditRows, countRows } from './venue-support';

const FIXTURE = resolve(__dirname, '../../../../e2e/fixtures/contests/sample');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? walk(abs) : [abs];
  });
}

/** The fixture contest as a zip, with `change` applied to its files (path → content, null = removed). */
async function fixtureZip(change: Record<string, string | null> = {}): Promise<Buffer> {
  const files: Record<string, string | Buffer> = {};
  for (const file of walk(FIXTURE)) files[relative(FIXTURE, file).split('\\').join('/')] = readFileSync(file);
  for (const [path, content] of Object.entries(change)) {
    if (content === null) delete files[path];
    else files[path] = content;
  }
  return makeZip(files);
}

async function upload(h: ApiTestHost, body: Buffer, auth: string | undefined, type = 'application/zip'): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': type };
  if (auth) headers.authorization = auth;
  const res = await fetch(`${h.url}/api/arena/contest-packages`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const ADMIN = basic('admin', 'adminpass');

describe('contest package upload', () => {
  let h: ApiTestHost;
  beforeAll(async () => {
    h = await startApiTestHost({ config: { uploads: { maxPackageBytes: 2 * 1024 * 1024 } } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('imports an uploaded zip like `pnpm host import` and reports it, with an audit row by the admin', async () => {
    const res = await upload(h, await fixtureZip(), ADMIN);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ contestId: 'sample', contestName: 'Arena Sample Contest', created: true });
    expect((res.body.problems as unknown[]).length).toBeGreaterThan(0);
    expect(countRows(h, 'contests')).toBe(2);
    expect(auditRows(h, 'contest.import')).toEqual([expect.objectContaining({ actor: 'admin' })]);

    const again = await upload(h, await fixtureZip(), ADMIN, 'application/octet-stream');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ contestId: 'sample', created: false });
  });

  it('refuses a bad package with 400 naming the file, importing nothing', async () => {
    const tables = ['contests', 'problems', 'teams', 'accounts', 'events', 'testcases'];
    const before = tables.map((t) => countRows(h, t));
    const badYaml = await upload(h, await fixtureZip({ 'contest.yaml': 'id: other\nname: Other\nduration: banana\n' }), ADMIN);
    expect(badYaml.status).toBe(400);
    expect(badYaml.body.message).toContain('contest.yaml');
    const noProblems = await upload(h, await fixtureZip({ 'problems.yaml': null, 'contest.yaml': 'id: other2\nname: Other\nduration: 5:00:00\n' }), ADMIN);
    expect(noProblems.status).toBe(400);
    expect(noProblems.body.message).toContain('problems.yaml');
    const notZip = await upload(h, Buffer.from('this is not a zip file at all'), ADMIN);
    expect(notZip.status).toBe(400);
    expect(String(notZip.body.message)).toContain('the uploaded package');
    expect(String(notZip.body.message)).not.toContain(h.dataDir);
    const empty = await upload(h, Buffer.alloc(0), ADMIN);
    expect(empty.status).toBe(400);
    expect(tables.map((t) => countRows(h, t))).toEqual(before);
  });

  it('refuses a package over the size limit (413), anonymous (401), a judge or a team (403)', async () => {
    const before = countRows(h, 'contests');
    const big = await upload(h, Buffer.alloc(3 * 1024 * 1024, 7), ADMIN);
    expect(big.status).toBe(413);
    // Sent in chunks without a Content-Length: the host counts while streaming to disk.
    const chunk = Buffer.alloc(256 * 1024, 7);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 12) controller.close();
        else {
          sent++;
          controller.enqueue(chunk);
        }
      },
    });
    const chunked = await fetch(`${h.url}/api/arena/contest-packages`, {
      method: 'POST', headers: { 'content-type': 'application/zip', authorization: ADMIN }, body: stream, duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(readdirSync(join(h.dataDir, 'tmp')).filter((n) => n.startsWith('upload-'))).toEqual([]);
    const zip = await fixtureZip({ 'contest.yaml': 'id: other3\nname: Other\nduration: 5:00:00\n' });
    expect((await upload(h, zip, undefined)).status).toBe(401);
    expect((await upload(h, zip, basic('jury', 'jurypass'))).status).toBe(403);
    expect((await upload(h, zip, basic('team1', 'team1pass'))).status).toBe(403);
    expect(countRows(h, 'contests')).toBe(before);
  });
});
