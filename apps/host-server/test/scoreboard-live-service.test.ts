import type { Award, Scoreboard } from '@arena/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisRankingStore } from '../src/adapters/redis/redis-ranking-store';
import { InMemoryRankingStore } from '../src/app/ranking/in-memory-ranking-store';
import { createScoreboardService } from '../src/app/scoreboard/scoreboard-service';
import { ScoreboardSource } from '../src/app/scoreboard/scoreboard-source';
import { computeScoreboard } from '../src/domain/scoring/scoreboard';
import type { ScoreboardView } from '../src/domain/scoring/scoring-input';
import { call, startApiTestHost, type ApiTestHost } from './helpers/api-host';
import { startRedisServer } from './helpers/redis-server';
import { authOf, FREEZE_MS, judgeNext, MINUTE, START_MS, startLiveHost, submit, until } from './realtime-test-support';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function host(options: Parameters<typeof startLiveHost>[0] = {}): Promise<ApiTestHost> {
  const h = await startLiveHost(options);
  cleanups.push(() => h.close());
  return h;
}

async function board(h: ApiTestHost, auth?: string, query = ''): Promise<{ status: number; body: Scoreboard }> {
  return call<Scoreboard>(h.url, 'GET', `/api/contests/${h.seed.contestId}/scoreboard${query}`, auth ? { auth } : {});
}

/** The board computed from scratch by the domain from everything in SQLite. */
function fromScratch(h: ApiTestHost, view: ScoreboardView) {
  const source = new ScoreboardSource(h.ctx.store.db);
  const structure = source.structure(h.seed.contestId, h.ctx.clock())!;
  const activity = source.allActivity(h.seed.contestId);
  const teams = view === 'public' ? structure.teams.filter((t) => structure.publicTeamIds.has(t.id)) : structure.teams;
  return computeScoreboard({
    rules: structure.rules, problems: structure.problems, teams,
    submissions: [...activity.values()].flatMap((a) => a.submissions),
    judgements: [...activity.values()].flatMap((a) => a.judgements),
    judgementTypes: structure.judgementTypes,
  }, { view });
}

