import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHost, runCli, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { ADMIN, FIXTURE, request, startJudge, stopJudge, submit, waitForVerdicts, type JudgeProcess } from './contest-client';

// The venue setup with no typing: a host serving HTTPS with its self-signed certificate and
// advertising `_arena._tcp` over real mDNS; a judge started with no --host finds it, pins the
// certificate to the fingerprint from the TXT record, and judges over WSS. And the other side of
// pinning: a judge told the wrong fingerprint refuses to talk to the host.
const contestId = `mdns-${randomBytes(4).toString('hex')}`;
let dataDir: string;
let host: HostProcess | undefined;
let judgeKey: string;
const judges: JudgeProcess[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arena-e2e-mdns-'));
  chmodSync(dataDir, 0o711);
  const imported = await runCli(['import', FIXTURE, '--data', dataDir, '--contest-id', contestId, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await spawnHost(['--data', dataDir, '--port', '0']);
  expect(host.listening.tls).toBe(true);
  judgeKey = readFileSync(join(dataDir, 'judge-key'), 'utf8').trim();
  const started = await request(host.listening.url, 'POST', `/api/contests/${contestId}/clock`, ADMIN, { action: 'start' });
  expect(started.status, started.text).toBe(200);
}, 120_000);

afterAll(async () => {
  for (const j of judges) stopJudge(j);
  await killHost(host);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('judge discovery and certificate pinning', () => {
  it('finds the host over mDNS with no address typed, pins its certificate and judges over TLS', async () => {
    const judge = startJudge(['--contest', contestId, '--discover-seconds', '3', '--work-dir', join(dataDir, 'judge'), '--cache-dir', join(dataDir, 'cache')], judgeKey);
    judges.push(judge);
    const url = host!.listening.url;
    const id = await submit(url, contestId, 'team1', 'hello', 'python3', { 'hello.py': 'print("Hello World!")\n' });
    const verdicts = await waitForVerdicts(url, contestId, [id], 90_000);
    expect(verdicts.get(id), judge.log().slice(-3000)).toBe('AC');
    expect(judge.log()).toMatch(/using host .* at https:\/\//);
  }, 120_000);

  it('refuses a host whose certificate does not match the fingerprint it was given', async () => {
    const wrong = Array.from({ length: 32 }, () => 'AB').join(':');
    const judge = startJudge(['--host', host!.listening.url, '--fingerprint', wrong, '--work-dir', join(dataDir, 'judge-wrong')], judgeKey);
    judges.push(judge);
    expect(await judge.exited).toBe(1);
    expect(judge.log()).toMatch(/expected AB:AB.*refusing to connect/);
  }, 60_000);
});
