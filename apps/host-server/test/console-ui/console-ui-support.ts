/**
 * Set-up shared by the console UI tests: the host as its own process (`serve`, real SQLite in a
 * temp dir, real clock, HTTP on 127.0.0.1, no TLS) with the fixture contest imported by the CLI,
 * a REAL judge agent process judging in the native sandbox, and a real chromium.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startJudge, stopJudge, type JudgeProcess } from '../../../../e2e/contest/contest-client';
import type { Page } from '../../../../e2e/ui/browser';
import { CONSOLE_DIST_DIR } from '../../src/http/routes/web-static-routes';
import { killHost, runCli, spawnHost, type HostProcess } from '../ops-support';
import { FIXTURE_DIR } from '../projector-support';

export const CONTEST_ID = 'sample';

/** Fails with the instruction when the console app was not built (`pnpm build`). */
export function requireBuiltConsole(): void {
  if (!existsSync(join(CONSOLE_DIST_DIR, 'index.html'))) {
    throw new Error(`the console app is not built (${CONSOLE_DIST_DIR}): run \`pnpm build\` (or \`pnpm --filter @arena/web-console build\`) first`);
  }
}

export interface ConsoleStack {
  url: string;
  dataDir: string;
  host: HostProcess;
  judge: JudgeProcess;
  close(): Promise<void>;
}

/** Imports the fixture, starts the host and one judge agent (native sandbox). */
export async function startConsoleStack(): Promise<ConsoleStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-console-ui-'));
  chmodSync(dataDir, 0o711); // sandbox uids must traverse to their boxes under it
  let host: HostProcess | undefined;
  try {
    const imported = await runCli(['import', FIXTURE_DIR, '--data', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    host = await spawnHost(['--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
    const url = host.listening.url;
    const judgeKey = readFileSync(join(dataDir, 'judge-key'), 'utf8').trim();
    const judge = startJudge(['--host', url, '--work-dir', join(dataDir, 'judge'), '--cache-dir', join(dataDir, 'judge-cache')], judgeKey);
    const started = host;
    return {
      url, dataDir, host: started, judge,
      async close() {
        stopJudge(judge, 'SIGTERM');
        await Promise.race([judge.exited, new Promise((r) => setTimeout(r, 5000))]);
        stopJudge(judge);
        await killHost(started);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await killHost(host);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Logs in on the console's login form; waits until the console (its header) shows. */
export async function loginOnPage(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('connection-state').and(page.locator('[data-connected="true"]')).waitFor({ timeout: 15_000 });
}

/** Opens a console page through its menu link and waits for its title. */
export async function openPage(page: Page, id: string, title: string): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
  await page.locator('h1#page-title', { hasText: title }).waitFor();
}
