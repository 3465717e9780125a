/**
 * What the whole-contest test does on each screen, by roles, labels and visible text (test ids
 * only where a screen offers nothing else): the proctor console, the contestant app and the
 * projector. Every wait has a timeout and fails with what it waited for.
 */
import { ADMIN, request } from './contest-client';
import type { Page } from '../ui/browser';

/** One row as a scoreboard shows it, or as the REST scoreboard has it: what the test compares. */
export interface Standing {
  team: string;
  rank: number;
  solved: number;
  penalty: number;
}

interface ApiRow {
  rank: number;
  team_id: string;
  score: { num_solved?: number; total_time?: number };
  problems: Array<{ problem_id: string; num_judged: number; num_pending: number; solved: boolean }>;
}

/** Polls `check` every 100 ms until it returns a value other than undefined; fails after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- proctor console -------------------------------------------------------------------------

/** Logs in on the console's form (choosing `contestId` when the host offers a choice) and waits for the live connection. */
export async function consoleLogin(page: Page, url: string, contestId: string | null): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByLabel('Username').waitFor();
  if (contestId !== null) await page.getByLabel('Contest').selectOption(contestId);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('adminpass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-testid="connection-state"][data-connected="true"]').waitFor({ timeout: 15_000 });
}

/**
 * First run of an empty host: on the console's login page, types the host's setup code, uploads
 * `zip` through the "First run" panel and waits for its import report; resolves the report text.
 */
export async function consoleFirstRun(page: Page, url: string, setupCode: string, zip: Buffer): Promise<string> {
  await page.goto(`${url}/console/`);
  const panel = page.getByTestId('first-run');
  await panel.getByRole('heading', { name: 'First run' }).waitFor({ timeout: 15_000 });
  await panel.getByLabel('Setup code').fill(setupCode);
  await panel.getByLabel('Contest package (.zip)').setInputFiles({ name: 'contest.zip', mimeType: 'application/zip', buffer: zip });
  await panel.getByRole('button', { name: 'Upload package' }).click();
  const report = page.getByTestId('first-run-report');
  const error = page.getByTestId('first-run-error');
  await report.or(error).waitFor({ timeout: 60_000 });
  if (await error.count() > 0) throw new Error(`the first-run upload was refused: ${await error.textContent()}`);
  return (await report.textContent()) ?? '';
}

/** Opens a console page from its menu and waits for its title. */
export async function consoleOpen(page: Page, menuLabel: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: menuLabel }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Clicks a contest-control button and confirms it in the dialog it opens. */
export async function consoleConfirm(page: Page, button: string, confirmLabel: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: confirmLabel, exact: true }).click();
}

// ---- contestant app --------------------------------------------------------------------------

export type AppTab = 'Problems' | 'Submissions' | 'Scoreboard' | 'Clarifications';

