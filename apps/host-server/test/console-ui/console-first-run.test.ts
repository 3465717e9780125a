import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFolder } from '../../../../e2e/contest/whole-contest-stack';
import { launchBrowser, runAxe, saveScreenshot, type Page, type UiBrowser } from '../../../../e2e/ui/browser';
import { call } from '../helpers/api-host';
import { killHost, spawnHost, type HostProcess } from '../ops-support';
import { FIXTURE_DIR } from '../projector-support';
import { loginOnPage, requireBuiltConsole } from './console-ui-support';

// First run of a fresh host from the proctor console, in a real chromium against a real host
// process (`serve` on an empty data dir, plain HTTP on 127.0.0.1): the host prints a one-time
// setup code; the login page offers the "First run" panel; a wrong code is refused; the fixture
// contest (zipped with yazl) is uploaded with the printed code; then its admin logs in.
let dataDir: string;
let host: HostProcess | undefined;
let browser: UiBrowser;
let page: Page;
let setupCode: string;

beforeAll(async () => {
  requireBuiltConsole();
  dataDir = mkdtempSync(join(tmpdir(), 'arena-console-first-run-'));
  chmodSync(dataDir, 0o711);
  host = await spawnHost(['--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
  browser = await launchBrowser();
  page = await browser.newPage({ width: 1366, height: 768 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await killHost(host);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('console first run on a host with no contest', () => {
  it('prints a one-time setup code in the listening line and its log, kept in a 0600 file', () => {
    const listening = host!.stdoutLines().map((line) => JSON.parse(line) as { event?: string; setupCode?: unknown }).find((l) => l.event === 'listening');
    expect(listening?.setupCode).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    setupCode = String(listening!.setupCode);
    expect(host!.stderr()).toContain(`enter setup code ${setupCode}`);
    expect(statSync(join(dataDir, 'setup-code')).mode & 0o777).toBe(0o600);
  });

  it('shows the First run panel on the login page (screenshot, no serious axe findings)', async () => {
    await page.goto(`${host!.listening.url}/console/`);
    const panel = page.getByTestId('first-run');
    await panel.getByRole('heading', { name: 'First run' }).waitFor({ timeout: 10_000 });
    // The setup code field has the focus: the operator can type at once.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('first-run-code');
    await saveScreenshot(page, 'console/first-run-1366x768');
    const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
  });

  it('refuses a wrong code with the host\'s reason and imports nothing', async () => {
    const zip = await zipFolder(FIXTURE_DIR);
    await page.getByLabel('Setup code').fill(setupCode.startsWith('AAA') ? 'CCC-CCC-CCC' : 'AAA-AAA-AAA');
    await page.getByLabel('Contest package (.zip)').setInputFiles({ name: 'sample.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByRole('button', { name: 'Upload package' }).click();
    await expect.poll(() => page.getByTestId('first-run-error').textContent(), { timeout: 10_000 }).toContain('wrong setup code');
    expect((await call<unknown[]>(host!.listening.url, 'GET', '/api/contests')).body).toEqual([]);
  });

  it('uploads the package with the printed code (Enter in the code field), shows the report, then admin logs in', async () => {
    const url = host!.listening.url;
    const codeField = page.getByLabel('Setup code');
    await codeField.fill(setupCode.toLowerCase());
    await codeField.press('Enter');
    const report = page.getByTestId('first-run-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toContain('Imported contest Arena Sample Contest (sample): A, B, C.');
    expect(await report.textContent()).toContain('log in with an admin account from the package');
    // The username field has the focus for the next step.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('login-username');
    await saveScreenshot(page, 'console/first-run-imported-1366x768');
    expect(existsSync(join(dataDir, 'setup-code'))).toBe(false);
    expect((await call<{ needed: boolean }>(url, 'GET', '/api/arena/setup')).body.needed).toBe(false);

    await loginOnPage(page, url, 'admin', 'adminpass');
    // The header shows the contest id until the contest object has loaded: wait for the name.
    await expect.poll(() => page.getByTestId('contest-name').textContent()).toBe('Arena Sample Contest');
    // A fresh login page no longer offers first run.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').waitFor();
    expect(await page.getByTestId('first-run').count()).toBe(0);
  }, 120_000);
});
