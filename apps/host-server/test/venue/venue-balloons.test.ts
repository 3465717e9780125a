import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ApiTestHost } from '../helpers/api-host';
import {
  connectRecorder, FREEZE_MS, judgeNext, loginToken, MINUTE, START_MS, submit, until, versioned,
} from '../realtime-test-support';
import { auditRows, authFor, consoleCall, startVenueHost } from './venue-support';

interface BalloonRow {
  id: string; teamId: string; teamName: string; problemId: string; problemLabel: string; color: string | null; rgb: string | null;
  firstToSolve: boolean; timeMs: number; contestTime: number; delivered: boolean; deliveredBy: string | null;
}

async function balloons(h: ApiTestHost, user = 'staff'): Promise<BalloonRow[]> {
  const res = await consoleCall<{ balloons: BalloonRow[] }>(h, 'GET', 'balloons', { auth: authFor(h, user) });
  expect(res.status).toBe(200);
  return res.body.balloons;
}

async function solve(h: ApiTestHost, teamId: string, problemId: string, verdict: 'AC' | 'WA' = 'AC'): Promise<string> {
  const id = await submit(h, teamId, problemId);
  expect(judgeNext(h, verdict)).toBe(id);
  return id;
}

/** Takes a submission's valid judgement away as a rejudge does (valid = 0 + judgement delete event, one write). */
function invalidateJudgement(h: ApiTestHost, submissionId: string, teamId: string): void {
  const contestId = h.seed.contestId;
  h.ctx.store.write((tx) => {
    const judgement = tx.db.prepare('SELECT id FROM judgements WHERE contest_id = ? AND submission_id = ? AND valid = 1').get(contestId, submissionId) as { id: string };
    tx.db.prepare('UPDATE judgements SET valid = 0 WHERE contest_id = ? AND id = ?').run(contestId, judgement.id);
    tx.emit({ contestId, type: 'judgements', id: judgement.id, data: null, audience: 'team', teamId });
  });
}

describe('balloons', () => {
  let h: ApiTestHost;
  const acs: Record<string, string> = {};
  beforeAll(async () => {
    h = await startVenueHost();
  });
  afterAll(async () => {
    await h.close();
  });

  it('one balloon per team and problem for its first accepted submission, first-to-solve marked, colour from the problem', async () => {
    h.clock.set(START_MS + 10 * MINUTE);
    await solve(h, 'team1', 'hello', 'WA');
    expect(await balloons(h)).toEqual([]);
    h.clock.advance(MINUTE);
    acs.team1Hello = await solve(h, 'team1', 'hello');
    h.clock.advance(MINUTE);
    acs.team2Hello = await solve(h, 'team2', 'hello');
    await solve(h, 'team1', 'hello'); // a second AC changes nothing
    h.clock.advance(MINUTE);
    await solve(h, 'team2', 'sum');

    const list = await balloons(h);
    expect(list.map((b) => [b.teamId, b.problemId, b.firstToSolve])).toEqual([
      ['team1', 'hello', true], ['team2', 'hello', false], ['team2', 'sum', true],
    ]);
    expect(list[0]).toMatchObject({
      teamName: 'Team 1', problemLabel: 'A', rgb: '#ff0000', color: null, timeMs: START_MS + 11 * MINUTE, contestTime: 11 * MINUTE,
      delivered: false, deliveredBy: null,
    });
    expect(await balloons(h, 'jury')).toEqual(list);
  });

  it('is for staff, judges and admins: a team gets 403, an analyst 403, anonymous 401', async () => {
    expect((await consoleCall(h, 'GET', 'balloons', { auth: authFor(h, 'team1') })).status).toBe(403);
    expect((await consoleCall(h, 'GET', 'balloons', { auth: authFor(h, 'analyst') })).status).toBe(403);
    expect((await consoleCall(h, 'GET', 'balloons')).status).toBe(401);
    const first = (await balloons(h))[0] as BalloonRow;
    expect((await consoleCall(h, 'POST', `balloons/${first.id}/delivered`, { auth: authFor(h, 'team1') })).status).toBe(403);
    expect((await balloons(h))[0]?.delivered).toBe(false);
  });

  it('marks a balloon delivered once (who, audit row); unknown or malformed ids are refused', async () => {
    const first = (await balloons(h))[0] as BalloonRow;
    const res = await consoleCall<BalloonRow>(h, 'POST', `balloons/${first.id}/delivered`, { auth: authFor(h, 'staff') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: first.id, delivered: true, deliveredBy: 'staff' });
    const again = await consoleCall<BalloonRow>(h, 'POST', `balloons/${first.id}/delivered`, { auth: authFor(h, 'jury') });
    expect(again.body.deliveredBy).toBe('staff');
    expect(auditRows(h, 'balloon.delivered')).toEqual([{ actor: 'staff', details: { balloonId: Number(first.id), teamId: 'team1', problemId: 'hello' } }]);
    expect((await consoleCall(h, 'POST', 'balloons/9999/delivered', { auth: authFor(h, 'staff') })).status).toBe(404);
    expect((await consoleCall(h, 'POST', 'balloons/abc/delivered', { auth: authFor(h, 'staff') })).status).toBe(400);
  });

  it('tells open consoles when a new balloon appears', async () => {
    const proctor = await connectRecorder(h.url, '/proctor', versioned({ token: await loginToken(h, 'jury') }));
    try {
      h.clock.advance(MINUTE);
      await solve(h, 'team3', 'sum');
      const change = await until(() => proctor.of<{ topic: string }>('console:changed').find((c) => c.topic === 'balloons'), 'console:changed balloons');
      expect(change).toEqual({ topic: 'balloons' });
      expect((await balloons(h)).some((b) => b.teamId === 'team3' && b.problemId === 'sum' && !b.firstToSolve)).toBe(true);
    } finally {
      proctor.close();
    }
  });

  it('follows rejudges: a moved first AC moves the balloon (delivered stays delivered), a lost AC removes an undelivered one', async () => {
    invalidateJudgement(h, acs.team1Hello as string, 'team1');
    invalidateJudgement(h, acs.team2Hello as string, 'team2');
    const hello = (await balloons(h)).filter((b) => b.problemId === 'hello');
    expect(hello.map((b) => [b.teamId, b.timeMs, b.delivered, b.firstToSolve])).toEqual([['team1', START_MS + 12 * MINUTE, true, true]]);
  });

  it('holds back balloons for submissions made during the freeze until the thaw', async () => {
    h.clock.set(FREEZE_MS + MINUTE);
    await solve(h, 'team3', 'hello');
    expect((await balloons(h)).some((b) => b.teamId === 'team3' && b.problemId === 'hello')).toBe(false);
    expect((await balloons(h, 'admin')).some((b) => b.teamId === 'team3' && b.problemId === 'hello')).toBe(false);
    const thaw = await call(h.url, 'POST', `/api/contests/${h.seed.contestId}/clock`, { auth: authFor(h, 'jury'), body: { action: 'thaw' } });
    expect(thaw.status).toBe(200);
    expect((await balloons(h)).some((b) => b.teamId === 'team3' && b.problemId === 'hello')).toBe(true);
  });
});

describe('balloons with balloons.showDuringFreeze', () => {
  it('shows balloons for submissions made during the freeze at once', async () => {
    const h = await startVenueHost({ balloons: { showDuringFreeze: true } });
    try {
      h.clock.set(FREEZE_MS + MINUTE);
      await solve(h, 'team2', 'sum');
      expect((await balloons(h)).map((b) => [b.teamId, b.problemId, b.firstToSolve])).toEqual([['team2', 'sum', true]]);
    } finally {
      await h.close();
    }
  });
});
