/**
 * Set-up shared by the projector tests (projector-*.test.ts): a real host (buildHost, SQLite in
 * a temp dir, HTTP on 127.0.0.1:0, hand-moved clock) with the fixture contest imported by the
 * real importer, optionally padded with more teams; submissions through the REST endpoint,
 * verdicts through the real judge queue; and the page read back from a real chromium.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScoreboardRow } from '@arena/protocol';
import { expect } from 'vitest';
import { cellKind, cellText } from '../../../packages/ui/src/cell-state';
import { importContestPackage } from '../src/app/import/import-contest';
import { reportResult } from '../src/app/judging/job-reports';
import { leaseNextJob } from '../src/app/judging/lease-job';
import { SCOREBOARD_DIST_DIR } from '../src/http/routes/web-static-routes';
import type { Page } from '../../../e2e/ui/browser';
import { basic, call, makeZip, startApiTestHost, type ApiTestHost } from './helpers/api-host';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../e2e/fixtures/contests/sample', import.meta.url));
export const CONTEST_ID = 'sample';
export const MINUTE_MS = 60_000;
/** Fixture schedule: 2030-01-01 10:00-15:00 UTC, frozen from 14:00. */
export const START_MS = Date.UTC(2030, 0, 1, 10, 0, 0);
export const FREEZE_MS = START_MS + 240 * MINUTE_MS;
export const END_MS = START_MS + 300 * MINUTE_MS;
export const JURY = basic('jury', 'jurypass');
/** The fixture's problems in column order. */
export const PROBLEM_IDS = ['hello', 'guess', 'sumsub'];

/** Fails with the instruction when the projector app was not built (`pnpm build`). */
export function requireBuiltApp(): void {
  if (!existsSync(join(SCOREBOARD_DIST_DIR, 'index.html'))) {
    throw new Error(`the projector app is not built (${SCOREBOARD_DIST_DIR}): run \`pnpm build\` (or \`pnpm --filter @arena/web-scoreboard build\`) first`);
  }
}

/** Names for padding teams: varied lengths, like a real contest's. */
const TEAM_WORDS = ['Binary', 'Quantum', 'Recursive', 'Lazy', 'Greedy', 'Dynamic', 'Stack', 'Heap', 'Segment', 'Fenwick', 'Modular', 'Prime'];
const TEAM_NOUNS = ['Owls', 'Overflow', 'Monkeys', 'Wizards', 'Badgers', 'Descent', 'Pointers', 'Tigers', 'Trees', 'Llamas'];

/**
 * Starts a host, imports the fixture contest (3 public teams + 1 hidden) and adds teams until
 * `publicTeams` public ones exist (`p004`, `p005`, ... in the fixture's organizations).
 */
export async function startProjectorHost(publicTeams = 3): Promise<ApiTestHost> {
  const h = await startApiTestHost({ seed: false, config: { submissions: { rateLimitBurst: 1000, rateLimitPerMinute: 1000 } } });
  try {
    await importContestPackage(h.ctx, FIXTURE_DIR);
    h.ctx.store.write((tx) => {
      for (let i = 4; i <= publicTeams; i++) {
        const id = `p${String(i).padStart(3, '0')}`;
        const name = `${TEAM_WORDS[i % TEAM_WORDS.length]} ${TEAM_NOUNS[Math.floor(i / TEAM_WORDS.length) % TEAM_NOUNS.length]} ${i}`;
        const team = { id, name, organization_id: i % 2 === 0 ? 'kth' : 'uwaterloo', group_ids: ['participants'] };
        tx.db.prepare('INSERT INTO teams (contest_id, id, data) VALUES (?, ?, ?)').run(CONTEST_ID, id, JSON.stringify(team));
        tx.emit({ contestId: CONTEST_ID, type: 'teams', id, data: team, audience: 'public' });
      }
    });
    return h;
  } catch (err) {
    await h.close();
    throw err;
  }
}

/** Moves the host clock and waits until the host's state says `phase` happened (the clock ticker runs every second). */
export async function moveClock(h: ApiTestHost, toMs: number, phase: 'started' | 'frozen' | 'ended'): Promise<void> {
  h.clock.set(toMs);
  await until(async () => {
    const state = await call<Record<string, string | null>>(h.url, 'GET', `/api/contests/${CONTEST_ID}/state`);
    return state.body[phase] ? true : undefined;
  }, `state ${phase}`);
}

