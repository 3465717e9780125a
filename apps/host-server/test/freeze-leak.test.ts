import type { Award, ContestEventPush, Scoreboard, ScoreboardDelta, ScoreboardRow, ScoreboardSnapshot } from '@arena/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiTestHost } from './helpers/api-host';
import {
  authOf, connectRecorder, FREEZE_MS, judgeNext, loginToken, MINUTE, settle, START_MS, startLiveHost, submit, until, versioned, type Recorder,
} from './realtime-test-support';

// A frozen contest gets a post-freeze AC (one nobody has solved: it would earn first to solve
// and change the ranking) and a post-freeze WA. Every public output must stay as it was, except
// for pending counts; the jury and the submitting team see the verdicts.

let h: ApiTestHost;
let C: string;
const sockets: Recorder[] = [];
let anonymousBoard: Recorder;
let otherTeam: Recorder;
let submitter: Recorder;
let proctor: Recorder;
const before: Record<string, unknown> = {};
let postFreezeAc: string;
let postFreezeWa: string;

async function rest<T>(path: string, auth?: string): Promise<T> {
  const res = await call<T>(h.url, 'GET', `/api/contests/${C}${path}`, auth ? { auth } : {});
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

async function feed(auth?: string): Promise<Array<{ type: string; id: string | null; data: Record<string, unknown> | null }>> {
  const text = await rest<string>('/event-feed?stream=false', auth);
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string; id: string | null; data: Record<string, unknown> | null });
}

/** A row with every pending count zeroed: what must not change publicly. */
function withoutPending(row: ScoreboardRow): ScoreboardRow {
  return { ...row, problems: row.problems.map((p) => ({ ...p, num_pending: 0 })) };
}

async function publicOutputs(auth?: string) {
  const board = await rest<Scoreboard>('/scoreboard', auth);
  return { rows: board.rows.map(withoutPending), state: board.state, awards: await rest<Award[]>('/awards', auth), feed: await feed(auth) };
}

beforeAll(async () => {
  h = await startLiveHost({ teams: 4 });
  C = h.seed.contestId;
  // Before the freeze: team1 solves hello (0:30), team2 fails sum (1:00), team4 solves hello (3:50).
  h.clock.set(START_MS + 30 * MINUTE);
  await submit(h, 'team1', 'hello');
  judgeNext(h, 'AC');
  h.clock.set(START_MS + 60 * MINUTE);
  await submit(h, 'team2', 'sum');
  judgeNext(h, 'WA');
  h.clock.set(START_MS + 230 * MINUTE);
  await submit(h, 'team4', 'hello');
  judgeNext(h, 'AC');

  // The freeze passes (injected clock); the ticker announces it.
  h.clock.set(FREEZE_MS + 10 * MINUTE);
  await until(() => (h.ctx.store.readEvents(C).some((e) => e.type === 'state' && e.data?.frozen) ? true : undefined), 'frozen state event');

  const connect = async (namespace: string, token?: string) => {
    const r = await connectRecorder(h.url, namespace, versioned(token ? { token } : {}));
    sockets.push(r);
    return r;
  };
  anonymousBoard = await connect('/scoreboard');
  otherTeam = await connect('/contestant', await loginToken(h, 'team1'));
  submitter = await connect('/contestant', await loginToken(h, 'team3'));
  proctor = await connect('/proctor', await loginToken(h, 'jury'));
  await until(() => (proctor.of('scoreboard:snapshot').length === 2 && otherTeam.of('scoreboard:snapshot').length === 1 && anonymousBoard.of('scoreboard:snapshot').length === 1 ? true : undefined), 'snapshots');

  before.anonymous = await publicOutputs();
  before.team = await publicOutputs(authOf('team1'));

  // After the freeze: team3 solves sum (would be first to solve and rank 1), team2 fails hello.
  h.clock.set(FREEZE_MS + 20 * MINUTE);
  postFreezeAc = await submit(h, 'team3', 'sum');
  judgeNext(h, 'AC');
  h.clock.set(FREEZE_MS + 25 * MINUTE);
  postFreezeWa = await submit(h, 'team2', 'hello');
  judgeNext(h, 'WA');
  await until(() => (submitter.of<ContestEventPush>('event').some((e) => e.type === 'judgements' && e.data?.judgement_type_id === 'AC') ? true : undefined), 'own verdict pushed');
  await settle(800); // every coalesced delta has had its chance to go out
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await h?.close();
});

