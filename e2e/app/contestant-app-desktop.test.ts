import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, runAxe, saveScreenshot, type Page, type UiBrowser } from '../ui/browser';
import { basic, FIXTURE, request } from '../contest/contest-client';
import { hostCli, startHost, stopHost, type RunningHost } from './app-host';

// The renderer's desktop-only paths (window.arena present) against a REAL host: the connect
// screen, session hand-over to main, lockdown signals forwarded on the socket as
// `lockdown:report` (they must reach the proctor's alerts), drafts through the bridge, and the
// Quit dialog with the proctor's exit code (checked by the real host). Electron's main process
// is not part of this test: a small page-side stand-in plays the preload bridge, recording
// what the renderer asks of it and checking the exit code with the host like main does.
const CONTEST = 'sample';
const JURY = basic('jury', 'jurypass');
const SIZES = [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }] as const;

let dataDir: string;
let host: RunningHost | undefined;
let browser: UiBrowser | undefined;
let page: Page;
const axeFindings: string[] = [];

interface BridgeLog {
  sessions: Array<{ contestId: string; token: string } | null>;
  drafts: Record<string, string>;
  quitAccepted: boolean;
}

/** The stand-in preload bridge, installed before the app's scripts run. */
function installBridge(hostUrl: string): void {
  // Runs in the page: its globals are typed by hand (this package has no DOM lib).
  const w = globalThis as unknown as Record<string, unknown>;
  const log: BridgeLog = { sessions: [], drafts: {}, quitAccepted: false };
  const lockdownListeners: Array<(signal: unknown) => void> = [];
  const found = { url: hostUrl, contestId: 'sample', contestName: 'Arena Sample Contest', fingerprint: null, source: 'mdns' };
  let state = { phase: 'choose', hosts: [found], chosen: null as unknown, fingerprintToConfirm: null, error: null };
  let token: string | null = null;
  w.__bridgeLog = log;
  w.__lockdown = (signal: unknown) => lockdownListeners.forEach((l) => l(signal));
  w.arena = {
    kind: 'desktop',
    discovery: {
      state: async () => state,
      onState: () => () => undefined,
      choose: async (address: string) => {
        state = { ...state, phase: 'connected', chosen: { ...found, url: address } };
        return state;
      },
      confirmFingerprint: async () => state,
    },
    drafts: {
      save: async (key: { problemId: string; languageId: string }, text: string) => { log.drafts[`${key.problemId}/${key.languageId}`] = text; },
      load: async (key: { contestId: string; problemId: string; languageId: string }) => {
        const text = log.drafts[`${key.problemId}/${key.languageId}`];
        return text === undefined ? null : { ...key, text, savedMs: Date.now() };
      },
      list: async () => [],
    },
    session: {
      set: async (session: { contestId: string; token: string } | null) => {
        log.sessions.push(session);
        token = session?.token ?? null;
      },
    },
    lockdown: {
      onSignal: (listener: (signal: unknown) => void) => {
        lockdownListeners.push(listener);
        return () => lockdownListeners.splice(lockdownListeners.indexOf(listener), 1);
      },
    },
    quit: async (code: string) => {
      const res = await fetch(`${hostUrl}/api/arena/contests/sample/exit-code/verify`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ code }),
      });
      const body = await res.json() as { ok?: boolean; message?: string };
      log.quitAccepted = res.ok && body.ok === true;
      return log.quitAccepted ? { ok: true, message: 'quitting' } : { ok: false, message: body.message ?? 'wrong exit code' };
    },
  };
}

async function bridgeLog(): Promise<BridgeLog> {
  return page.evaluate(() => (globalThis as unknown as { __bridgeLog: BridgeLog }).__bridgeLog);
}

async function shootEveryScreen(name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250);
    await saveScreenshot(page, `app/${name}-${size.width}x${size.height}`);
    for (const v of await runAxe(page)) {
      if (v.impact === 'serious' || v.impact === 'critical') axeFindings.push(`${name} ${size.width}x${size.height}: ${v.id} (${v.impact}) ${v.help} ${v.nodes.join(' ')}`);
    }
  }
  await page.setViewportSize(SIZES[0]);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arena-e2e-app-desktop-'));
  mkdirSync(join(ARTIFACTS_DIR, 'app'), { recursive: true });
  const imported = await hostCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await startHost(['--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
  const started = await request(host.url, 'POST', `/api/contests/${CONTEST}/clock`, basic('admin', 'adminpass'), { action: 'start' });
  expect(started.status, started.text).toBe(200);
  browser = await launchBrowser({ reducedMotion: 'reduce' });
  page = await browser.newPage(SIZES[0]);
  await page.addInitScript(installBridge, host.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopHost(host);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the contestant app with the desktop bridge against a real host', () => {
  it('picks a discovered host, logs in and hands the session to main', async () => {
    await page.goto(`${host!.url}/app/`);
    await page.getByRole('heading', { name: 'Find the contest host' }).waitFor();
    await shootEveryScreen('connect');
    await page.getByRole('list', { name: 'Hosts found' }).getByRole('button').click();
    await page.getByLabel('Username').fill('team2');
    await page.getByLabel('Password').fill('team2pass');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByTestId('connection').innerText(), { timeout: 10_000 }).toBe('Connected');
    const sessions = (await bridgeLog()).sessions;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ contestId: CONTEST });
    expect(sessions[0]!.token.length).toBeGreaterThan(10);
  });

  it('saves drafts through the bridge', async () => {
    await page.locator('button[data-problem-id="hello"]').click();
    await page.getByLabel('Language').selectOption('python3');
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.type('print(42)');
    await expect.poll(async () => (await bridgeLog()).drafts['hello/python3']).toBe('print(42)');
  });

  it('forwards lockdown signals to the host, where the proctor sees them as alerts', async () => {
    await page.evaluate(() => (globalThis as unknown as { __lockdown(s: unknown): void }).__lockdown({ kind: 'focus-lost', detail: 'switched to another window', clientTimeMs: Date.now() }));
    await expect.poll(async () => {
      const alerts = await request(host!.url, 'GET', `/api/arena/contests/${CONTEST}/console/alerts?teamId=team2`, JURY);
      return alerts.json<{ alerts?: Array<{ kind: string; detail: string }> }>().alerts ?? [];
    }).toContainEqual(expect.objectContaining({ kind: 'focus-lost', detail: 'switched to another window' }));
  });

  it('quits only with the proctor exit code', async () => {
    await page.getByRole('button', { name: 'Quit' }).click();
    await page.getByLabel('Exit code').fill('not-the-code');
    await page.getByRole('dialog').getByRole('button', { name: 'Quit' }).click();
    await page.getByRole('dialog').getByRole('alert').waitFor();
    expect((await bridgeLog()).quitAccepted).toBe(false);
    await shootEveryScreen('quit-dialog');

    const code = (await request(host!.url, 'GET', `/api/arena/contests/${CONTEST}/console/exit-code`, JURY)).json<{ code: string }>().code;
    await page.getByLabel('Exit code').fill(code);
    await page.getByRole('dialog').getByRole('button', { name: 'Quit' }).click();
    await expect.poll(async () => (await bridgeLog()).quitAccepted).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it('tells main when the team logs out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').waitFor();
    expect((await bridgeLog()).sessions.at(-1)).toBeNull();
  });

  it('has no serious accessibility violations and no request leaving the machine', () => {
    expect(axeFindings).toEqual([]);
    expect(browser!.externalRequests).toEqual([]);
  });
});
