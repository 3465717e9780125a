import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, runAxe, saveScreenshot, type Page, type UiBrowser } from '../ui/browser';
import { basic, FIXTURE, request, startJudge, stopJudge, type JudgeProcess } from '../contest/contest-client';
import { hostCli, startHost, stopHost, type RunningHost } from './app-host';

// The contestant app (/app, the desktop renderer's browser build) against a REAL host process
// with the sample contest running and a REAL judge agent judging in the native sandbox: log in,
// read a statement, write code in Monaco, reload and find it restored, submit AC and WA and
// see both verdicts pushed, ask a clarification and see the jury's answer arrive, watch the
// scoreboard update, and get a clear refusal when submitting while the host is down. Every
// screen is screenshotted at 1366x768 and 1920x1080 and checked with axe-core.
const CONTEST = 'sample';
const JURY = basic('jury', 'jurypass');
const SIZES = [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }] as const;
const VERDICT_TIMEOUT_MS = 120_000;

let dataDir: string;
let host: RunningHost | undefined;
let judge: JudgeProcess | undefined;
let browser: UiBrowser | undefined;
let page: Page;
const axeFindings: string[] = [];

/** Screenshots the current screen at both sizes (back to 1366x768 after) and records axe's serious/critical findings. */
async function shootEveryScreen(name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250); // let Monaco's automatic layout follow the resize before the picture
    await saveScreenshot(page, `app/${name}-${size.width}x${size.height}`);
    for (const v of await runAxe(page)) {
      if (v.impact === 'serious' || v.impact === 'critical') axeFindings.push(`${name} ${size.width}x${size.height}: ${v.id} (${v.impact}) ${v.help} ${v.nodes.join(' ')}`);
    }
  }
  await page.setViewportSize(SIZES[0]);
}

