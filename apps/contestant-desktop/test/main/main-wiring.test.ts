import { build } from 'esbuild';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../src/shared/bridge';
import type { FakeElectronRecord } from './helpers/fake-electron';

/**
 * Boots the REAL main-process bundle (src/main/main.ts, built with esbuild like build:main) with
 * `electron` replaced by a recorder (helpers/fake-electron.ts), and checks the composition
 * root's wiring: what it registers and how it answers the events Electron would fire. The
 * policies themselves are tested in their own files; the host is a real HTTP server.
 */
const appDir = fileURLToPath(new URL('../../', import.meta.url));
let out: string;
let server: Server;
let hostOrigin: string;
let record: FakeElectronRecord;
const frame = { url: 'app://arena/index.html', parent: null };

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'arena-main-'));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: req.url === '/api/arena/contests/c1/exit-code/verify' && req.headers.authorization === 'Bearer tok' && body === '{"code":"4711"}' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await mkdir(join(out, 'renderer'), { recursive: true });
  await writeFile(join(out, 'renderer', 'index.html'), '<!doctype html><title>Arena</title>');
  await mkdir(join(out, 'preset'), { recursive: true });
  await writeFile(join(out, 'preset', 'arena-preset.json'), JSON.stringify({ host: { url: hostOrigin }, contentProtection: true }));
  await build({
    entryPoints: [join(appDir, 'src/main/main.ts')],
    outfile: join(out, 'main', 'main.cjs'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
    alias: { electron: join(appDir, 'test/main/helpers/fake-electron.ts') },
  });
  (globalThis as { __fakeElectronUserData?: string }).__fakeElectronUserData = join(out, 'user-data');
  createRequire(import.meta.url)(join(out, 'main', 'main.cjs'));
  record = (globalThis as { __fakeElectron?: FakeElectronRecord }).__fakeElectron!;
  record.ready();
  await vi.waitFor(() => expect(record.windows[0]?.loaded).toEqual(['app://arena/index.html']));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(out, { recursive: true, force: true });
});

const invoke = (channel: string, payload?: unknown) => record.ipcHandlers.get(channel)!({ senderFrame: frame }, ...(payload === undefined ? [] : [payload]));
const preventable = () => {
  const e = { prevented: false, preventDefault() { e.prevented = true; } };
  return e;
};

