import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ScoreboardRow } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { parseEventFeed } from '../src/domain/feed/event-feed';
import { computeOfflineScoreboard } from '../src/app/scoreboard-offline/offline-scoreboard';
import { readEventFeedFile } from '../src/app/scoreboard-offline/read-event-feed-file';

// NWERC 2017 as served by its CCS (DOMjudge): the official final scoreboard must come out of the
// event feed exactly, for the 120 contestant teams of group 12890.
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const dataDir = path.resolve(repoRoot, '..', 'shared', 'data', 'clics', 'nwerc2017');
const feedPath = path.join(dataDir, 'event-feed.ndjson');
const CONTESTANTS = '12890';

interface OfficialCell { problem_id: string; num_judged: number; num_pending: number; solved: boolean; time?: number; first_to_solve?: boolean }
interface OfficialRow { rank: number; team_id: string; score: { num_solved: number; total_time: number }; problems: OfficialCell[] }

const official = JSON.parse(readFileSync(path.join(dataDir, 'official-scoreboard.json'), 'utf8')) as { rows: OfficialRow[] };

/** What the official rows state, in the shape to compare (first_to_solve only where given). */
function comparable(row: { rank: number; team_id: string; score: { num_solved?: number; total_time?: number }; problems: OfficialCell[] }, withFirstToSolve: ReadonlySet<string>) {
  return {
    rank: row.rank,
    team_id: row.team_id,
    num_solved: row.score.num_solved,
    total_time: row.score.total_time,
    problems: row.problems.map((p) => ({
      problem_id: p.problem_id, num_judged: p.num_judged, num_pending: p.num_pending, solved: p.solved, time: p.time,
      ...(withFirstToSolve.has(`${row.team_id}/${p.problem_id}`) ? { first_to_solve: p.first_to_solve } : {}),
    })),
  };
}

const officialFirstToSolve = new Set(official.rows.flatMap((r) => r.problems.filter((p) => p.first_to_solve !== undefined).map((p) => `${r.team_id}/${p.problem_id}`)));

describe('NWERC 2017 official scoreboard from its event feed', async () => {
  const feed = await readEventFeedFile(feedPath);
  const contestantIds = new Set(feed.teams.filter((t) => t.groupIds.includes(CONTESTANTS)).map((t) => t.id));
  const officialContestantRows = official.rows.filter((r) => contestantIds.has(r.team_id));
  const result = computeOfflineScoreboard(feed, { view: 'jury', groupId: CONTESTANTS });

  it('reads the whole feed', () => {
    expect(feed.teams).toHaveLength(133);
    expect(feed.problems).toHaveLength(11);
    expect(feed.submissions).toHaveLength(1757);
    expect(feed.judgements).toHaveLength(1770);
    expect(contestantIds.size).toBe(120);
  });

  it('every contestant row equals the official one, in the same order', () => {
    expect(result.json.rows).toHaveLength(120);
    expect(result.json.rows.map((r) => comparable(r, officialFirstToSolve)))
      .toEqual(officialContestantRows.map((r) => comparable(r, officialFirstToSolve)));
  });

  it('every row is a valid protocol ScoreboardRow', () => {
    for (const row of result.json.rows) expect(ScoreboardRow.parse(row)).toEqual(row);
  });

  it('non-contestant teams: counts and solves equal the official ones (their negative-time submissions count)', () => {
    // Jury team 121's official solve minutes are 15 minutes later than its submissions' contest
    // times: its cached results predate a 15-minute start delay. Times are therefore not compared.
    const all = computeOfflineScoreboard(feed, { view: 'jury' });
    const others = official.rows.filter((r) => !contestantIds.has(r.team_id));
    expect(others).toHaveLength(13);
    const counts = (row: { team_id: string; score: { num_solved?: number }; problems: OfficialCell[] }) =>
      [row.team_id, row.score.num_solved, row.problems.map((p) => [p.problem_id, p.num_judged, p.num_pending, p.solved])];
    const mine = new Map(all.json.rows.map((r) => [r.team_id, r]));
    expect(others.map((r) => counts(mine.get(r.team_id)!))).toEqual(others.map(counts));
    expect(mine.get('121')!.score.total_time).toBeLessThan(0);
  });

  it('the public (frozen) board shows nothing from the last hour but pending counts', () => {
    const publicBoard = computeOfflineScoreboard(feed, { view: 'public', groupId: CONTESTANTS });
    expect(publicBoard.frozen).toBe(true);
    const cells = publicBoard.json.rows.flatMap((r) => r.problems);
    expect(cells.filter((c) => c.solved).every((c) => c.time! < 240)).toBe(true);
    expect(cells.reduce((sum, c) => sum + c.num_pending, 0)).toBeGreaterThan(0);
    const juryByTeam = new Map(result.json.rows.map((r) => [r.team_id, r]));
    for (const row of publicBoard.json.rows) {
      const jury = juryByTeam.get(row.team_id)!;
      expect(row.score.num_solved).toBeLessThanOrEqual(jury.score.num_solved!);
      row.problems.forEach((cell, i) => {
        const juryCell = jury.problems[i]!;
        if (cell.solved) expect(juryCell).toMatchObject({ solved: true, time: cell.time });
        expect(cell.num_judged + cell.num_pending).toBeGreaterThanOrEqual(juryCell.num_judged);
      });
    }
  });

  it('awards follow the final board', () => {
    const award = (id: string) => result.awards.find((a) => a.id === id)?.team_ids;
    const top = officialContestantRows.slice(0, 12).map((r) => r.team_id);
    expect(award('winner')).toEqual([top[0]]);
    expect(award('gold-medal')).toEqual(top.slice(0, 4));
    expect(award('silver-medal')).toEqual(top.slice(4, 8));
    expect(award('bronze-medal')).toEqual(top.slice(8, 12));
    for (const problem of feed.problems) {
      const solvers = officialContestantRows.filter((r) => r.problems.some((p) => p.problem_id === problem.id && p.solved));
      expect(award(`first-to-solve-${problem.id}`)?.length ?? 0).toBeLessThanOrEqual(solvers.length);
    }
  });

  it('the same feed in the 2020-era format (id/type/op/data, times in minutes) gives the same rows', () => {
    const oldFormat = toOldFormat(readFileSync(feedPath, 'utf8'));
    expect(oldFormat).toContain('"op":"update"');
    const fromOld = computeOfflineScoreboard(parseEventFeed(oldFormat), { view: 'jury', groupId: CONTESTANTS });
    expect(fromOld.json.rows).toEqual(result.json.rows);
    expect(fromOld.awards).toEqual(result.awards);
  });
});

