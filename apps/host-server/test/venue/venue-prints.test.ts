import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiTestHost } from '../helpers/api-host';
import { auditRows, authFor, consoleCall, countRows, startVenueHost } from './venue-support';

interface PrintRow { id: string; teamId: string; teamName: string; filename: string; languageId: string | null; timeMs: number; state: string; error: string | null }

function postPrint(h: ApiTestHost, body: unknown, user = 'team1') {
  return call<{ id: string }>(h.url, 'POST', `/api/arena/contests/${h.seed.contestId}/prints`, { auth: authFor(h, user), body });
}

async function printDetail(h: ApiTestHost, id: string): Promise<PrintRow & { text: string }> {
  const res = await consoleCall<PrintRow & { text: string }>(h, 'GET', `prints/${id}`, { auth: authFor(h, 'staff') });
  expect(res.status).toBe(200);
  return res.body;
}

/** Polls the console (25 ms steps, 10 s at most) until the job leaves `queued`/`printing`. */
async function finished(h: ApiTestHost, id: string): Promise<PrintRow & { text: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = await printDetail(h, id);
    if (job.state === 'printed' || job.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`print ${id} is still ${job.state}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const SOURCE = '#include <cstdio>\nint main() { puts("hi"); }\n';
/** Writes its stdin to the file named by its first argument: a real print command. */
const WRITE_STDIN = "require('fs').writeFileSync(process.argv[1], require('fs').readFileSync(0))";

describe('print jobs with a print command', () => {
  let h: ApiTestHost;
  let outDir: string;
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'arena-print-out-'));
    h = await startVenueHost({ print: { command: [process.execPath, '-e', WRITE_STDIN, `${outDir}/{team}.out`] } });
  });
  afterAll(async () => {
    await h.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('a team print job runs the command (text on stdin, placeholders filled) and ends printed, with audit rows', async () => {
    const res = await postPrint(h, { filename: 'main.cpp', languageId: 'cpp', text: SOURCE });
    expect(res.status).toBe(202);
    const job = await finished(h, res.body.id);
    expect(job).toMatchObject({ id: res.body.id, teamId: 'team1', teamName: 'Team 1', filename: 'main.cpp', languageId: 'cpp', state: 'printed', error: null, text: SOURCE });
    expect(readFileSync(join(outDir, 'team1.out'), 'utf8')).toBe(SOURCE);
    expect(auditRows(h, 'print.create')).toEqual([{ actor: 'team1', details: { printId: Number(res.body.id), teamId: 'team1', filename: 'main.cpp', bytes: SOURCE.length } }]);
    expect(auditRows(h, 'print.printed')).toHaveLength(1);

    const list = await consoleCall<{ prints: PrintRow[] }>(h, 'GET', 'prints', { auth: authFor(h, 'staff') });
    expect(list.body.prints.map((p) => [p.id, p.state])).toEqual([[res.body.id, 'printed']]);
    expect(list.body.prints[0]).not.toHaveProperty('text');
  });

  it('retry prints again', async () => {
    const res = await postPrint(h, { filename: 'again.py', text: 'print(1)\n' }, 'team2');
    await finished(h, res.body.id);
    rmSync(join(outDir, 'team2.out'));
    const retried = await consoleCall<PrintRow>(h, 'POST', `prints/${res.body.id}/retry`, { auth: authFor(h, 'staff') });
    expect(retried.status).toBe(200);
    expect((await finished(h, res.body.id)).state).toBe('printed');
    expect(readFileSync(join(outDir, 'team2.out'), 'utf8')).toBe('print(1)\n');
    expect(auditRows(h, 'print.retry')).toEqual([{ actor: 'staff', details: { printId: Number(res.body.id), state: 'queued' } }]);
  });

  it('refuses bad input (400) and other roles (console: team 403, anonymous 401; posting: jury 403), storing nothing', async () => {
    const before = countRows(h, 'venue_prints');
    expect((await postPrint(h, { filename: 'x.cpp', text: '' })).status).toBe(400);
    expect((await postPrint(h, { filename: 'x.cpp', text: 'x', colour: 'red' })).status).toBe(400);
    expect((await postPrint(h, { filename: 'x.cpp', text: 'x' }, 'jury')).status).toBe(403);
    const anonymous = await call(h.url, 'POST', `/api/arena/contests/${h.seed.contestId}/prints`, { body: { filename: 'x.cpp', text: 'x' } });
    expect(anonymous.status).toBe(401);
    expect(countRows(h, 'venue_prints')).toBe(before);

    expect((await consoleCall(h, 'GET', 'prints', { auth: authFor(h, 'team1') })).status).toBe(403);
    expect((await consoleCall(h, 'GET', 'prints/1', { auth: authFor(h, 'team1') })).status).toBe(403);
    expect((await consoleCall(h, 'POST', 'prints/1/done', { auth: authFor(h, 'team1') })).status).toBe(403);
    expect((await consoleCall(h, 'GET', 'prints')).status).toBe(401);
    expect((await consoleCall(h, 'GET', 'prints', { auth: authFor(h, 'jury') })).status).toBe(200);
    expect((await consoleCall(h, 'GET', 'prints/999', { auth: authFor(h, 'staff') })).status).toBe(404);
  });

  it('limits how many jobs a team may send at once', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await postPrint(h, { filename: `f${i}.txt`, text: 'x' }, 'team3')).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('print jobs whose command fails', () => {
  let h: ApiTestHost;
  beforeAll(async () => {
    h = await startVenueHost({ print: { command: [process.execPath, '-e', "process.stderr.write('printer on fire'); process.exit(3)", '{title}'] } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('ends failed with the exit status and what the command said; done marks it printed by hand', async () => {
    const res = await postPrint(h, { filename: 'a.cpp', text: SOURCE });
    const job = await finished(h, res.body.id);
    expect(job.state).toBe('failed');
    expect(job.error).toContain('exited with status 3');
    expect(job.error).toContain('printer on fire');
    expect(auditRows(h, 'print.failed')).toHaveLength(1);

    await consoleCall(h, 'POST', `prints/${res.body.id}/retry`, { auth: authFor(h, 'staff') });
    expect((await finished(h, res.body.id)).state).toBe('failed');
    const done = await consoleCall<PrintRow>(h, 'POST', `prints/${res.body.id}/done`, { auth: authFor(h, 'staff') });
    expect(done.body).toMatchObject({ state: 'printed', error: null });
    expect(auditRows(h, 'print.done')).toEqual([{ actor: 'staff', details: { printId: Number(res.body.id), state: 'printed' } }]);
  });
});

describe('print jobs without a print command', () => {
  let h: ApiTestHost;
  beforeAll(async () => {
    h = await startVenueHost();
  });
  afterAll(async () => {
    await h.close();
  });

  it('stay queued for the print desk, which prints the text from the browser and marks them done', async () => {
    const res = await postPrint(h, { filename: 'Main.java', languageId: 'java', text: 'class Main {}\n' });
    expect(res.status).toBe(202);
    const job = await printDetail(h, res.body.id);
    expect(job).toMatchObject({ state: 'queued', text: 'class Main {}\n', error: null });
    const retry = await consoleCall<PrintRow>(h, 'POST', `prints/${res.body.id}/retry`, { auth: authFor(h, 'staff') });
    expect(retry.body.state).toBe('queued');
    const done = await consoleCall<PrintRow>(h, 'POST', `prints/${res.body.id}/done`, { auth: authFor(h, 'admin') });
    expect(done.body.state).toBe('printed');
  });
});
