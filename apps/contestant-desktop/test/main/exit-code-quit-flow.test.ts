import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExitCode, type FetchFn } from '../../src/main/exit-code';
import { createQuitGuard } from '../../src/main/quit-guard';

/** A small real host stand-in on 127.0.0.1: the exit-code route with a fixed code and token, plus misbehaving routes. */
interface Seen { method: string; url: string; authorization: string | undefined; contentType: string | undefined; body: string }
const seen: Seen[] = [];
let server: Server;
let origin: string;
const TOKEN = 'team-token-1';

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
  const send = (status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof value === 'string' ? value : JSON.stringify(value));
  };
  const match = /^\/api\/arena\/contests\/([^/]+)\/exit-code\/verify$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !match) return send(404, { code: 'not_found', message: 'no such route' });
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { code: 'unauthorized', message: 'login required' });
  const contestId = decodeURIComponent(match[1]!);
  if (contestId === 'broken') return send(500, { code: 'internal', message: 'internal error; the host logged the details' });
  if (contestId === 'garbage') return send(200, '<html>proxy login</html>');
  if (contestId === 'closed') return send(409, { code: 'conflict', message: 'exit codes are disabled for this contest' });
  if (contestId === 'slow') return; // never answers
  const parsed = JSON.parse(body) as { code?: unknown };
  send(200, { ok: parsed.code === '4711' });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const realFetch: FetchFn = (url, init) => fetch(url, init);
const session = (contestId = 'nwerc-2026', token = TOKEN) => ({ contestId, token });

describe('verifyExitCode against a real HTTP server', () => {
  it('posts the code with the team token to the contest route and accepts the right code', async () => {
    seen.length = 0;
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session(), code: '4711' })).resolves.toEqual({ ok: true, message: 'Exit code accepted.' });
    expect(seen).toEqual([{ method: 'POST', url: '/api/arena/contests/nwerc-2026/exit-code/verify', authorization: `Bearer ${TOKEN}`, contentType: 'application/json', body: '{"code":"4711"}' }]);
  });

  it('refuses a wrong code', async () => {
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session(), code: '0000' })).resolves.toEqual({ ok: false, message: 'Wrong exit code.' });
  });

  it('asks to log in again when the host refuses the token', async () => {
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session('nwerc-2026', 'stale'), code: '4711' })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/did not accept your login/) });
  });

  it('shows the host error message of a refusal, and stays open on a 5xx or garbage answer', async () => {
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session('closed'), code: '4711' })).resolves.toEqual({ ok: false, message: 'The host refused: exit codes are disabled for this contest' });
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session('broken'), code: '4711' })).resolves.toMatchObject({ ok: false });
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session('garbage'), code: '4711' })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/does not understand/) });
  });

  it('stays open when the host does not answer in time or is unreachable', async () => {
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session('slow'), code: '4711', timeoutMs: 300 })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/unreachable/) });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: `http://127.0.0.1:${port}`, session: session(), code: '4711' })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/unreachable/) });
  });

  it('sends nothing when not logged in or not connected', async () => {
    seen.length = 0;
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: null, code: '4711' })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/Log in first/) });
    await expect(verifyExitCode({ fetch: realFetch, hostOrigin: null, session: session(), code: '4711' })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/Not connected/) });
    expect(seen).toEqual([]);
  });
});

describe('the quit flow end to end (guard + host check)', () => {
  it('blocks quitting, refuses a wrong code, then quits with the proctor’s code', async () => {
    const reports: string[] = [];
    let quits = 0;
    const guard = createQuitGuard({
      verify: (code) => verifyExitCode({ fetch: realFetch, hostOrigin: origin, session: session(), code }),
      reportAttempt: (detail) => reports.push(detail),
      quit: () => { quits += 1; },
    });
    const beforeQuit = { prevented: false, preventDefault() { this.prevented = true; } };
    guard.interceptQuit(beforeQuit, 'quitting the app');
    expect(beforeQuit.prevented).toBe(true);
    expect(await guard.requestQuit('1234')).toEqual({ ok: false, message: 'Wrong exit code.' });
    expect(quits).toBe(0);
    expect(await guard.requestQuit('4711')).toEqual({ ok: true, message: 'Exit code accepted.' });
    expect(quits).toBe(1);
    const afterCode = { prevented: false, preventDefault() { this.prevented = true; } };
    guard.interceptQuit(afterCode, 'quitting the app');
    expect(afterCode.prevented).toBe(false);
    expect(reports).toEqual(['quitting the app blocked (no exit code)', 'exit refused: Wrong exit code.']);
  });
});