/** Submits for `teamId` as the jury (works for any team, accounts or not); returns the submission id. */
export async function submitFor(h: ApiTestHost, teamId: string, problemId: string): Promise<string> {
  const zip = await makeZip({ 'main.py': `print("Hello World!")  # ${teamId} ${Math.random()}\n` });
  const res = await call<{ id: string }>(h.url, 'POST', `/api/contests/${CONTEST_ID}/submissions`, {
    auth: JURY, body: { problem_id: problemId, language_id: 'python3', team_id: teamId, files: [{ data: zip.toString('base64') }] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

/** Leases the next queued job and reports `verdict` (the queue's real write path). */
export function judgeNext(h: ApiTestHost, verdict: 'AC' | 'WA' | 'TLE'): void {
  const job = leaseNextJob(h.ctx, { agentId: 'projector-test-judge', languages: [] });
  if (!job) throw new Error('no job queued');
  expect(reportResult(h.ctx, 'projector-test-judge', { leaseId: job.leaseId, verdict })).toEqual({ ok: true });
}

/** Submits and judges in one go. */
export async function solve(h: ApiTestHost, teamId: string, problemId: string, verdict: 'AC' | 'WA' | 'TLE' = 'AC'): Promise<void> {
  await submitFor(h, teamId, problemId);
  judgeNext(h, verdict);
}

/** The CLICS scoreboard from the REST API (public by default; jury with `auth`). */
export async function apiBoard(h: ApiTestHost, view: 'public' | 'jury' = 'public'): Promise<ScoreboardRow[]> {
  const res = await call<{ rows: ScoreboardRow[] }>(h.url, 'GET', `/api/contests/${CONTEST_ID}/scoreboard?view=${view}`, view === 'jury' ? { auth: JURY } : {});
  expect(res.status).toBe(200);
  return res.body.rows;
}

/** What the page shows, row by row: team id, rank, solved, penalty, and each cell's kind and text. */
export interface ShownRow {
  team: string;
  rank: number;
  solved: number;
  penalty: number;
  cells: Array<{ problem: string; kind: string; text: string }>;
}

/** The few DOM members `shownRows` reads (this package has no DOM lib). */
interface DomNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
}

export function shownRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval('[data-testid="scoreboard"] tbody tr', (elements) => (elements as unknown as DomNode[]).map((tr) => {
    const nums = tr.querySelectorAll('td.arena-num');
    return {
      team: tr.getAttribute('data-team-id') ?? '',
      rank: Number(tr.getAttribute('data-rank')),
      solved: Number(nums[0]?.textContent),
      penalty: Number(nums[1]?.textContent),
      cells: [...tr.querySelectorAll('td.arena-cell')].map((td) => ({
        problem: td.getAttribute('data-problem-id') ?? '',
        kind: td.getAttribute('data-cell') ?? '',
        text: td.querySelector('[aria-hidden="true"]')?.textContent ?? '',
      })),
    };
  }));
}

/** The same projection of API rows (cells drawn by the shared UI package's rules), for comparing with `shownRows`. */
export function expectedRows(rows: readonly ScoreboardRow[], problemIds: readonly string[]): ShownRow[] {
  return rows.map((r) => ({
    team: r.team_id, rank: r.rank, solved: r.score.num_solved ?? 0, penalty: r.score.total_time ?? 0,
    cells: problemIds.map((problem) => {
      const cell = r.problems.find((c) => c.problem_id === problem);
      return { problem, kind: cellKind(cell), text: cellText(cell) };
    }),
  }));
}

/** Waits until `page` shows exactly `rows` (order, ranks, solved, penalty, every cell). */
export async function pageShows(page: Page, rows: readonly ScoreboardRow[], what: string): Promise<void> {
  const expected = JSON.stringify(expectedRows(rows, PROBLEM_IDS));
  let shown = '';
  try {
    await until(async () => {
      shown = JSON.stringify(await shownRows(page));
      return shown === expected ? true : undefined;
    }, what);
  } catch (err) {
    expect(JSON.parse(shown), String(err)).toEqual(JSON.parse(expected));
  }
}

/** Polls `check` (sync or async) every 50 ms until it returns a value; fails after `timeoutMs`. */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
