/**
 * Playwright helpers for every UI test: a headless Debian chromium (`/usr/bin/chromium`; the
 * Playwright browser download does not work here) with a fresh profile in a temp dir, that
 * lets pages talk to loopback only and records everything else they try, plus console-error
 * capture, axe-core checks and screenshots into e2e/artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export type { BrowserContext, Page };

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, offline, reproducible chromium (no GPU, no QUIC, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** e2e/artifacts/: screenshots and other outputs of UI tests (gitignored). */
export const ARTIFACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../artifacts');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface UiBrowser {
  readonly context: BrowserContext;
  /** Every request to something other than loopback (blocked before it left the machine). */
  readonly externalRequests: string[];
  /** Console errors and uncaught exceptions of every page opened with `newPage`. */
  readonly consoleErrors: string[];
  /** A new tab with the given viewport (default 1920x1080). */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Closes chromium and deletes the profile. Safe to call twice. */
  close(): Promise<void>;
}

function isLoopback(rawUrl: string): boolean {
  const url = new URL(rawUrl);
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Launches chromium with a fresh `--user-data-dir`. Requests (HTTP and WebSocket) to anything
 * but 127.0.0.1 / localhost are aborted and recorded in `externalRequests`.
 */
export async function launchBrowser(options: { reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<UiBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'arena-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1920, height: 1080 },
      reducedMotion: options.reducedMotion ?? 'no-preference',
      serviceWorkers: 'block',
    });
  } catch (err) {
    rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }
  const externalRequests: string[] = [];
  const consoleErrors: string[] = [];
  await context.route((url) => !isLoopback(url.href), async (route) => {
    externalRequests.push(route.request().url());
    await route.abort('blockedbyclient');
  });
  await context.routeWebSocket((url) => !isLoopback(url.href), (ws) => {
    externalRequests.push(ws.url());
    void ws.close();
  });
  // Requests the router never sees (a preload, a beacon) still show up here.
  context.on('request', (request) => {
    if (!isLoopback(request.url()) && !externalRequests.includes(request.url())) externalRequests.push(request.url());
  });

  let closed = false;
  return {
    context, externalRequests, consoleErrors,
    async newPage(viewport = { width: 1920, height: 1080 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
      return page;
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (from node_modules, injected into the page) and returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // Runs in the page: its globals are typed by hand (this package has no DOM lib).
    const page = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> };
    };
    const result = await page.axe.run(page.document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

/** Saves a full-viewport PNG as e2e/artifacts/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
