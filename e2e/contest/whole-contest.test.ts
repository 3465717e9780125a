import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, saveScreenshot, type Page, type UiBrowser } from '../ui/browser';
import { FIXTURE, request } from './contest-client';
import {
  apiBoard, apiCell, appTab, consoleConfirm, consoleFirstRun, consoleLogin, consoleOpen, projectorCell, projectorShows, projectorStandings, readStatement,
  standingsOf, submitEditor, submitFile, teamLogin, typeCode, until, verdictShown,
} from './whole-contest-screens';
import { requireBuiltApps, startContestStack, zipFolder, type ContestStack } from './whole-contest-stack';

// A whole contest, end to end (GitHub issue #8 item 2), every piece real and in its own process:
// redis-server, the host (CLI `serve`, config with that Redis), a judge agent in the native
// sandbox, and Debian chromium. The proctor uploads the contest package on the empty host's
// console (first run, with the setup code the host printed), logs in as its admin and starts
// the contest; three teams log in at /app, read statements, submit AC / WA / CE / TLE
// from the editor (typed into Monaco) and by file; one asks a clarification the proctor answers;
// the projector shows the jury's standings; after "freeze now" a late AC stays pending on the
// projector and out of the public REST board; the contest ends; the resolver (opened from the
// console) steps through to final standings equal to the jury's. Phase timings are printed.
const CONTEST = 'sample';
const VERDICT_TIMEOUT_MS = 90_000;
const fixtureSource = (path: string) => readFileSync(join(FIXTURE, 'problems', path), 'utf8');

let stack: ContestStack | undefined;
let staff: UiBrowser | undefined;
let teamBrowsers: UiBrowser[] = [];
let consolePage: Page;
let projector: Page;
const teamPages = new Map<string, Page>();
/** The public teams, as the projector lists them (hidden teams are the jury's only). */
let publicTeams: ReadonlySet<string> = new Set();
const phases: Array<{ phase: string; ms: number }> = [];
let phaseStartMs = Date.now();

function phaseDone(phase: string): void {
  const now = Date.now();
  phases.push({ phase, ms: now - phaseStartMs });
  phaseStartMs = now;
}

const shot = (page: Page, name: string) => saveScreenshot(page, `whole-contest/${name}`);
const team = (id: string): Page => teamPages.get(id)!;

beforeAll(async () => {
  requireBuiltApps();
  mkdirSync(join(ARTIFACTS_DIR, 'whole-contest'), { recursive: true });
  phaseStartMs = Date.now();
  // The processes and the four chromiums (console + projector, one per team: each team's drafts
  // and login are its own, as on its own PC) start side by side.
  const [[started], launched] = await Promise.all([
    Promise.allSettled([startContestStack()]),
    Promise.allSettled([0, 1, 2, 3].map(() => launchBrowser({ reducedMotion: 'reduce' }))),
  ]);
  if (started!.status === 'fulfilled') stack = started!.value;
  [staff, ...teamBrowsers] = launched.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])); // afterAll closes them
  for (const result of [started!, ...launched]) if (result.status === 'rejected') throw result.reason;
  consolePage = await staff!.newPage({ width: 1366, height: 768 });
  for (const [i, id] of ['team1', 'team2', 'team3'].entries()) teamPages.set(id, await teamBrowsers[i]!.newPage({ width: 1366, height: 768 }));
  phaseDone('redis, host, judge; 4 chromiums');
}, 180_000);

afterAll(async () => {
  for (const browser of [staff, ...teamBrowsers]) await browser?.close();
  await stack?.close();
  phases.push({ phase: 'total', ms: phases.reduce((sum, p) => sum + p.ms, 0) });
  console.log(`whole contest, phase timings:\n${phases.map((p) => `  ${p.phase.padEnd(48)} ${(p.ms / 1000).toFixed(1).padStart(6)} s`).join('\n')}`);
});