/** The text of the Monaco buffer on screen (its rendered lines). */
async function editorText(): Promise<string> {
  return (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

async function replaceEditorText(text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

async function openTab(tab: 'problems' | 'submissions' | 'scoreboard' | 'clarifications'): Promise<void> {
  await page.locator(`nav.tabs button[data-tab="${tab}"]`).click();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arena-e2e-app-'));
  chmodSync(dataDir, 0o711); // sandbox uids must traverse to their boxes under it
  mkdirSync(join(ARTIFACTS_DIR, 'app'), { recursive: true });
  const imported = await hostCli(['import', FIXTURE, '--data', dataDir, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  host = await startHost(['--data', dataDir, '--port', '0', '--no-mdns', '--no-tls']);
  const started = await request(host.url, 'POST', `/api/contests/${CONTEST}/clock`, basic('admin', 'adminpass'), { action: 'start' });
  expect(started.status, started.text).toBe(200);
  const judgeKey = readFileSync(join(dataDir, 'judge-key'), 'utf8').trim();
  judge = startJudge(['--host', host.url, '--work-dir', join(dataDir, 'judge'), '--cache-dir', join(dataDir, 'judge-cache')], judgeKey);
  browser = await launchBrowser({ reducedMotion: 'reduce' });
  page = await browser.newPage(SIZES[0]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (judge) stopJudge(judge);
  await stopHost(host);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the contestant app in a browser against a real host and judge', () => {
  it('logs a team in and shows the problems with the statement and samples', async () => {
    await page.goto(`${host!.url}/app/`);
    await page.getByLabel('Username').waitFor();
    await shootEveryScreen('login');
    await page.getByLabel('Username').fill('team1');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Wrong username or password');

    await page.getByLabel('Password').fill('team1pass');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('button[data-problem-id="hello"]').click();
    await expect.poll(() => page.getByTestId('statement-body').innerText()).toContain('Hello World!');
    await expect.poll(() => page.getByTestId('connection').innerText()).toBe('Connected');
    expect(await page.getByTestId('sample').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('contest-clock').getAttribute('data-phase')).toBe('running');
    await shootEveryScreen('problem');
  });

  it('autosaves the code typed in Monaco and restores it after a reload', async () => {
    await page.getByLabel('Language').selectOption('python3');
    await replaceEditorText('print("Hello World!")');
    await expect.poll(() => page.getByTestId('save-state').innerText(), { timeout: 5000 }).toMatch(/^Saved \d/);
    expect(await editorText()).toBe('print("Hello World!")');

    await page.reload();
    await page.locator('button[data-problem-id="hello"]').click();
    await expect.poll(() => page.getByLabel('Language').inputValue()).toBe('python3');
    await expect.poll(() => editorText()).toBe('print("Hello World!")');
  });

  it('submits an AC and a WA from the editor and shows both verdicts without a reload', async () => {
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('editor-notice').innerText()).toMatch(/^Submitted A in Python/);
    await replaceEditorText('print("hello world")');
    await page.getByRole('button', { name: /^Submit Ctrl\+Enter/ }).click();
    await expect.poll(() => page.getByTestId('editor-notice').innerText()).toMatch(/^Submitted A/);

    await openTab('submissions');
    const rows = page.locator('[data-testid="submissions"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await page.locator('[data-testid="submissions"] tr[data-verdict="AC"]').waitFor({ timeout: VERDICT_TIMEOUT_MS });
    await page.locator('[data-testid="submissions"] tr[data-verdict="WA"]').waitFor({ timeout: VERDICT_TIMEOUT_MS });
    // Newest first: the WA was submitted second.
    expect(await rows.first().getAttribute('data-verdict')).toBe('WA');
    expect(await page.getByTestId('toast').count()).toBeGreaterThan(0);
    await shootEveryScreen('submissions');
  }, VERDICT_TIMEOUT_MS * 2);

  it('shows the live scoreboard with the accepted problem (reached with its shortcut Alt+3)', async () => {
    await page.keyboard.press('Alt+3');
    expect(await page.locator('nav.tabs button[data-tab="scoreboard"]').getAttribute('aria-current')).toBe('page');
    const ownRow = page.locator('[data-testid="scoreboard"] tr[data-team-id="team1"]');
    await expect.poll(() => ownRow.locator('.arena-solved').innerText()).toBe('1');
    expect(await ownRow.getAttribute('aria-current')).toBe('true');
    expect(await ownRow.locator('td[data-problem-id="hello"]').getAttribute('data-cell')).toMatch(/solved|first/);
    await shootEveryScreen('scoreboard');
  });

  it('runs the editor code on the samples and shows output against expected', async () => {
    await openTab('problems');
    await replaceEditorText('print("hello world")');
    await page.getByRole('button', { name: /^Run on samples/ }).click();
    const run = page.locator('[data-testid="test-run"][data-state="done"]');
    await run.waitFor({ timeout: VERDICT_TIMEOUT_MS });
    expect(await run.locator('h3 .arena-verdict').innerText()).toBe('WA');
    const sample = run.locator('.test-case').first();
    expect((await sample.getByRole('region', { name: /output$/ }).first().innerText()).trimEnd()).toBe('hello world');
    expect((await sample.getByRole('region', { name: /expected output$/ }).innerText()).trimEnd()).toBe('Hello World!');
    await shootEveryScreen('test-run');
  }, VERDICT_TIMEOUT_MS * 2);

  it('shows the compiler output of a submission that does not compile', async () => {
    await page.getByLabel('Language').selectOption('cpp');
    // One buffer per (problem, language): C++ starts empty, the Python code stays in its own buffer.
    await expect.poll(() => editorText()).toBe('');
    await replaceEditorText('this is not C++');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('editor-notice').innerText()).toMatch(/^Submitted A in C\+\+/);
    await page.getByLabel('Language').selectOption('python3');
    await expect.poll(() => editorText()).toBe('print("hello world")');
    await page.getByLabel('Language').selectOption('cpp');
    await openTab('submissions');
    const ce = page.locator('[data-testid="submissions"] tr[data-verdict="CE"]');
    await ce.waitFor({ timeout: VERDICT_TIMEOUT_MS });
    await ce.getByRole('button', { name: 'Compiler output' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Compiler output', exact: true }).innerText()).toMatch(/error/i);
    await shootEveryScreen('compile-output');
  }, VERDICT_TIMEOUT_MS * 2);

  it('sends the editor buffer to the venue printer', async () => {
    await openTab('problems');
    await page.getByRole('button', { name: 'Print' }).click();
    await expect.poll(() => page.getByTestId('editor-notice').innerText()).toMatch(/^Sent to the printer/);
    const prints = await request(host!.url, 'GET', `/api/arena/contests/${CONTEST}/console/prints`, basic('admin', 'adminpass'));
    expect(prints.status, prints.text).toBe(200);
    expect(prints.json<{ prints: Array<{ teamId: string; filename: string }> }>().prints).toContainEqual(expect.objectContaining({ teamId: 'team1', filename: 'hello.cpp' }));
  });

  it('sends a clarification and shows the jury answer with a toast and an unread count', async () => {
    await openTab('clarifications');
    await page.getByLabel('About').selectOption('hello');
    await page.getByRole('textbox', { name: 'Question' }).fill('Must the output end with a newline?');
    await page.getByRole('button', { name: 'Send question' }).click();
    await page.locator('[data-testid="clarifications"] li.clar--ours').waitFor();
    await openTab('problems');

    const listed = await request(host!.url, 'GET', `/api/contests/${CONTEST}/clarifications`, JURY);
    const question = listed.json<Array<{ id: string; from_team_id: string | null; text: string }>>().find((c) => c.from_team_id === 'team1');
    expect(question, listed.text).toBeDefined();
    const answered = await request(host!.url, 'POST', `/api/contests/${CONTEST}/clarifications`, JURY,
      { text: 'Yes, like every line.', reply_to_id: question!.id, to_team_id: 'team1', problem_id: 'hello' });
    expect(answered.status, answered.text).toBeLessThan(300);

    await expect.poll(() => page.getByTestId('unread').innerText()).toBe('1');
    await expect.poll(() => page.getByTestId('toast').allInnerTexts()).toContainEqual(expect.stringContaining('Yes, like every line.'));
    await shootEveryScreen('clarification-toast');
    await openTab('clarifications');
    await expect.poll(() => page.locator('[data-testid="clarifications"] li.clar--jury').innerText()).toContain('Yes, like every line.');
    expect(await page.getByTestId('unread').count()).toBe(0);
    await shootEveryScreen('clarifications');
  });

  it('has no serious accessibility violations, no console errors and no request leaving the machine', () => {
    expect(axeFindings).toEqual([]);
    // The one 401 is the deliberately wrong password of the first test (the browser logs it).
    const unauthorized = browser!.consoleErrors.filter((e) => e.includes('status of 401'));
    expect(unauthorized).toHaveLength(1);
    expect(browser!.consoleErrors.filter((e) => !unauthorized.includes(e))).toEqual([]);
    expect(browser!.externalRequests).toEqual([]);
  });

  it('refuses a submission clearly while the host is stopped and keeps the code', async () => {
    await openTab('problems');
    await stopHost(host);
    await expect.poll(() => page.getByTestId('connection').innerText(), { timeout: 15_000 }).toBe('Reconnecting…');
    await replaceEditorText('print("Hello World!")  # offline');
    await page.getByRole('button', { name: /^Submit Ctrl\+Enter/ }).click();
    await expect.poll(() => page.getByTestId('editor-notice').innerText()).toBe('Not sent: the host is unreachable — your code is saved, try again.');
    expect(await page.getByTestId('save-state').innerText()).toMatch(/^Saved \d/);
    // Runs in the page: its globals are typed by hand (this package has no DOM lib).
    const stored = await page.evaluate(() => {
      const storage = (globalThis as unknown as { localStorage: Record<string, string> }).localStorage;
      return Object.entries(storage).filter(([k]) => k.startsWith('arena-draft:')).map(([, v]) => v);
    });
    expect(stored.some((v) => v.includes('# offline'))).toBe(true);
    await shootEveryScreen('host-unreachable');
  });
});
