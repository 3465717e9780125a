import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, startApiTestHost, type ApiTestHost } from './helpers/api-host';

let h: ApiTestHost;
let C: string;
const team1 = basic('team1', 'team1pass');
const team2 = basic('team2', 'team2pass');
const jury = basic('jury', 'jurypass');

beforeAll(async () => {
  h = await startApiTestHost();
  C = h.seed.contestId;
});
afterAll(async () => {
  await h?.close();
});

interface Clar { id: string; from_team_id: string | null; to_team_id: string | null; reply_to_id: string | null; problem_id: string | null; text: string; contest_time: string }

function post(auth: string | undefined, body: unknown) {
  return call<Clar & { code: string; message: string }>(h.url, 'POST', `/api/contests/${C}/clarifications`, { ...(auth ? { auth } : {}), body });
}

function counts() {
  const n = (sql: string) => (h.ctx.store.db.prepare(sql).get() as { n: number }).n;
  return { clarifications: n('SELECT COUNT(*) AS n FROM clarifications'), events: n('SELECT COUNT(*) AS n FROM events') };
}

function eventOf(id: string) {
  return h.ctx.store.db.prepare("SELECT audience, team_id AS teamId FROM events WHERE type = 'clarifications' AND object_id = ?").get(id);
}

describe('clarifications', () => {
  it('before the start, a team may ask a general question but not name a problem (problems are hidden)', async () => {
    const before = counts();
    const named = await post(team1, { text: 'What is problem hello about?', problem_id: 'hello' });
    expect(named.status).toBe(400);
    expect(named.body.message).toBe('unknown problem_id "hello"');
    expect(counts()).toEqual(before);
    const general = await post(team1, { text: 'When do we start?' });
    expect(general.status).toBe(200);
    expect(general.body).toMatchObject({ from_team_id: 'team1', to_team_id: null, reply_to_id: null, problem_id: null });
    expect(eventOf(general.body.id)).toEqual({ audience: 'team', teamId: 'team1' });
  });

  it('a team question, a private answer and a public answer are stored with the right audience', async () => {
    expect((await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: jury, body: { action: 'start' } })).status).toBe(200);
    h.clock.advance(125_000);
    const question = await post(team2, { text: '  Is the input sorted?  ', problem_id: 'hello' });
    expect(question.status).toBe(200);
    expect(question.body).toMatchObject({ from_team_id: 'team2', problem_id: 'hello', text: 'Is the input sorted?', contest_time: '0:02:05.000' });

    const privateAnswer = await post(jury, { text: 'No.', reply_to_id: question.body.id });
    expect(privateAnswer.body).toMatchObject({ from_team_id: null, to_team_id: 'team2', reply_to_id: question.body.id });
    expect(eventOf(privateAnswer.body.id)).toEqual({ audience: 'team', teamId: 'team2' });

    const publicAnswer = await post(jury, { text: 'No, for everyone.', reply_to_id: question.body.id, to_team_id: null });
    expect(publicAnswer.body).toMatchObject({ to_team_id: null, reply_to_id: question.body.id });
    expect(eventOf(publicAnswer.body.id)).toEqual({ audience: 'public', teamId: null });

    const announcement = await post(jury, { text: 'Lunch is served.' });
    expect(announcement.body).toMatchObject({ from_team_id: null, to_team_id: null, reply_to_id: null });
    expect(eventOf(announcement.body.id)).toEqual({ audience: 'public', teamId: null });

    const ids = [question, privateAnswer, publicAnswer, announcement].map((r) => Number(r.body.id));
    expect(ids).toEqual([2, 3, 4, 5]);

    const seenByTeam1 = await call<Clar[]>(h.url, 'GET', `/api/contests/${C}/clarifications`, { auth: team1 });
    expect(seenByTeam1.body.map((c) => c.id)).toEqual(['1', String(ids[2]), String(ids[3])]);
    const seenByTeam2 = await call<Clar[]>(h.url, 'GET', `/api/contests/${C}/clarifications`, { auth: team2 });
    expect(seenByTeam2.body.map((c) => c.id)).toEqual(ids.map(String));
  });

  it.each([
    ['empty text', team1, { text: '   ' }, 400, /text/],
    ['no text', team1, { problem_id: 'hello' }, 400, /text/],
    ['a team replying', team1, { text: 'me too', reply_to_id: '2' }, 403, /cannot reply/],
    ['a team writing to another team', team1, { text: 'hi', to_team_id: 'team2' }, 403, /jury only/],
    ['an unknown problem', team1, { text: 'q', problem_id: 'nope' }, 400, /unknown problem_id "nope"/],
    ['a reply to nothing', jury, { text: 'a', reply_to_id: '999' }, 400, /no such clarification/],
    ['the jury writing to an unknown team', jury, { text: 'a', to_team_id: 'ghost' }, 400, /no team ghost/],
    ['anonymous', undefined, { text: 'q' }, 401, /log in/],
    ['an analyst', basic('analyst', 'analystpass'), { text: 'q' }, 403, /only judges and admins/],
  ])('refuses %s and changes nothing', async (_name, auth, body, status, message) => {
    const before = counts();
    const res = await post(auth, body);
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
    expect(counts()).toEqual(before);
  });
});