export async function appTab(page: Page, tab: AppTab): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${tab}`) }).click();
}

/** Logs `team` (password `<team>pass`) in at /app and waits until its socket is connected. */
export async function teamLogin(page: Page, url: string, team: string): Promise<void> {
  await page.goto(`${url}/app/`);
  await page.getByLabel('Username').fill(team);
  await page.getByLabel('Password').fill(`${team}pass`);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('connection').getByText('Connected').waitFor({ timeout: 15_000 });
}

/** Opens a problem from the list and waits until its statement shows `expectedText`. */
export async function readStatement(page: Page, problemName: string, expectedText: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Problems' }).getByRole('button', { name: problemName }).click();
  await page.getByTestId('statement-body').getByText(expectedText).first().waitFor({ timeout: 10_000 });
}

/** Replaces the Monaco buffer with `code` by typing it (one line: Monaco auto-indents new lines). */
export async function typeCode(page: Page, language: string, code: string): Promise<void> {
  await page.getByLabel('Language').selectOption(language);
  await page.getByTestId('code-editor').locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(code);
}

/** Submits the editor's buffer with its Submit button; resolves the submission id the app reports. */
export async function submitEditor(page: Page): Promise<string> {
  const before = await page.getByTestId('editor-notice').innerText();
  await page.getByRole('button', { name: /^Submit Ctrl\+Enter/ }).click();
  return submittedId(page, before);
}

/** Submits a file through the app's "Submit a file…" control; resolves the submission id. */
export async function submitFile(page: Page, language: string, filename: string, text: string): Promise<string> {
  await page.getByLabel('Language').selectOption(language);
  const before = await page.getByTestId('editor-notice').innerText();
  await page.getByLabel('Submit a file…').setInputFiles({ name: filename, mimeType: 'text/plain', buffer: Buffer.from(text) });
  return submittedId(page, before);
}

/** Waits for the editor's notice to report a new submission (not the one shown `before`); fails at once on a refusal. */
async function submittedId(page: Page, before: string): Promise<string> {
  const notice = page.getByTestId('editor-notice');
  let lastShown = before;
  // 60 s: on a loaded CI machine a submission can sit at "Sending…" while three browsers, the
  // judge and the host share two cores. A timeout says what the notice showed last.
  const text = await until(`the editor to report the submission (notice before: "${before}")`, async () => {
    const shown = await notice.innerText();
    lastShown = shown;
    if (shown === before) return undefined;
    if (/\(submission [^)]+\)/.test(shown) || shown.startsWith('Not accepted') || shown.startsWith('Not sent')) return shown;
    return undefined;
  }, 60_000).catch((err: Error) => { throw new Error(`${err.message}; notice last showed: "${lastShown}"`); });
  const id = /\(submission ([^)]+)\)/.exec(text)?.[1];
  if (id === undefined) throw new Error(`the app did not submit: ${text}`);
  return id;
}

/** Waits until the team's Submissions tab shows `verdict` for submission `id`. */
export async function verdictShown(page: Page, id: string, verdict: string, timeoutMs: number): Promise<void> {
  await appTab(page, 'Submissions');
  await page.locator(`tr[data-submission-id="${id}"][data-verdict="${verdict}"]`).waitFor({ timeout: timeoutMs });
}

// ---- projector and the REST scoreboard -------------------------------------------------------

/** The few DOM members read from the projector's table (this package has no DOM lib). */
interface DomNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
}

/** The standings the projector shows, top to bottom. */
export function projectorStandings(page: Page): Promise<Standing[]> {
  return page.$$eval('[data-testid="scoreboard"] tbody tr', (rows) => (rows as unknown as DomNode[]).map((tr) => {
    const nums = tr.querySelectorAll('td.arena-num');
    return { team: tr.getAttribute('data-team-id') ?? '', rank: Number(tr.getAttribute('data-rank')), solved: Number(nums[0]?.textContent), penalty: Number(nums[1]?.textContent) };
  }));
}

/** How the projector draws one team's cell of one problem (`solved`, `first`, `pending`, `failed`, `untried`). */
export async function projectorCell(page: Page, team: string, problem: string): Promise<string | null> {
  return page.locator(`[data-testid="scoreboard"] tr[data-team-id="${team}"] td[data-problem-id="${problem}"]`).getAttribute('data-cell');
}

/** The REST scoreboard rows: public (no login) or the jury's (as admin). */
export async function apiBoard(url: string, contestId: string, view: 'public' | 'jury'): Promise<ApiRow[]> {
  const reply = await request(url, 'GET', `/api/contests/${contestId}/scoreboard${view === 'jury' ? '?view=jury' : ''}`, view === 'jury' ? ADMIN : undefined);
  if (reply.status !== 200) throw new Error(`${view} scoreboard: ${reply.status} ${reply.text}`);
  return reply.json<{ rows: ApiRow[] }>().rows;
}

/** API rows as standings, keeping only `teams` (the public teams the projector lists) when given. */
export function standingsOf(rows: readonly ApiRow[], teams?: ReadonlySet<string>): Standing[] {
  return rows.filter((r) => teams === undefined || teams.has(r.team_id))
    .map((r) => ({ team: r.team_id, rank: r.rank, solved: r.score.num_solved ?? 0, penalty: r.score.total_time ?? 0 }));
}

/** The cell of `problem` in `team`'s API row. */
export function apiCell(rows: readonly ApiRow[], team: string, problem: string): ApiRow['problems'][number] | undefined {
  return rows.find((r) => r.team_id === team)?.problems.find((c) => c.problem_id === problem);
}

/** Waits until the projector shows exactly `expected` (order, ranks, solved, penalty); fails showing both. */
export async function projectorShows(page: Page, expected: readonly Standing[], what: string, timeoutMs = 20_000): Promise<void> {
  let shown: Standing[] = [];
  try {
    await until(what, async () => {
      shown = await projectorStandings(page);
      return JSON.stringify(shown) === JSON.stringify(expected) ? true : undefined;
    }, timeoutMs);
  } catch (err) {
    throw new Error(`${String(err)}\nshown:    ${JSON.stringify(shown)}\nexpected: ${JSON.stringify(expected)}`);
  }
}
