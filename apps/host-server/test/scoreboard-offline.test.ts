import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/app/errors';
import { formatScoreboardTable } from '../src/app/scoreboard-offline/format-scoreboard-table';
import { computeOfflineScoreboard } from '../src/app/scoreboard-offline/offline-scoreboard';
import { readEventFeedFile } from '../src/app/scoreboard-offline/read-event-feed-file';
import { parseEventFeed } from '../src/domain/feed/event-feed';

const ndjson = (...events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n');
const contest = (extra: object = {}) => ({ type: 'contest', data: { id: 'c', name: 'C', duration: '5:00:00', scoreboard_freeze_duration: '1:00:00', penalty_time: 20, ...extra } });
const team = (id: string, extra: object = {}) => ({ type: 'teams', id, data: { id, name: `Team ${id}`, group_ids: ['g'], ...extra } });
const problem = (id: string, label: string, ordinal?: number) => ({ type: 'problems', id, data: { id, label, ...(ordinal !== undefined ? { ordinal } : {}) } });
const submission = (id: string, teamId: string, problemId: string, contestTime: string) => ({ type: 'submissions', id, data: { id, team_id: teamId, problem_id: problemId, contest_time: contestTime } });
const judgement = (id: string, submissionId: string, type: string | null) => ({ type: 'judgements', id, data: { id, submission_id: submissionId, judgement_type_id: type } });

function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('offline scoreboard from a feed', () => {
  const base = [contest(), problem('a', 'A', 1), team('t1'), team('t2'), submission('s1', 't1', 'a', '4:30:00'), judgement('j1', 's1', 'AC')];

  it('public view of an unthawed contest is frozen; jury sees the late solve', () => {
    const feed = parseEventFeed(ndjson(...base));
    const publicBoard = computeOfflineScoreboard(feed, { view: 'public' });
    expect(publicBoard.frozen).toBe(true);
    expect(publicBoard.json.rows[0]!.problems[0]).toMatchObject({ solved: false, num_pending: 1 });
    expect(computeOfflineScoreboard(feed, { view: 'jury' }).json.rows[0]!.problems[0]).toMatchObject({ solved: true, time: 270 });
  });

  it('once the feed says thawed, the public view shows everything', () => {
    const thawed = { type: 'state', data: { started: '2026-01-01T10:00:00Z', ended: '2026-01-01T15:00:00Z', frozen: '2026-01-01T14:00:00Z', thawed: '2026-01-01T15:10:00Z' } };
    const result = computeOfflineScoreboard(parseEventFeed(ndjson(...base, thawed)), { view: 'public' });
    expect(result.frozen).toBe(false);
    expect(result.json.rows[0]!.problems[0]).toMatchObject({ solved: true, time: 270 });
    expect(result.json.state?.thawed).toBe('2026-01-01T15:10:00Z');
  });

  it('hidden teams are not on the board', () => {
    const result = computeOfflineScoreboard(parseEventFeed(ndjson(...base, team('t3', { hidden: true }))), { view: 'jury' });
    expect(result.json.rows.map((r) => r.team_id).sort()).toEqual(['t1', 't2']);
  });

  it('columns follow ordinals, or labels when an ordinal is missing', () => {
    const columns = (...problems: object[]) => computeOfflineScoreboard(parseEventFeed(ndjson(contest(), ...problems, team('t1'))), { view: 'jury' })
      .json.rows[0]!.problems.map((p) => p.problem_id);
    expect(columns(problem('x', 'B', 2), problem('y', 'A', 5))).toEqual(['x', 'y']);
    expect(columns(problem('x', 'B', 2), problem('y', 'A'), problem('z', 'C', 3))).toEqual(['y', 'x', 'z']);
  });

  it('judgement types defined in the feed win over the common ones', () => {
    const ce = { type: 'judgement-types', id: 'CE', data: { id: 'CE', name: 'compile error', penalty: true, solved: false } };
    const feed = parseEventFeed(ndjson(contest(), ce, problem('a', 'A', 1), team('t1'),
      submission('s1', 't1', 'a', '0:10:00'), judgement('j1', 's1', 'CE'), submission('s2', 't1', 'a', '0:20:00'), judgement('j2', 's2', 'AC')));
    expect(computeOfflineScoreboard(feed, { view: 'jury' }).json.rows[0]!.score).toMatchObject({ num_solved: 1, total_time: 40 });
  });

  it.each<[string, object[], { groupId?: string }, RegExp]>([
    ['a judgement type nobody defines', [...base, submission('s2', 't2', 'a', '0:10:00'), judgement('j2', 's2', 'WEIRD')], {}, /judgement type "WEIRD" \(submission s2\)/],
    ['a feed without a contest', base.slice(1), {}, /no contest object/],
    ['an unknown group', base, { groupId: 'elsewhere' }, /no group "elsewhere"/],
  ])('%s is a bad_request AppError', (_name, events, options, message) => {
    const err = appErrorOf(() => computeOfflineScoreboard(parseEventFeed(ndjson(...events)), { view: 'jury', ...options }));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(message);
  });
});

describe('readable table', () => {
  it('pass-fail: +tries/minute, -tries, ?pending, * first to solve, awards', () => {
    const feed = parseEventFeed(ndjson(contest(), problem('a', 'A', 1), problem('b', 'B', 2), team('t1'), team('t2'),
      submission('s1', 't1', 'a', '0:05:00'), judgement('j1', 's1', 'WA'), submission('s2', 't1', 'a', '0:12:00'), judgement('j2', 's2', 'AC'),
      submission('s3', 't2', 'b', '0:30:00'), judgement('j3', 's3', 'WA'), submission('s4', 't2', 'b', '4:10:00')));
    const text = formatScoreboardTable(feed, computeOfflineScoreboard(feed, { view: 'public' }));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'rank  team     solved  penalty       A     B',
      '   1  Team t1       1       32  +2/12*     .',
      '   2  Team t2       0        0       .  ?1-1',
    ]);
    expect(text).toContain('submissions after the freeze are shown as pending');
    expect(text).toContain('First to solve problem A: Team t1');
  });

  it('score contests show scores', () => {
    const feed = parseEventFeed(ndjson(contest({ scoreboard_type: 'score' }), { type: 'problems', id: 'a', data: { id: 'a', label: 'A', ordinal: 1, max_score: 100 } }, team('t1'),
      submission('s1', 't1', 'a', '0:05:00'), { type: 'judgements', id: 'j1', data: { id: 'j1', submission_id: 's1', judgement_type_id: 'WA', score: 40 } }));
    const text = formatScoreboardTable(feed, computeOfflineScoreboard(feed, { view: 'jury' }));
    expect(text.split('\n').slice(0, 2)).toEqual(['rank  team     score  time   A', '   1  Team t1     40     5  40']);
  });
});

describe('reading a feed file', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a malformed line is a bad_request naming the file and the line', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'arena-feed-'));
    const file = path.join(dir, 'feed.ndjson');
    await writeFile(file, `${ndjson(contest(), team('t1'))}\n\n{"type": "teams", oops}\n`);
    const err = await readEventFeedFile(file).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('bad_request');
    expect((err as AppError).message).toBe(`${file}: event feed line 4: not valid JSON`);
  });

  it('a missing file is not_found', async () => {
    const err = await readEventFeedFile('/nonexistent/feed.ndjson').then(() => null, (e: unknown) => e);
    expect((err as AppError).code).toBe('not_found');
  });
});