describe('the live scoreboard service', () => {
  it('scores submissions judged through the queue, incrementally, exactly as the domain does from scratch', async () => {
    const h = await host({ teams: 4 });
    h.clock.set(START_MS + 5 * MINUTE);
    await submit(h, 'team1'); // WA at 0:05
    judgeNext(h, 'WA');
    h.clock.set(START_MS + 12 * MINUTE + 30_000);
    await submit(h, 'team1'); // AC at 0:12 -> 12 + 20
    judgeNext(h, 'AC');
    h.clock.set(START_MS + 20 * MINUTE);
    await submit(h, 'team2', 'sum'); // AC at 0:20
    judgeNext(h, 'AC');
    await submit(h, 'team3', 'sum'); // CE: no penalty, invisible
    judgeNext(h, 'CE');
    await submit(h, 'team3', 'hello'); // still pending

    const res = await board(h);
    expect(res.status).toBe(200);
    expect(res.body.state.started).not.toBeNull();
    expect(res.body.contest_time).toBe('0:20:00.000');
    expect(res.body.rows.map((r) => [r.rank, r.team_id, r.score.num_solved, r.score.total_time])).toEqual([
      [1, 'team2', 1, 20], [2, 'team1', 1, 32], [3, 'team3', 0, 0], [3, 'team4', 0, 0],
    ]);
    const team1 = res.body.rows.find((r) => r.team_id === 'team1')!;
    expect(team1.problems[0]).toEqual({ problem_id: 'hello', num_judged: 2, num_pending: 0, solved: true, time: 12, first_to_solve: true });
    const team3 = res.body.rows.find((r) => r.team_id === 'team3')!;
    expect(team3.problems).toEqual([
      { problem_id: 'hello', num_judged: 0, num_pending: 1, solved: false, first_to_solve: false },
      { problem_id: 'sum', num_judged: 0, num_pending: 0, solved: false, first_to_solve: false },
    ]);
    for (const view of ['public', 'jury'] as const) {
      const viewRes = await board(h, authOf('jury'), `?view=${view}`);
      expect(viewRes.body.rows).toEqual(fromScratch(h, view).rows);
    }
  });

  it('leaves hidden teams off the public board; the jury sees them and may ask for the public view', async () => {
    const h = await host({ teams: 2, hiddenTeam: true });
    h.clock.set(START_MS + 3 * MINUTE);
    await submit(h, 'jury-team', 'hello', true);
    judgeNext(h, 'AC');

    const anonymous = await board(h);
    expect(anonymous.body.rows.map((r) => r.team_id)).toEqual(['team1', 'team2']);
    const asTeam = await board(h, authOf('team1'));
    expect(asTeam.body).toEqual(anonymous.body);
    const jury = await board(h, authOf('jury'));
    expect(jury.body.rows.map((r) => [r.rank, r.team_id])).toEqual([[1, 'jury-team'], [2, 'team1'], [2, 'team2']]);
    expect((await board(h, authOf('jury'), '?view=public')).body.rows).toEqual(anonymous.body.rows);
    const refused = await board(h, authOf('team1'), '?view=jury');
    expect(refused.status).toBe(403);
    expect((await board(h, undefined, '?view=everything')).status).toBe(400);
    expect((await call(h.url, 'GET', '/api/contests/nope/scoreboard')).status).toBe(404);
    expect((await board(h, 'Bearer not-a-token')).status).toBe(401);

    // First to solve on the public board ignores the hidden team.
    h.clock.set(START_MS + 4 * MINUTE);
    await submit(h, 'team2');
    judgeNext(h, 'AC');
    const publicRow = (await board(h)).body.rows.find((r) => r.team_id === 'team2')!;
    expect(publicRow.problems[0], JSON.stringify((await board(h)).body)).toMatchObject({ solved: true, first_to_solve: true });
    const juryRow = (await board(h, authOf('jury'))).body.rows.find((r) => r.team_id === 'team2')!;
    expect(juryRow.problems[0]!.first_to_solve).toBe(false);
  });

  it('keeps the ranking store equal to the boards, and rebuilds it from SQLite at start', async () => {
    const h = await host({ teams: 4, hiddenTeam: true });
    const ranking = new InMemoryRankingStore();
    const service = createScoreboardService(h.ctx, ranking);
    cleanups.push(() => service.close());
    await service.start();
    h.clock.set(START_MS + 7 * MINUTE);
    for (const [team, verdict] of [['team3', 'AC'], ['team1', 'WA'], ['team1', 'AC'], ['jury-team', 'AC']] as const) {
      await submit(h, team, 'hello', team === 'jury-team');
      judgeNext(h, verdict);
    }
    await until(() => (ranking.snapshot(h.seed.contestId, 'jury').length === 5 ? true : undefined), 'ranking store filled');
    service.board(h.seed.contestId);
    await service.settled();
    for (const view of ['public', 'jury'] as const) {
      const rows = service.scoreboard(h.seed.contestId, view).rows;
      const page = await ranking.page(h.seed.contestId, view, 0, 100);
      expect(new Map(page.map((p) => [p.teamId, p.rank]))).toEqual(new Map(rows.map((r) => [r.team_id, r.rank])));
    }
    expect(await ranking.rankOf(h.seed.contestId, 'public', 'jury-team')).toBeNull();

    // A fresh service (a restarted host) rebuilds the store from SQLite alone.
    const fresh = new InMemoryRankingStore();
    const restarted = createScoreboardService(h.ctx, fresh);
    cleanups.push(() => restarted.close());
    await restarted.start();
    expect(fresh.snapshot(h.seed.contestId, 'jury')).toEqual(ranking.snapshot(h.seed.contestId, 'jury'));
    expect(fresh.snapshot(h.seed.contestId, 'public')).toEqual(ranking.snapshot(h.seed.contestId, 'public'));
    expect(restarted.rankingSnapshots().map((s) => [s.view, s.entries.length])).toEqual([['public', 4], ['jury', 5]]);
  });

  it('shares ranks through Redis when a Redis URL is configured', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const seeded = await startLiveHost({ teams: 3 });
    const C = seeded.seed.contestId;
    const dataDir = seeded.ctx.config.dataDir;
    await seeded.host.close();
    // The same data dir, now with Redis: the host fills Redis from SQLite at start.
    const h = await startApiTestHost({ seed: false, nowMs: START_MS + 9 * MINUTE, config: { dataDir, redisUrl: redis.url } });
    cleanups.push(() => h.close());
    // Another host process would read the same sorted sets: read them with a separate client.
    const reader = new RedisRankingStore({ url: redis.url });
    cleanups.push(() => reader.close());
    const read = <T>(op: () => Promise<T>) => op().catch(() => undefined);
    await untilAsync(async () => ((await read(() => reader.size(C, 'public'))) === 3 ? true : undefined), 'redis filled at start');

    h.ctx.store.write((tx) => {
      tx.db.prepare(`INSERT INTO submissions (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, data)
        VALUES (?, 's-redis', 1, 'team2', 'hello', 'cpp', ?, ?, '[]', 'x', '{}')`).run(C, tx.nowMs, 9 * MINUTE);
      tx.db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data)
        VALUES (?, 'j-redis', 's-redis', 'AC', 1, ?, ?, '{}')`).run(C, tx.nowMs, tx.nowMs);
      tx.emit({ contestId: C, type: 'judgements', id: 'j-redis', data: {}, audience: 'team', teamId: 'team2' });
    });
    await untilAsync(async () => ((await read(() => reader.rankOf(C, 'public', 'team2'))) === 1 ? true : undefined), 'team2 ranked first in redis');
    await untilAsync(async () => ((await read(() => reader.rankOf(C, 'jury', 'team2'))) === 1 ? true : undefined), 'team2 first on the jury view');
    expect(await reader.rankOf(C, 'jury', 'team1')).toBe(2);
    expect((await call<Scoreboard>(h.url, 'GET', `/api/contests/${C}/scoreboard`)).body.rows[0]).toMatchObject({ rank: 1, team_id: 'team2' });
  });
});

describe('freeze, thaw and finalize', () => {
  it('hide post-freeze verdicts and first solves publicly; thaw reveals them; finalize changes no row', async () => {
    const h = await host({ teams: 3 });
    const C = h.seed.contestId;
    h.clock.set(START_MS + 30 * MINUTE);
    await submit(h, 'team1');
    judgeNext(h, 'AC');
    h.clock.set(FREEZE_MS + 5 * MINUTE);
    await submit(h, 'team2', 'sum');
    judgeNext(h, 'AC');
    await submit(h, 'team3', 'sum');
    judgeNext(h, 'WA');

    const publicBoard = (await board(h)).body;
    const team2 = publicBoard.rows.find((r) => r.team_id === 'team2')!;
    expect(team2.score.num_solved).toBe(0);
    expect(team2.problems[1]).toEqual({ problem_id: 'sum', num_judged: 0, num_pending: 1, solved: false, first_to_solve: false });
    const awards = (await call<Award[]>(h.url, 'GET', `/api/contests/${C}/awards`)).body;
    expect(awards.find((a) => a.id === 'first-to-solve-sum')!.team_ids).toEqual([]);
    expect(awards.find((a) => a.id === 'winner')!.team_ids).toEqual(['team1']);
    const juryAwards = (await call<Award[]>(h.url, 'GET', `/api/contests/${C}/awards`, { auth: authOf('jury') })).body;
    expect(juryAwards.find((a) => a.id === 'first-to-solve-sum')!.team_ids).toEqual(['team2']);
    expect((await call<Award>(h.url, 'GET', `/api/contests/${C}/awards/first-to-solve-hello`)).body.team_ids).toEqual(['team1']);
    expect((await call(h.url, 'GET', `/api/contests/${C}/awards/nope`)).status).toBe(404);

    h.clock.set(START_MS + 5 * 3_600_000 + MINUTE);
    const jury = (await board(h, authOf('jury'))).body;
    expect((await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: authOf('jury'), body: { action: 'thaw' } })).status).toBe(200);
    const thawed = (await board(h)).body;
    expect(thawed.state.thawed).not.toBeNull();
    expect(thawed.rows).toEqual(jury.rows);
    expect((await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: authOf('jury'), body: { action: 'finalize' } })).status).toBe(200);
    const finalized = (await board(h)).body;
    expect(finalized.state.finalized).not.toBeNull();
    expect(finalized.rows).toEqual(thawed.rows);
  });
});

async function untilAsync<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