describe('a whole contest: console, three teams, judge, projector, freeze, resolver', () => {
  it('the proctor uploads the contest package on the empty host\'s console (first run), logs in as its admin and starts it', async () => {
    const { url, setupCode } = stack!;
    const report = await consoleFirstRun(consolePage, url, setupCode, await zipFolder(FIXTURE));
    expect(report).toContain('Imported contest Arena Sample Contest (sample): A, B, C.');
    await shot(consolePage, '01-console-package-imported');

    await consoleLogin(consolePage, url, null);
    // The header shows the contest id until the contest object has loaded: wait for the name.
    await expect.poll(() => consolePage.getByTestId('contest-name').textContent()).toBe('Arena Sample Contest');
    await consoleConfirm(consolePage, 'Start now', 'Start the contest');
    await consolePage.locator('[data-testid="contest-clock"][data-phase="running"]').waitFor({ timeout: 15_000 });
    const state = await request(url, 'GET', `/api/contests/${CONTEST}/state`);
    expect(state.json<{ started: string | null }>().started).not.toBeNull();
    await shot(consolePage, '02-console-contest-started');
    phaseDone('console: upload package, start');
  }, 120_000);

  it('three teams log in at /app and read statements', async () => {
    const { url } = stack!;
    await Promise.all(['team1', 'team2', 'team3'].map(async (id) => {
      await teamLogin(team(id), url, id);
      await readStatement(team(id), 'Hello World!', 'Hello World!');
    }));
    await readStatement(team('team1'), 'Guess the Number', 'I am thinking of an integer');
    expect(await team('team1').getByRole('heading', { level: 1 }).first().textContent()).toBe('Arena Sample Contest (fixture)');
    await shot(team('team1'), '03-team1-statement');
    phaseDone('teams: log in, read statements');
  }, 120_000);

  it('the teams submit AC, WA, CE and TLE from the editor and by file, and see each verdict', async () => {
    const helloPy = fixtureSource('hello/submissions/accepted/hello.py');
    const guessPy = fixtureSource('guess/submissions/accepted/binary_search.py');
    const verdicts = await Promise.all([
      (async () => {
        const p = team('team1');
        await readStatement(p, 'Hello World!', 'Hello World!');
        await typeCode(p, 'python3', 'print("Hello World!")');
        const ac = await submitEditor(p);
        await readStatement(p, 'Guess the Number', 'I am thinking of an integer');
        const guess = await submitFile(p, 'python3', 'binary_search.py', guessPy);
        await verdictShown(p, ac, 'AC', VERDICT_TIMEOUT_MS);
        await verdictShown(p, guess, 'AC', VERDICT_TIMEOUT_MS);
        return ['team1', 'AC', 'AC'];
      })(),
      (async () => {
        const p = team('team2');
        await typeCode(p, 'python3', 'print("hello world")');
        const wa = await submitEditor(p);
        await verdictShown(p, wa, 'WA', VERDICT_TIMEOUT_MS);
        await appTab(p, 'Problems');
        const ac = await submitFile(p, 'python3', 'hello.py', helloPy);
        await verdictShown(p, ac, 'AC', VERDICT_TIMEOUT_MS);
        return ['team2', 'WA', 'AC'];
      })(),
      (async () => {
        const p = team('team3');
        await typeCode(p, 'cpp', 'this is not C++');
        const ce = await submitEditor(p);
        await typeCode(p, 'python3', 'while True: pass');
        const tle = await submitEditor(p);
        await verdictShown(p, ce, 'CE', VERDICT_TIMEOUT_MS);
        await verdictShown(p, tle, 'TLE', VERDICT_TIMEOUT_MS);
        return ['team3', 'CE', 'TLE'];
      })(),
    ]);
    expect(verdicts).toEqual([['team1', 'AC', 'AC'], ['team2', 'WA', 'AC'], ['team3', 'CE', 'TLE']]);
    await shot(team('team3'), '04-team3-submissions-ce-tle');
    await shot(team('team2'), '05-team2-submissions-wa-ac');
    phaseDone('teams: submit, judged (AC, WA, CE, TLE)');
  }, VERDICT_TIMEOUT_MS * 3);

  it('team2 asks a clarification, the proctor answers it in the console, team2 reads the answer', async () => {
    const p = team('team2');
    await appTab(p, 'Clarifications');
    await p.getByLabel('About').selectOption('hello');
    await p.getByRole('textbox', { name: 'Question' }).fill('May the greeting end with a newline?');
    await p.getByRole('button', { name: 'Send question' }).click();
    await p.getByText('Sent to the jury.').waitFor();

    await consoleOpen(consolePage, 'Clarifications', 'Clarifications');
    await consolePage.getByRole('button', { name: 'May the greeting end with a newline?' }).click();
    await consolePage.getByRole('heading', { name: 'Question from Off By One' }).waitFor();
    await consolePage.getByLabel('Answer', { exact: true }).fill('Yes: the checker ignores trailing whitespace.');
    await consolePage.getByRole('button', { name: 'Send answer' }).click();
    await consolePage.getByText('Answer sent to Off By One.').waitFor();
    await shot(consolePage, '06-console-clarification-answered');

    await p.getByRole('list', { name: 'Questions, answers and announcements' }).getByText('Yes: the checker ignores trailing whitespace.').waitFor({ timeout: 15_000 });
    await shot(p, '07-team2-clarification-answer');
    phaseDone('clarification asked, answered, read');
  }, 60_000);

  it('the projector shows the jury\'s standings, and the ranking lives in Redis', async () => {
    const { url } = stack!;
    projector = await staff!.newPage({ width: 1920, height: 1080 });
    await projector.goto(`${url}/scoreboard`);
    const publicRows = await apiBoard(url, CONTEST, 'public');
    publicTeams = new Set(publicRows.map((r) => r.team_id));
    expect([...publicTeams].sort()).toEqual(['team1', 'team2', 'team3']);
    const jury = standingsOf(await apiBoard(url, CONTEST, 'jury'), publicTeams);
    // Nothing is hidden before the freeze: the public board is the jury's.
    expect(standingsOf(publicRows)).toEqual(jury);
    expect(jury.map((s) => [s.team, s.rank, s.solved])).toEqual([['team1', 1, 2], ['team2', 2, 1], ['team3', 3, 0]]);
    expect(jury[1]!.penalty).toBeGreaterThanOrEqual(20); // one WA before the AC
    await projectorShows(projector, jury, 'the projector to show the jury standings');
    expect(await projectorCell(projector, 'team3', 'hello')).toBe('failed');
    await shot(projector, '08-projector-running');

    const health = await request(url, 'GET', '/healthz');
    console.log(`host /healthz components: ${JSON.stringify(health.json<{ components: unknown }>().components)}`);
    expect(stack!.redisKeyCount()).toBeGreaterThan(0);
    phaseDone('projector = jury standings');
  }, 60_000);

  it('after "freeze now", a late AC is pending on the projector and not counted on the public board', async () => {
    const { url } = stack!;
    await consoleOpen(consolePage, 'Contest', 'Contest control');
    await consoleConfirm(consolePage, 'Freeze now', 'Freeze now');
    await until('the contest state to say frozen', async () => (
      (await request(url, 'GET', `/api/contests/${CONTEST}/state`)).json<{ frozen: string | null }>().frozen ? true : undefined));

    const p = team('team3');
    await appTab(p, 'Problems');
    const late = await submitFile(p, 'python3', 'hello.py', fixtureSource('hello/submissions/accepted/hello.py'));
    await verdictShown(p, late, 'AC', VERDICT_TIMEOUT_MS); // the team sees its own verdict
    const juryRows = await until('the jury board to count the late AC', async () => {
      const rows = await apiBoard(url, CONTEST, 'jury');
      return apiCell(rows, 'team3', 'hello')?.solved ? rows : undefined;
    });
    expect(standingsOf(juryRows).find((s) => s.team === 'team3')!.solved).toBe(1);

    const publicRows = await apiBoard(url, CONTEST, 'public');
    expect(standingsOf(publicRows).find((s) => s.team === 'team3')!.solved).toBe(0);
    expect(apiCell(publicRows, 'team3', 'hello')).toMatchObject({ solved: false, num_pending: 1 });
    await until('the projector to show team3\'s late AC as pending', async () => ((await projectorCell(projector, 'team3', 'hello')) === 'pending' ? true : undefined));
    await projectorShows(projector, standingsOf(publicRows), 'the projector to show the frozen public standings');
    expect(await projector.getByText(/frozen/i).count()).toBeGreaterThan(0);
    await shot(projector, '09-projector-frozen-pending');
    phaseDone('freeze, late AC pending on the projector');
  }, VERDICT_TIMEOUT_MS * 2);

  it('the proctor ends the contest; the resolver steps through to the jury\'s final standings', async () => {
    const { url } = stack!;
    await consoleConfirm(consolePage, 'End now', 'End the contest');
    await consolePage.locator('[data-testid="contest-clock"][data-phase="ended"]').waitFor({ timeout: 15_000 });
    await shot(consolePage, '10-console-ended');
    const final = standingsOf(await apiBoard(url, CONTEST, 'jury'), publicTeams);
    const frozen = standingsOf(await apiBoard(url, CONTEST, 'public'));
    expect(final).not.toEqual(frozen);

    const [resolver] = await Promise.all([staff!.context.waitForEvent('page'), consolePage.getByRole('link', { name: 'Launch resolver' }).click()]);
    await resolver.setViewportSize({ width: 1920, height: 1080 });
    await resolver.getByLabel('Jury username').fill('jury');
    await resolver.getByLabel('Password').fill('jurypass');
    await resolver.getByRole('button', { name: 'Log in' }).click();
    const status = resolver.getByTestId('resolver-step');
    await status.waitFor({ timeout: 15_000 });
    await projectorShows(resolver, frozen, 'the resolver to start from the frozen standings');
    const steps = Number(await status.getAttribute('data-steps'));
    expect(steps).toBeGreaterThanOrEqual(1);
    for (let step = 1; step <= steps; step++) {
      await resolver.keyboard.press('Space');
      await until(`resolver step ${step}`, async () => (Number(await status.getAttribute('data-step')) === step ? true : undefined));
      if (step === 1) await shot(resolver, '11-resolver-first-reveal');
    }
    await projectorShows(resolver, final, 'the resolver\'s last step to show the jury\'s final standings');
    expect(await projectorStandings(resolver)).toEqual(final);
    expect(await resolver.getByText('Final standings').count()).toBe(1);
    await shot(resolver, '12-resolver-final');
    phaseDone('end, resolver to the final standings');
  }, 90_000);

  it('no page requested anything beyond loopback or threw an uncaught error', () => {
    for (const browser of [staff!, ...teamBrowsers]) {
      expect(browser.externalRequests).toEqual([]);
      expect(browser.consoleErrors.filter((e) => e.includes('uncaught'))).toEqual([]);
    }
    const logged = [staff!, ...teamBrowsers].flatMap((b) => b.consoleErrors);
    if (logged.length > 0) console.log(`console errors the pages logged:\n  ${logged.join('\n  ')}`);
  });
});
