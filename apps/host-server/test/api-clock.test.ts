import { formatTime } from '@arena/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, makeZip, startApiTestHost, TEST_T0, type ApiTestHost } from './helpers/api-host';

const MIN = 60_000;
const HOUR = 60 * MIN;
let h: ApiTestHost;
let C: string;
const jury = basic('jury', 'jurypass');
const admin = basic('admin', 'adminpass');
const team1 = basic('team1', 'team1pass');

beforeAll(async () => {
  h = await startApiTestHost({ config: { api: { clockTickMs: 20 } } });
  C = h.seed.contestId;
});
afterAll(async () => {
  await h?.close();
});

interface State { started: string | null; frozen: string | null; ended: string | null; thawed: string | null; finalized: string | null; end_of_updates: string | null }
interface Contest { start_time: string | null; duration: string }

function clock(auth: string | undefined, body: unknown) {
  return call<{ contest: Contest; state: State; code: string; message: string }>(h.url, 'POST', `/api/contests/${C}/clock`, { ...(auth ? { auth } : {}), body });
}

async function submit(auth = team1) {
  const zip = await makeZip({ 'main.cpp': 'int main(){}' });
  return call<{ id: string; code: string; message: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, {
    auth, body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: zip.toString('base64') }] },
  });
}

function eventCount(): number {
  return (h.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
}

function lastEvent(type: string): Record<string, unknown> | null {
  const row = h.ctx.store.db.prepare('SELECT data FROM events WHERE type = ? ORDER BY token DESC LIMIT 1').get(type) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
}

/** Waits (polling, bounded) until the clock ticker has logged a state matching `predicate`. */
async function stateEventWhere(predicate: (s: State) => boolean): Promise<State> {
  for (let i = 0; i < 500; i++) {
    const state = lastEvent('state') as State | null;
    if (state && predicate(state)) return state;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no matching state event; last: ${JSON.stringify(lastEvent('state'))}`);
}

describe('who may control the clock', () => {
  it.each([
    ['anonymous', undefined, 401],
    ['a team', team1, 403],
    ['an analyst', basic('analyst', 'analystpass'), 403],
  ])('%s may not', async (_who, auth, status) => {
    const before = eventCount();
    expect((await clock(auth, { action: 'start' })).status).toBe(status);
    expect(eventCount()).toBe(before);
  });
});

describe('a contest day', () => {
  it('refuses submissions before the start', async () => {
    const res = await submit();
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'contest_not_running', message: 'the contest has not started yet; submissions open at the start' });
  });

  it('refuses bad commands with 400 and changes nothing', async () => {
    const before = eventCount();
    expect((await clock(jury, { action: 'explode' })).status).toBe(400);
    expect((await clock(jury, { action: 'schedule', start_time: 'tomorrow' })).status).toBe(400);
    const past = await clock(jury, { action: 'schedule', start_time: formatTime(TEST_T0 - HOUR) });
    expect(past.status).toBe(400);
    expect(past.body.message).toMatch(/future/);
    expect((await clock(jury, { action: 'freeze' })).status).toBe(409);
    expect(eventCount()).toBe(before);
  });

  it('schedules the start, and the ticker announces the start when the time comes', async () => {
    const start = TEST_T0 + 10 * MIN;
    const res = await clock(admin, { action: 'schedule', start_time: formatTime(start) });
    expect(res.status).toBe(200);
    expect(res.body.contest.start_time).toBe(formatTime(start));
    expect(lastEvent('contest')).toMatchObject({ start_time: formatTime(start) });
    expect((await call<Contest>(h.url, 'GET', `/api/contests/${C}`)).body.start_time).toBe(formatTime(start));

    h.clock.set(start);
    const state = await stateEventWhere((s) => s.started !== null);
    expect(state.started).toBe(formatTime(start));
    expect((await call<State>(h.url, 'GET', `/api/contests/${C}/state`)).body.started).toBe(formatTime(start));
    expect((await submit()).status).toBe(200);
  });

  it('records a submission at its contest time', async () => {
    h.clock.advance(90_000);
    const res = await submit();
    expect(res.body).toMatchObject({ contest_time: '0:01:30.000' });
  });

  it('freezes by hand, extends, and the freeze stays', async () => {
    expect((await clock(jury, { action: 'freeze' })).body.state.frozen).toBe(formatTime(h.clock()));
    expect((await clock(jury, { action: 'freeze' })).status).toBe(409);
    const extended = await clock(jury, { action: 'extend', by: '0:30:00' });
    expect(extended.status).toBe(200);
    expect(extended.body.contest.duration).toBe('5:30:00.000');
    expect(lastEvent('contest')).toMatchObject({ duration: '5:30:00.000' });
    const shortened = await clock(jury, { action: 'extend', by: '-0:15:00' });
    expect(shortened.body.contest.duration).toBe('5:15:00.000');
    expect(shortened.body.state.frozen).not.toBeNull();
  });

  it('ends, refuses later submissions, and will not finalize while work is open', async () => {
    const ended = await clock(jury, { action: 'end' });
    expect(ended.status).toBe(200);
    expect(ended.body.state.ended).toBe(formatTime(h.clock()));
    h.clock.advance(1000);
    const late = await submit();
    expect(late.status).toBe(403);
    expect(late.body.message).toBe('the contest has ended; no more submissions are accepted');

    // Two submissions still queued and a team question nobody answered.
    const question = await call<{ id: string }>(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: team1, body: { text: 'Is it over?' } });
    expect(question.status).toBe(200);
    const before = eventCount();
    const refused = await clock(jury, { action: 'finalize' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('cannot finalize: 2 submission(s) still pending, 1 unanswered clarification(s)');
    expect(eventCount()).toBe(before);

    // Judge one, let the other fail for good (held), answer the question.
    const subs = h.ctx.store.db.prepare('SELECT id FROM submissions WHERE contest_id = ? ORDER BY seq').all(C) as Array<{ id: string }>;
    h.ctx.store.db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data)
      VALUES (?, 'j1', ?, 'AC', 1, 0, 1, '{}')`).run(C, subs[0]!.id);
    h.ctx.store.db.prepare("UPDATE judge_queue SET state = 'held' WHERE contest_id = ? AND submission_id = ?").run(C, subs[1]!.id);
    const stillRefused = await clock(jury, { action: 'finalize' });
    expect(stillRefused.body.message).toBe('cannot finalize: 1 submission(s) with a judging error, 1 unanswered clarification(s)');
    h.ctx.store.db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data)
      VALUES (?, 'j2', ?, 'WA', 1, 0, 1, '{}')`).run(C, subs[1]!.id);
    expect((await call(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: jury, body: { text: 'Yes.', reply_to_id: question.body.id } })).status).toBe(200);

    const finalized = await clock(jury, { action: 'finalize' });
    expect(finalized.status).toBe(200);
    expect(finalized.body.state.finalized).toBe(formatTime(h.clock()));
    // Frozen and not yet thawed: updates may still come (the thaw).
    expect(finalized.body.state.end_of_updates).toBeNull();
  });

  it('thaws after finalizing, which ends the updates', async () => {
    h.clock.advance(MIN);
    const thawed = await clock(jury, { action: 'thaw' });
    expect(thawed.status).toBe(200);
    expect(thawed.body.state.thawed).toBe(formatTime(h.clock()));
    expect(thawed.body.state.end_of_updates).toBe(formatTime(h.clock()));
    expect(lastEvent('state')).toEqual(thawed.body.state);
    expect((await clock(jury, { action: 'thaw' })).status).toBe(409);
  });

  it('audit-logs every command with its actor', () => {
    const rows = h.ctx.store.db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'clock.%' ORDER BY id").all() as Array<{ actor: string; action: string }>;
    expect(rows.map((r) => `${r.actor}:${r.action}`)).toEqual([
      'admin:clock.schedule', 'jury:clock.freeze', 'jury:clock.extend', 'jury:clock.extend', 'jury:clock.end', 'jury:clock.finalize', 'jury:clock.thaw',
    ]);
  });
});

describe('time-driven changes', () => {
  let t: ApiTestHost;
  afterAll(async () => {
    await t?.close();
  });

  it('the ticker logs the automatic start, freeze and end once each, and submissions close at the end', async () => {
    const start = TEST_T0 + HOUR;
    t = await startApiTestHost({ config: { api: { clockTickMs: 20 } }, seed: { scheduledStartMs: start, durationMs: 2 * HOUR, freezeDurationMs: 30 * MIN } });
    const contestId = t.seed.contestId;
    const states = () => (t.ctx.store.db.prepare("SELECT data FROM events WHERE type = 'state' ORDER BY token").all() as Array<{ data: string }>)
      .map((r) => JSON.parse(r.data) as State);
    const waitFor = async (predicate: (s: State[]) => boolean) => {
      for (let i = 0; i < 500 && !predicate(states()); i++) await new Promise((r) => setTimeout(r, 10));
      expect(predicate(states())).toBe(true);
    };
    t.clock.set(start + 1);
    await waitFor((s) => s.some((x) => x.started !== null));
    t.clock.set(start + 90 * MIN);
    await waitFor((s) => s.some((x) => x.frozen !== null));
    t.clock.set(start + 2 * HOUR);
    await waitFor((s) => s.some((x) => x.ended !== null));
    // Let the ticker run a few more times: nothing new is logged.
    const count = states().length;
    await new Promise((r) => setTimeout(r, 100));
    expect(states()).toHaveLength(count);
    expect(states().map((s) => [s.started !== null, s.frozen !== null, s.ended !== null])).toEqual([[true, false, false], [true, true, false], [true, true, true]]);
    expect(states()[2]).toMatchObject({ started: formatTime(start), frozen: formatTime(start + 90 * MIN), ended: formatTime(start + 2 * HOUR) });

    const zip = await makeZip({ 'main.cpp': 'int main(){}' });
    const late = await call<{ code: string }>(t.url, 'POST', `/api/contests/${contestId}/submissions`, {
      auth: team1, body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: zip.toString('base64') }] },
    });
    expect(late.status).toBe(403);
    expect(late.body.code).toBe('contest_not_running');
  });
});