const OLD_TYPE: Record<string, string> = { contest: 'contests', submissions: 'submission', judgements: 'judgement' };
const RELTIME_FIELDS = ['contest_time', 'duration', 'scoreboard_freeze_duration', 'start_contest_time', 'end_contest_time'];

/**
 * Rewrites a current-format feed as a 2020-era one: event ids in `id`, `op` create/update, the
 * contest as `contests`, some singular type names, every RELTIME as (fractional) minutes, and one
 * judgement split into a partial create followed by its update.
 */
function toOldFormat(text: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  text.split('\n').filter((line) => line.trim() !== '').forEach((line, index) => {
    const event = JSON.parse(line) as { type: string; data: Record<string, unknown> };
    const data: Record<string, unknown> = { ...event.data };
    for (const field of RELTIME_FIELDS) {
      if (typeof data[field] === 'string') data[field] = relTimeToMinutes(data[field]);
    }
    const key = `${event.type}/${String(data.id)}`;
    const op = seen.has(key) ? 'update' : 'create';
    seen.add(key);
    if (event.type === 'judgements' && op === 'create' && data.judgement_type_id) {
      out.push(JSON.stringify({ id: `e${index}a`, type: OLD_TYPE.judgements, op: 'create', data: { ...data, judgement_type_id: null } }));
      out.push(JSON.stringify({ id: `e${index}b`, type: OLD_TYPE.judgements, op: 'update', data: { id: data.id, judgement_type_id: data.judgement_type_id } }));
      return;
    }
    out.push(JSON.stringify({ id: `e${index}`, type: OLD_TYPE[event.type] ?? event.type, op, data }));
  });
  return out.join('\n') + '\n';
}

function relTimeToMinutes(value: string): number {
  const match = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value)!;
  const minutes = Number(match[2]) * 60 + Number(match[3]) + Number(match[4]) / 60;
  return match[1] ? -minutes : minutes;
}

describe('arena-host scoreboard (real CLI)', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'apps/host-server/src/main/cli.ts', 'scoreboard', ...args], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });

  it('--json prints only the CLICS scoreboard JSON, equal to the offline tool', async () => {
    const { stdout } = await cli('--event-feed', feedPath, '--group', CONTESTANTS, '--view', 'jury', '--json');
    const parsed = JSON.parse(stdout) as { rows: unknown[] };
    const feed = await readEventFeedFile(feedPath);
    expect(parsed.rows).toEqual(computeOfflineScoreboard(feed, { view: 'jury', groupId: CONTESTANTS }).json.rows);
  });

  it('without --json prints a table with every team of the group', async () => {
    const { stdout } = await cli('--event-feed', feedPath, '--group', CONTESTANTS);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^rank\s+team\s+solved\s+penalty\s+A\s+B/);
    expect(lines.filter((l) => /^\s*\d+\s{2}/.test(l))).toHaveLength(120);
    expect(stdout).toContain('frozen');
  });

  it.each<[string, string[], number, RegExp]>([
    ['a missing feed file', ['--event-feed', path.join(dataDir, 'no-such-file.ndjson')], 1, /Cannot read the event feed file .*no-such-file\.ndjson \(ENOENT\)/],
    ['an unknown group', ['--event-feed', feedPath, '--group', 'nope'], 1, /no group "nope"/],
    ['an unknown view', ['--event-feed', feedPath, '--view', 'secret'], 2, /secret/],
  ])('%s is a clear error', async (_name, args, exitCode, message) => {
    const failure = await cli(...args).then(() => null, (err: { code: number; stderr: string; stdout: string }) => err);
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(exitCode);
    expect(failure!.stderr).toMatch(message);
    expect(failure!.stdout).toBe('');
  });
});
