import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContestPackage } from '../../apps/host-server/src/app/import/import-contest';
import { reportResult } from '../../apps/host-server/src/app/judging/job-reports';
import { leaseNextJob } from '../../apps/host-server/src/app/judging/lease-job';
import { startApiTestHost, type ApiTestHost } from '../../apps/host-server/test/helpers/api-host';
import { connectRecorder, settle, versioned, type Recorder } from '../../apps/host-server/test/realtime-test-support';
import { ADMIN, basic, FIXTURE, request, zipBase64 } from '../contest/contest-client';
import { concreteUrl, fetchRaw, leakedMarkers, registeredRoutes, type SweepTarget } from './sweep-support';

// "Testdata never reaches a contestant (only samples)": the fixture contest gets one more secret
// test case whose input and answer carry unique markers; it is imported by the real importer
// and served by a real host. Every REST GET route (as a team and anonymously), the event feed
// and every socket push a team or the public scoreboard receives while a submission is judged
// are searched for the markers. The judge, with its key, is served the same bytes (the control).
const CONTEST = 'sample';
const JUDGE_KEY = 'secret-testdata-judge-key-0123456789';
const nonce = randomBytes(6).toString('hex');
const SECRET_IN = `FIXTURE-SECRET-IN-${nonce}`;
const SECRET_ANS = `FIXTURE-SECRET-ANS-${nonce}`;

let dir: string;
let api: ApiTestHost;
let host: ApiTestHost['host'];
let baseUrl: string;
let target: SweepTarget;
const recorders: Recorder[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arena-secrets-'));
  chmodSync(dir, 0o755);
  const pkg = join(dir, 'package');
  cpSync(FIXTURE, pkg, { recursive: true });
  writeFileSync(join(pkg, 'problems/hello/data/secret/99-marker.in'), `${SECRET_IN}\n`);
  writeFileSync(join(pkg, 'problems/hello/data/secret/99-marker.ans'), `${SECRET_ANS}\n`);
  api = await startApiTestHost({ seed: false, realClock: true, config: { judgeKey: JUDGE_KEY } });
  host = api.host;
  baseUrl = api.url;
  await importContestPackage(host.ctx, pkg);
  const row = host.ctx.store.db.prepare(`SELECT problem_id, id, input_sha256 FROM testcases WHERE contest_id = ? AND name LIKE '%99-marker%'`).get(CONTEST) as
    { problem_id: string; id: string; input_sha256: string } | undefined;
  expect(row, 'the marker test case was imported').toBeDefined();
  target = { baseUrl, contestId: CONTEST, juryAuth: ADMIN, secretSha256: row!.input_sha256, secretTestcase: { problemId: row!.problem_id, id: row!.id } };
  const started = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
}, 60_000);

afterAll(async () => {
  for (const r of recorders) r.close();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('secret test data', () => {
  it('is served to a judge with the key (the markers are really in the host)', async () => {
    const reply = await fetchRaw(baseUrl, 'GET', `/judge/files/${target.secretSha256}`, `Bearer ${JUDGE_KEY}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(SECRET_IN);
  });

  it('is refused at /judge/files to a team token, a team\'s Basic credentials and anonymous clients', async () => {
    const login = await request(baseUrl, 'POST', '/api/login', undefined, { username: 'team1', password: 'team1pass' });
    const token = login.json<{ token: string }>().token;
    for (const auth of [`Bearer ${token}`, basic('team1', 'team1pass'), undefined]) {
      const reply = await fetchRaw(baseUrl, 'GET', `/judge/files/${target.secretSha256}`, auth);
      expect([401, 403]).toContain(reply.status);
      expect(leakedMarkers(reply.text, [SECRET_IN, SECRET_ANS])).toEqual([]);
    }
  });

  it('never reaches a team or the public: no REST route, no event feed, no socket push while a submission is judged', async () => {
    const teamToken = (await request(baseUrl, 'POST', '/api/login', undefined, { username: 'team1', password: 'team1pass' })).json<{ token: string }>().token;
    recorders.push(await connectRecorder(baseUrl, '/contestant', versioned({ token: teamToken })));
    recorders.push(await connectRecorder(baseUrl, '/scoreboard', versioned()));
    const [contestant, scoreboard] = recorders as [Recorder, Recorder];

    const submitted = await request(baseUrl, 'POST', `/api/contests/${CONTEST}/submissions`, basic('team1', 'team1pass'),
      { problem_id: 'hello', language_id: 'python3', files: [{ data: await zipBase64({ 'hello.py': 'print("Hello World!")\n' }) }] });
    expect(submitted.status, submitted.text).toBe(200);
    const job = leaseNextJob(host.ctx, { agentId: 'secrets-test-judge', languages: [] });
    expect(job?.submissionId).toBe(submitted.json<{ id: string }>().id);
    expect(reportResult(host.ctx, 'secrets-test-judge', { leaseId: job!.leaseId, verdict: 'WA' })).toEqual({ ok: true });
    await settle(600);
    expect(contestant.of('event').length, 'the team was pushed its submission and verdict').toBeGreaterThan(0);

    const markers = [SECRET_IN, SECRET_ANS];
    const leaks: string[] = [];
    for (const [who, r] of [['team1 /contestant', contestant], ['/scoreboard', scoreboard]] as const) {
      const found = leakedMarkers(JSON.stringify(r.events), markers);
      if (found.length > 0) leaks.push(`${who} pushes leak ${found.join(', ')}`);
    }
    for (const route of registeredRoutes(host.http).filter((r) => r.method === 'GET')) {
      const { path } = await concreteUrl(target, route);
      for (const [who, auth] of [['team1', `Bearer ${teamToken}`], ['anonymous', undefined]] as const) {
        const reply = await fetchRaw(baseUrl, 'GET', path, auth);
        const found = leakedMarkers(reply.text, markers);
        if (found.length > 0) leaks.push(`${who} GET ${path} (${reply.status}) leaks ${found.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
    // The secret sample route aimed at the secret test case is a refusal, not an empty 200.
    const sample = await fetchRaw(baseUrl, 'GET', `/api/contests/${CONTEST}/problems/hello/samples/${target.secretTestcase.id}/input`, `Bearer ${teamToken}`);
    expect(sample.status).toBe(404);
  });
});