describe('after post-freeze verdicts, public outputs change only in pending counts', () => {
  it('REST scoreboard, awards and event feed for anonymous', async () => {
    const after = await publicOutputs();
    expect(after).toEqual(before.anonymous);
    const board = await rest<Scoreboard>('/scoreboard');
    const cell = (team: string, problem: string) => board.rows.find((r) => r.team_id === team)!.problems.find((p) => p.problem_id === problem)!;
    expect(cell('team3', 'sum')).toEqual({ problem_id: 'sum', num_judged: 0, num_pending: 1, solved: false, first_to_solve: false });
    expect(cell('team2', 'hello')).toMatchObject({ num_judged: 0, num_pending: 1, solved: false });
    expect(board.rows[0]!.team_id).toBe('team1');
  });

  it('REST scoreboard, awards and event feed for another team', async () => {
    const after = await publicOutputs(authOf('team1'));
    expect(after).toEqual(before.team);
    expect(after.feed.some((l) => l.id === postFreezeAc || l.id === postFreezeWa)).toBe(false);
  });

  it('/scoreboard socket deltas reveal nothing but pending counts', () => {
    const snapshot = anonymousBoard.of<ScoreboardSnapshot>('scoreboard:snapshot')[0]!;
    const original = new Map(snapshot.scoreboard.rows.map((r) => [r.team_id, JSON.stringify(withoutPending(r))]));
    const deltas = anonymousBoard.of<ScoreboardDelta>('scoreboard:delta');
    expect(deltas.length).toBeGreaterThan(0); // the pending counts did change
    const ranks = new Map(snapshot.scoreboard.rows.map((r) => [r.team_id, r.rank]));
    for (const delta of deltas) {
      expect(delta.state).toBeUndefined();
      for (const row of delta.rows) expect(JSON.stringify(withoutPending(row))).toBe(original.get(row.team_id));
      for (const [teamId, rank] of Object.entries(delta.ranks ?? {})) expect(rank).toBe(ranks.get(teamId));
    }
    const pendingOfTeam3 = deltas.flatMap((d) => d.rows).filter((r) => r.team_id === 'team3').at(-1)!;
    expect(pendingOfTeam3.problems.find((p) => p.problem_id === 'sum')).toMatchObject({ num_pending: 1, solved: false });
  });

  it('/contestant pushes to another team reveal nothing', () => {
    const events = otherTeam.of<ContestEventPush>('event');
    expect(events.filter((e) => e.type === 'submissions' || e.type === 'judgements' || e.type === 'runs')).toEqual([]);
    const snapshot = otherTeam.of<ScoreboardSnapshot>('scoreboard:snapshot')[0]!;
    const original = new Map(snapshot.scoreboard.rows.map((r) => [r.team_id, JSON.stringify(withoutPending(r))]));
    const ranks = new Map(snapshot.scoreboard.rows.map((r) => [r.team_id, r.rank]));
    for (const delta of otherTeam.of<ScoreboardDelta>('scoreboard:delta')) {
      for (const row of delta.rows) expect(JSON.stringify(withoutPending(row))).toBe(original.get(row.team_id));
      for (const [teamId, rank] of Object.entries(delta.ranks ?? {})) expect(rank).toBe(ranks.get(teamId));
    }
  });
});

describe('the jury and the submitting team see the verdicts', () => {
  it('jury REST scoreboard and awards', async () => {
    const board = await rest<Scoreboard>('/scoreboard', authOf('jury'));
    expect(board.rows[0]).toMatchObject({ team_id: 'team1', rank: 1 });
    const team3 = board.rows.find((r) => r.team_id === 'team3')!;
    expect(team3.problems.find((p) => p.problem_id === 'sum')).toMatchObject({ solved: true, num_judged: 1, num_pending: 0, first_to_solve: true });
    const team2 = board.rows.find((r) => r.team_id === 'team2')!;
    expect(team2.problems.find((p) => p.problem_id === 'hello')).toMatchObject({ solved: false, num_judged: 1, num_pending: 0 });
    const awards = await rest<Award[]>('/awards', authOf('jury'));
    expect(awards.find((a) => a.id === 'first-to-solve-sum')!.team_ids).toEqual(['team3']);
  });

  it('/proctor gets the jury deltas and every event', () => {
    const juryDeltas = proctor.of<ScoreboardDelta>('scoreboard:delta').filter((d) => d.view === 'jury');
    const team3 = juryDeltas.flatMap((d) => d.rows).filter((r) => r.team_id === 'team3').at(-1)!;
    expect(team3.problems.find((p) => p.problem_id === 'sum')).toMatchObject({ solved: true, first_to_solve: true });
    const verdicts = proctor.of<ContestEventPush>('event').filter((e) => e.type === 'judgements' && e.data?.judgement_type_id);
    expect(verdicts.map((e) => [e.data?.submission_id, e.data?.judgement_type_id])).toEqual([[postFreezeAc, 'AC'], [postFreezeWa, 'WA']]);
  });

  it('/contestant pushes the submitting team its own verdict, and only its own', () => {
    const events = submitter.of<ContestEventPush>('event');
    expect(events.filter((e) => e.type === 'submissions').map((e) => e.id)).toEqual([postFreezeAc]);
    expect(events.filter((e) => e.type === 'judgements' && e.data?.judgement_type_id).map((e) => [e.data?.submission_id, e.data?.judgement_type_id]))
      .toEqual([[postFreezeAc, 'AC']]);
  });
});