describe('main process wiring (real bundle, recorded Electron)', () => {
  it('declares app: a standard secure scheme and serves the renderer with the CSP', async () => {
    expect(record.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const handler = record.protocolHandlers.get('app')!;
    const page = await handler(new Request('app://arena/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Arena</title>');
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${hostOrigin} ws://127.0.0.1:`);
    expect((await handler(new Request('app://arena/assets/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://arena/%2e%2e%2fpreset%2farena-preset.json'))).status).toBe(404);
  });

  it('opens one kiosk window with the secure options, no menu and content protection from the preset', () => {
    expect(record.windows).toHaveLength(1);
    const window = record.windows[0]!;
    expect(window.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: join(out, 'main', 'preload.cjs') } });
    expect(window.menuRemoved).toBe(true);
    expect(window.contentProtection).toBe(true);
  });

  it('connects to the preset host and registers every IPC channel', async () => {
    expect([...record.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC).filter((c) => c !== IPC.discoveryChanged && c !== IPC.lockdownSignal).sort());
    await vi.waitFor(async () => expect(await invoke(IPC.discoveryState)).toMatchObject({ phase: 'connected', chosen: { url: hostOrigin, source: 'preset' } }));
  });

  it('grants only clipboard writes, saves only app attachments, rejects certificates of a host without TLS, and adds CORS for the host only', () => {
    const request = (permission: string) => {
      let granted: boolean | null = null;
      (record.session.permissionRequest as unknown as (w: unknown, p: string, cb: (g: boolean) => void, d: unknown) => void)(null, permission, (g) => { granted = g; }, { requestingUrl: 'app://arena/index.html' });
      return granted;
    };
    expect(request('media')).toBe(false);
    expect(request('clipboard-read')).toBe(false);
    expect(request('clipboard-sanitized-write')).toBe(true);
    const download = (url: string) => {
      const event = preventable();
      const item = { savePath: null as string | null, getURL: () => url, getFilename: () => '../notes.txt', setSavePath(p: string) { item.savePath = p; } };
      record.session.emit('will-download', event, item);
      return { prevented: event.prevented, savePath: item.savePath };
    };
    expect(download('blob:app://arena/1')).toEqual({ prevented: false, savePath: join(out, 'user-data', 'downloads', 'Arena', 'notes.txt') });
    expect(download('https://evil.example/x.exe')).toEqual({ prevented: true, savePath: null });
    let verdict: number | null = null;
    (record.session.certificateVerify as unknown as (r: unknown, cb: (v: number) => void) => void)({ hostname: '127.0.0.1', certificate: { data: 'x' } }, (v) => { verdict = v; });
    expect(verdict).toBe(-2);
    const headers = (url: string) => {
      let patched: { responseHeaders: Record<string, string[]> } | null = null;
      (record.session.headersReceived as unknown as (d: unknown, cb: (p: typeof patched) => void) => void)({ url, method: 'GET', responseHeaders: {} }, (p) => { patched = p; });
      return patched!.responseHeaders;
    };
    expect(headers(`${hostOrigin}/api/contests`)['Access-Control-Allow-Origin']).toEqual(['app://arena']);
    expect(headers('http://127.0.0.1:1/api')['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('blocks foreign navigation, new windows and escape keys on the window', () => {
    const contents = record.windows[0]!.webContents;
    const nav = preventable();
    contents.emit('will-navigate', Object.assign(nav, { url: 'https://evil.example/' }));
    expect(nav.prevented).toBe(true);
    const ok = preventable();
    contents.emit('will-navigate', Object.assign(ok, { url: 'app://arena/index.html' }));
    expect(ok.prevented).toBe(false);
    expect((contents.windowOpenHandler as unknown as (d: { url: string }) => unknown)({ url: 'app://arena/x' })).toEqual({ action: 'deny' });
    const key = preventable();
    contents.emit('before-input-event', key, { type: 'keyDown', key: 'r', control: true, meta: false, alt: false, shift: false });
    expect(key.prevented).toBe(true);
  });

  it('keeps the app open without the exit code, reports it, and quits with the code the host accepts', async () => {
    const window = record.windows[0]!;
    const beforeQuit = preventable();
    record.app.emit('before-quit', beforeQuit);
    const close = preventable();
    window.emit('close', close);
    expect([beforeQuit.prevented, close.prevented]).toEqual([true, true]);
    window.emit('blur');
    window.webContents.emit('did-finish-load');
    const signals = window.webContents.sent.filter(([channel]) => channel === IPC.lockdownSignal).map(([, s]) => (s as { kind: string }).kind);
    expect(signals).toEqual(expect.arrayContaining(['app-started', 'quit-attempt', 'focus-lost']));
    await invoke(IPC.sessionSet, { session: { contestId: 'c1', token: 'tok' } });
    expect(await invoke(IPC.quit, { exitCode: '0000' })).toEqual({ ok: false, message: 'Wrong exit code.' });
    expect(record.app.quitCalls).toBe(0);
    expect(await invoke(IPC.quit, { exitCode: '4711' })).toEqual({ ok: true, message: 'Exit code accepted.' });
    expect(record.app.quitCalls).toBe(1);
    const afterCode = preventable();
    record.app.emit('before-quit', afterCode);
    expect(afterCode.prevented).toBe(false);
  });

  it('saves drafts under userData/drafts and refuses calls from another frame', async () => {
    await invoke(IPC.draftSave, { key: { contestId: 'c1', problemId: 'A', languageId: 'cpp' }, text: 'x' });
    expect(await readdir(join(out, 'user-data', 'userData', 'drafts'))).toHaveLength(1);
    await expect(record.ipcHandlers.get(IPC.draftList)!({ senderFrame: { url: hostOrigin, parent: null } }, { contestId: 'c1' })).rejects.toThrow(/did not come from the Arena app/);
    expect(record.errors).toEqual([]);
  });
});
