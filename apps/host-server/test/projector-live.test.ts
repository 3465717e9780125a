import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, saveScreenshot, type Page, type UiBrowser } from '../../../e2e/ui/browser';
import type { ApiTestHost } from './helpers/api-host';
import {
  apiBoard, FREEZE_MS, MINUTE_MS, moveClock, pageShows, requireBuiltApp, shownRows, solve, START_MS, startProjectorHost, until,
} from './projector-support';

/** The projector page against a real host with 10 public teams, in a real chromium. */
let h: ApiTestHost;
let browser: UiBrowser;
let page: Page;

beforeAll(async () => {
  requireBuiltApp();
  h = await startProjectorHost(10);
  await moveClock(h, START_MS + 3 * MINUTE_MS, 'started');
  await solve(h, 'p004', 'hello', 'WA');
  h.clock.set(START_MS + 17 * MINUTE_MS);
  await solve(h, 'p004', 'hello');
  h.clock.set(START_MS + 18 * MINUTE_MS);
  await solve(h, 'team1', 'hello');
  h.clock.set(START_MS + 44 * MINUTE_MS);
  await solve(h, 'team1', 'guess');
  await solve(h, 'p007', 'sumsub', 'TLE');
  h.clock.set(START_MS + 61 * MINUTE_MS);
  await solve(h, 'p009', 'guess');
  browser = await launchBrowser();
  page = await browser.newPage({ width: 1920, height: 1080 });
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Waits until the page shows exactly the API's public board (order, ranks, solved, penalty, cells). */
async function showsApiBoard(): Promise<void> {
  await pageShows(page, await apiBoard(h), 'the page to show the API scoreboard');
}

describe('projector page, 10 teams', () => {
  it('loads with no console errors and no external requests, and shows the teams in rank order', async () => {
    await page.goto(`${h.url}/scoreboard`);
    await showsApiBoard();
    const shown = await shownRows(page);
    expect(shown).toHaveLength(10);
    expect(shown[0]).toMatchObject({ team: 'team1', rank: 1, solved: 2 });
    // Cells: tries / minute, first to solve, failed with tries, untried.
    expect(shown[0]!.cells.map((c) => [c.kind, c.text])).toEqual([['solved', '1 / 18'], ['first', '1 / 44'], ['untried', '']]);
    expect(shown.find((r) => r.team === 'p004')!.cells[0]).toEqual({ problem: 'hello', kind: 'first', text: '2 / 17' });
    expect(shown.find((r) => r.team === 'p007')!.cells[2]).toEqual({ problem: 'sumsub', kind: 'failed', text: '1' });
    // Header: problem labels with their colour; team names with organizations; footer.
    expect(await page.locator('thead th.arena-problem-head .arena-problem-label').allTextContents()).toEqual(['A', 'B', 'C']);
    expect(await page.locator('thead .arena-problem-dot').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).toBe('rgb(229, 57, 53)');
    expect(await page.locator('tr[data-team-id="team1"] .arena-team-name').textContent()).toBe('Null Pointers');
    expect(await page.locator('tr[data-team-id="team1"] .arena-team-org').textContent()).toBe('KTH');
    expect(await page.getByTestId('host-address').textContent()).toBe(new URL(h.url).host);
    expect(await page.getByTestId('tls-fingerprint').textContent()).toBe('TLS off (plain HTTP)');
    expect(await page.getByTestId('contest-clock').getAttribute('data-phase')).toBe('running');
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.externalRequests).toEqual([]);

    await saveScreenshot(page, 'projector-10-teams-1080p');
    const big = await browser.newPage({ width: 3840, height: 2160 });
    await big.goto(`${h.url}/scoreboard`);
    await until(async () => ((await shownRows(big)).length === 10 ? true : undefined), '4K page rows');
    await saveScreenshot(big, 'projector-10-teams-4k');
    await big.close();
  });

  it('updates live, without a reload, when a judgement is stored, sliding moved rows (not under reduced motion)', async () => {
    // A second chromium (its own foreground tab) whose viewer asked for reduced motion.
    const calm = await launchBrowser({ reducedMotion: 'reduce' });
    const still = await calm.newPage({ width: 1920, height: 1080 });
    await still.goto(`${h.url}/scoreboard`);
    await until(async () => ((await shownRows(still)).length === 10 ? true : undefined), 'the reduced-motion page');
    // Count Web Animations started from now on, and mark the document to prove it is never reloaded.
    for (const p of [page, still]) {
      await p.evaluate(() => {
        const g = globalThis as unknown as { arenaMarker: number; arenaAnimations: number; Element: { prototype: { animate(...args: unknown[]): unknown } } };
        g.arenaMarker = 42;
        g.arenaAnimations = 0;
        const animate = g.Element.prototype.animate;
        g.Element.prototype.animate = function (this: unknown, ...args: unknown[]) {
          g.arenaAnimations++;
          return animate.apply(this, args);
        };
      });
    }
    h.clock.set(START_MS + 70 * MINUTE_MS);
    await solve(h, 'team3', 'hello');
    await solve(h, 'team3', 'guess');
    await solve(h, 'team3', 'sumsub');
    await showsApiBoard();
    await pageShows(still, await apiBoard(h), 'the reduced-motion page to update');
    expect((await shownRows(page))[0]).toMatchObject({ team: 'team3', rank: 1, solved: 3, penalty: 210 });
    expect(await page.evaluate(() => (globalThis as unknown as { arenaMarker?: number }).arenaMarker)).toBe(42);
    expect(await page.evaluate(() => (globalThis as unknown as { arenaAnimations: number }).arenaAnimations)).toBeGreaterThan(0);
    expect(await still.evaluate(() => (globalThis as unknown as { arenaAnimations: number }).arenaAnimations)).toBe(0);
    await calm.close();
    expect(browser.consoleErrors).toEqual([]);
    expect(calm.consoleErrors).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const violations = await runAxe(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('shows the freeze banner when frozen, and post-freeze results only as pending', async () => {
    await moveClock(h, FREEZE_MS + 5 * MINUTE_MS, 'frozen');
    const banner = page.getByTestId('freeze-banner');
    await until(async () => ((await banner.count()) === 1 ? true : undefined), 'the freeze banner');
    expect(await banner.textContent()).toBe('The scoreboard was frozen with 60 minutes remaining - submissions in the last 60 minutes of the contest are still shown as pending.');
    await until(async () => (await page.getByTestId('contest-clock').getAttribute('data-phase')) === 'frozen' || undefined, 'the frozen clock');

    await solve(h, 'p010', 'hello');
    await solve(h, 'p008', 'guess', 'WA');
    await showsApiBoard();
    const shown = await shownRows(page);
    expect(shown.find((r) => r.team === 'p010')).toMatchObject({ solved: 0, cells: [{ problem: 'hello', kind: 'pending', text: '1?' }, { kind: 'untried' }, { kind: 'untried' }] });
    expect(shown.find((r) => r.team === 'p008')!.cells[1]).toEqual({ problem: 'guess', kind: 'pending', text: '1?' });
    await saveScreenshot(page, 'projector-frozen-1080p');
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.externalRequests).toEqual([]);
  });
});
