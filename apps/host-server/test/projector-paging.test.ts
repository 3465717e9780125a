import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, type Page, type UiBrowser } from '../../../e2e/ui/browser';
import type { ApiTestHost } from './helpers/api-host';
import {
  apiBoard, expectedRows, MINUTE_MS, moveClock, PROBLEM_IDS, requireBuiltApp, shownRows, solve, START_MS, startProjectorHost, until,
} from './projector-support';

/** 300 public teams: more than any screen holds, so the projector pages through them. */
let h: ApiTestHost;
let browser: UiBrowser;

beforeAll(async () => {
  requireBuiltApp();
  h = await startProjectorHost(300);
  await moveClock(h, START_MS + 10 * MINUTE_MS, 'started');
  for (let i = 0; i < 40; i++) {
    h.clock.set(START_MS + (11 + i * 3) * MINUTE_MS);
    const team = `p${String(10 + i * 7).padStart(3, '0')}`;
    if (i % 4 === 3) await solve(h, team, 'sumsub', 'WA');
    await solve(h, team, i % 3 === 0 ? 'guess' : 'hello');
    if (i % 5 === 0) await solve(h, team, 'sumsub');
  }
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** The page indicator's "Page X of N" as numbers, or undefined before it shows. */
async function pageIndicator(page: Page): Promise<{ page: number; of: number } | undefined> {
  const match = /^Page (\d+) of (\d+)$/.exec((await page.getByTestId('page-indicator').textContent()) ?? '');
  return match ? { page: Number(match[1]), of: Number(match[2]) } : undefined;
}

/** Bottom of the last row shown and of the board's viewport: every shown row must be fully visible. */
function lastRowFits(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { bottom: number } } | null } }).document;
    const last = doc.querySelector('[data-testid="scoreboard"] tbody tr:last-child');
    const main = doc.querySelector('.projector-main');
    return last !== null && main !== null && last.getBoundingClientRect().bottom <= main.getBoundingClientRect().bottom + 0.5;
  });
}

describe.each([
  ['1080p', 1920, 1080],
  ['4k', 3840, 2160],
])('projector paging with 300 teams at %s', (name, width, height) => {
  it(`shows one screenful at a time at ${name}, cycles through the pages in rank order, and says which page it is on`, async () => {
    const rows = await apiBoard(h);
    expect(rows).toHaveLength(300);
    const page = await browser.newPage({ width, height });
    await page.goto(`${h.url}/scoreboard?pageSeconds=3`);
    // Pages turn by themselves, so each observation is the indicator, the rows, and the
    // indicator again: the same page before and after means the rows belong to it.
    const seen = new Map<number, number>();
    let pageCount = 0;
    let perPage = 0;
    await until(async () => {
      const before = await pageIndicator(page);
      const shown = await shownRows(page);
      const fits = await lastRowFits(page);
      const after = await pageIndicator(page);
      if (!before || !after || before.page !== after.page || before.page === before.of) return undefined;
      pageCount = before.of;
      perPage = shown.length;
      const start = (before.page - 1) * perPage;
      if (JSON.stringify(shown) !== JSON.stringify(expectedRows(rows.slice(start, start + perPage), PROBLEM_IDS))) return undefined;
      expect(fits).toBe(true);
      if (seen.size === 0) await saveScreenshot(page, `projector-300-teams-${name}`);
      seen.set(before.page, shown.length);
      return seen.size >= 2 ? true : undefined;
    }, 'two pages, each showing its slice of the ranked board', 20_000);
    // Every page holds the same screenful; together they hold all 300 teams.
    expect(new Set(seen.values()).size).toBe(1);
    expect(perPage).toBeGreaterThan(15);
    expect(pageCount).toBe(Math.ceil(300 / perPage));
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.externalRequests).toEqual([]);
    await page.close();
  });
});
