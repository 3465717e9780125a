import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, saveScreenshot, type Page, type UiBrowser } from '../../../e2e/ui/browser';
import type { ApiTestHost } from './helpers/api-host';
import {
  apiBoard, END_MS, FREEZE_MS, MINUTE_MS, moveClock, pageShows, requireBuiltApp, shownRows, solve, START_MS, startProjectorHost, until,
} from './projector-support';

/**
 * The resolver ceremony on the projector page: a contest with results hidden by the freeze,
 * revealed step by step by a jury member with the keyboard until the board equals the jury's.
 */
let h: ApiTestHost;
let browser: UiBrowser;
let page: Page;

beforeAll(async () => {
  requireBuiltApp();
  h = await startProjectorHost(10);
  await moveClock(h, START_MS + 20 * MINUTE_MS, 'started');
  await solve(h, 'team1', 'hello');
  h.clock.set(START_MS + 50 * MINUTE_MS);
  await solve(h, 'team1', 'guess');
  await solve(h, 'team2', 'hello');
  h.clock.set(START_MS + 90 * MINUTE_MS);
  await solve(h, 'p004', 'hello', 'WA');
  await solve(h, 'p004', 'hello');
  await solve(h, 'team3', 'sumsub');
  await moveClock(h, FREEZE_MS + 10 * MINUTE_MS, 'frozen');
  // Hidden by the freeze: a climb from the bottom to the top, a failure, a late solve.
  await solve(h, 'p005', 'hello');
  await solve(h, 'p005', 'guess');
  h.clock.set(FREEZE_MS + 30 * MINUTE_MS);
  await solve(h, 'p005', 'sumsub');
  await solve(h, 'team2', 'sumsub', 'WA');
  await solve(h, 'p008', 'guess');
  await solve(h, 'team3', 'hello');
  await moveClock(h, END_MS + MINUTE_MS, 'ended');
  browser = await launchBrowser();
  page = await browser.newPage({ width: 1920, height: 1080 });
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function logIn(username: string, password: string): Promise<void> {
  await page.getByLabel('Jury username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The resolver's step counter: current step and how many there are. */
async function stepOf(): Promise<{ step: number; steps: number }> {
  const status = page.getByTestId('resolver-step');
  return { step: Number(await status.getAttribute('data-step')), steps: Number(await status.getAttribute('data-steps')) };
}

async function press(key: 'Space' | 'ArrowRight' | 'Backspace' | 'ArrowLeft', expectedStep: number): Promise<void> {
  await page.keyboard.press(key);
  await until(async () => ((await stepOf()).step === expectedStep ? true : undefined), `step ${expectedStep}`);
}

describe('resolver', () => {
  it('refuses a team account', async () => {
    await page.goto(`${h.url}/scoreboard?resolver`);
    await logIn('team1', 'team1pass');
    const error = page.getByTestId('login-error');
    await until(async () => ((await error.count()) === 1 ? true : undefined), 'the login error');
    expect(await error.textContent()).toBe('A team account cannot run the resolver: log in with a jury account.');
    expect(await page.getByTestId('scoreboard').count()).toBe(0);
    await logIn('jury', 'wrong-password');
    await until(async () => ((await error.textContent()) !== 'A team account cannot run the resolver: log in with a jury account.' ? true : undefined), 'a new error');
    expect(await page.getByTestId('scoreboard').count()).toBe(0);
  });

  it('with a jury login, starts from the frozen board and steps with the keyboard to exactly the jury board', async () => {
    const publicRows = await apiBoard(h, 'public');
    const publicTeams = new Set(publicRows.map((r) => r.team_id));
    const juryRows = (await apiBoard(h, 'jury')).filter((r) => publicTeams.has(r.team_id));
    expect(JSON.stringify(juryRows)).not.toBe(JSON.stringify(publicRows));
    await logIn('jury', 'jurypass');
    await until(async () => ((await page.getByTestId('resolver-step').count()) === 1 ? true : undefined), 'the resolver');
    await pageShows(page, publicRows, 'the public (frozen) board');
    const { steps } = await stepOf();
    // Six frozen cells (p005 x3, team2, p008, team3) plus award announcements.
    expect(steps).toBeGreaterThanOrEqual(6);

    // The first reveal is the bottom-most team with frozen results; the cell flips and is marked.
    await press('Space', 1);
    const bottomFrozen = [...publicRows].reverse().find((r) => r.problems.some((c) => c.num_pending > 0))!;
    const revealed = page.locator('td.arena-cell--revealed');
    expect(await revealed.count()).toBe(1);
    expect(await revealed.locator('xpath=..').getAttribute('data-team-id')).toBe(bottomFrozen.team_id);
    expect(await page.locator('tr[aria-current="true"]').getAttribute('data-team-id')).toBe(bottomFrozen.team_id);
    // Back restores exactly the board before, forward again the same board after.
    const afterOne = await shownRows(page);
    await press('Backspace', 0);
    await pageShows(page, publicRows, 'the public board again');
    await press('ArrowRight', 1);
    expect(await shownRows(page)).toEqual(afterOne);

    const middle = Math.floor(steps / 2);
    for (let step = 2; step <= steps; step++) {
      await press('Space', step);
      if (step === middle) await saveScreenshot(page, 'projector-resolver-mid-1080p');
    }
    await press('Space', steps); // past the end: stays on the final board
    await pageShows(page, juryRows, 'the jury board at the end');
    expect((await shownRows(page))[0]!.team).toBe('p005');
    // The last step announces the winner's awards.
    const announcement = await page.getByTestId('resolver-announcement').textContent();
    expect(announcement).toContain('Dynamic Owls 5');
    expect(announcement).toContain('Contest winner');
    await saveScreenshot(page, 'projector-resolver-final-1080p');
    expect(browser.consoleErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    expect(browser.externalRequests).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const violations = await runAxe(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });
});
