import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmissionRepo } from '../src/adapters/sqlite/repos/submission-repo';
import { hashSourceFiles, sha256Hex } from '../src/app/submissions/decode-submission-zip';
import { makeZip } from './helpers/api-host';
import { JUDGE_KEY, seedContest, startJudgeHost, type JudgeTestHost } from './helpers/judge-seed';

let h: JudgeTestHost;
let secretSha: string;
beforeAll(async () => {
  h = await startJudgeHost();
  secretSha = seedContest(h.ctx).secretInputSha256;
});
afterAll(async () => {
  await h.close();
});

function get(path: string, headers: Record<string, string | undefined> = {}): Promise<Response> {
  const present = Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined);
  return fetch(`${h.url}${path}`, { headers: Object.fromEntries(present) });
}

describe('GET /judge/files/{sha256}', () => {
  it('serves a blob to a judge (Bearer or X-Judge-Key), byte for byte', async () => {
    for (const headers of [{ authorization: `Bearer ${JUDGE_KEY}` }, { 'x-judge-key': JUDGE_KEY }]) {
      const res = await get(`/judge/files/${secretSha}`, headers);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.toString()).toBe('secret input one\n');
      expect(createHash('sha256').update(body).digest('hex')).toBe(secretSha);
    }
  });

  it.each([
    { name: 'anonymous', headers: {}, status: 401, code: 'unauthorized' },
    { name: 'a team with Basic credentials', headers: { authorization: `Basic ${Buffer.from('team1:password').toString('base64')}` }, status: 401, code: 'unauthorized' },
    { name: 'a bearer token that is not the judge key', headers: { authorization: 'Bearer some-team-session-token' }, status: 403, code: 'forbidden' },
    { name: 'a wrong X-Judge-Key', headers: { 'x-judge-key': `${JUDGE_KEY}x` }, status: 403, code: 'forbidden' },
  ])('refuses secret testdata to $name', async ({ headers, status, code }) => {
    const res = await get(`/judge/files/${secretSha}`, headers);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ code });
    expect(body).not.toContain('secret input');
  });

  it('checks the key before saying whether a hash exists', async () => {
    expect((await get(`/judge/files/${'0'.repeat(64)}`)).status).toBe(401);
    expect((await get('/judge/files/not-a-hash')).status).toBe(401);
  });

  it.each([
    { name: 'not a hash', path: '/judge/files/abc', status: 400 },
    { name: 'uppercase hex', path: `/judge/files/${'A'.repeat(64)}`, status: 400 },
    { name: 'a path trick', path: `/judge/files/..%2F..%2Farena.db`, status: 400 },
    { name: 'an unknown hash', path: `/judge/files/${'0'.repeat(64)}`, status: 404 },
  ])('with the key: $name → $status', async ({ path, status }) => {
    const res = await get(path, { 'x-judge-key': JUDGE_KEY });
    expect(res.status).toBe(status);
    expect((await res.json() as { message: string }).message.length).toBeGreaterThan(0);
  });

  it('serves submitted sources, which live in SQLite with their submission: the zip and each file in it', async () => {
    const files = { 'main.cpp': 'int main() { return 7; }\n', 'lib/util.h': '#pragma once\n' };
    const zip = await makeZip(files);
    const hashed = hashSourceFiles(Object.entries(files).map(([path, text]) => ({ path, data: Buffer.from(text) })));
    const zipSha = sha256Hex(zip);
    h.ctx.store.write(() => new SubmissionRepo(h.db).insertSources(zipSha, zip, hashed));
    expect(h.ctx.blobs.has(zipSha)).toBe(false);

    const zipRes = await get(`/judge/files/${zipSha}`, { 'x-judge-key': JUDGE_KEY });
    expect(zipRes.status).toBe(200);
    expect(Buffer.from(await zipRes.arrayBuffer()).equals(zip)).toBe(true);
    for (const f of hashed) {
      const res = await get(`/judge/files/${f.sha256}`, { 'x-judge-key': JUDGE_KEY });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(await res.text()).toBe(files[f.path as keyof typeof files]);
    }
    // Still judges only.
    expect((await get(`/judge/files/${hashed[0]!.sha256}`)).status).toBe(401);
  });
});
