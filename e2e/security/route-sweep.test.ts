import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../../apps/host-server/test/helpers/api-host';
import {
  concreteUrl, eventCount, fetchRaw, leakedMarkers, registeredRoutes, SECRET_MARKERS, startSweepHost, storedZipBase64, TEAM2_MARKER,
  type Route, type SweepHost,
} from './sweep-support';

// Issue #8 item 5, over EVERY REST route the host registers (read from Fastify, so a route added
// later is swept without touching this file): a team cannot read another team's data, act as
// another team or reach jury/console actions; anonymous clients need a login for all of that;
// secret test data never reaches a team. team2's activity carries a unique marker; every
// response team1 or an anonymous client gets is searched for it (and for the secret test data).

/** Writes a team may make (everything else that is not a GET must be refused to a team). */
const TEAM_WRITES = new Set(['POST /api/login', 'POST /api/logout', 'POST /api/contests/:id/submissions', 'POST /api/contests/:id/clarifications',
  // The contestant app's own actions.
  'POST /api/arena/contests/:id/test-runs', 'POST /api/arena/contests/:id/prints', 'POST /api/arena/contests/:id/exit-code/verify']);
/** Console routes (any `/api/.../console/...`, including ones added later): jury only. */
const CONSOLE_ROUTE = /^\/api\/.*\/console(\/|$)/;
/** Reads only the jury may make: a team gets 403, an anonymous client a refusal. */
const JURY_READS = new Set(['/api/contests/:id/accounts', '/api/contests/:id/accounts/:oid', '/api/contests/:id/runs', '/api/contests/:id/runs/:oid']);
/** Valid bodies for the known jury actions, so a refusal is about who asks, not about the body. */
const VALID_BODIES: Record<string, unknown> = {
  'POST /api/contests/:id/clock': { action: 'end' },
};

let sweep: SweepHost;
let routes: Route[];
const key = (r: Route) => `${r.method} ${r.url}`;

beforeAll(async () => {
  sweep = await startSweepHost();
  routes = registeredRoutes(sweep.h.host.http);
}, 60_000);
afterAll(async () => {
  await sweep?.close();
});

describe('the sweep covers the host as built', () => {
  it('reads every registered route from Fastify, including the contest API, judge files and the web apps', () => {
    const keys = routes.map(key);
    for (const expected of ['GET /api/contests/:id/submissions', 'POST /api/contests/:id/clock', 'GET /judge/files/:sha256',
      'GET /api/contests/:id/event-feed', 'GET /scoreboard/*', 'POST /api/logout']) {
      expect(keys).toContain(expected);
    }
    console.log(`route sweep: ${routes.length} method+route pairs (${routes.filter((r) => r.method === 'GET').length} GET, ${routes.filter((r) => CONSOLE_ROUTE.test(r.url)).length} console)`);
  });
});

describe('reads', () => {
  it('no response to team1 or to an anonymous client carries team2\'s data or secret test data; team2\'s objects are refused', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const { path, targetTeam } = await concreteUrl(sweep, route);
      for (const [who, auth] of [['team1', `Bearer ${sweep.team1Token}`], ['anonymous', undefined]] as const) {
        const reply = await fetchRaw(sweep.h.url, 'GET', path, auth);
        const leaks = leakedMarkers(reply.text, [TEAM2_MARKER, ...SECRET_MARKERS]);
        if (leaks.length > 0) problems.push(`${who} GET ${path} (${reply.status}) leaks ${leaks.join(', ')}`);
        const ownedByOther = targetTeam === 'team2' && !route.url.startsWith('/api/contests/:id/teams');
        if (ownedByOther && reply.status < 400) problems.push(`${who} GET ${path} (team2's object) answered ${reply.status}`);
        if (CONSOLE_ROUTE.test(route.url)) {
          const expected = who === 'team1' ? 403 : 401;
          if (reply.status !== expected) problems.push(`${who} GET ${path} (console) answered ${reply.status}, not ${expected}`);
        } else if (JURY_READS.has(route.url)) {
          const allowed = who === 'team1' ? [403] : [401, 403];
          if (!allowed.includes(reply.status)) problems.push(`${who} GET ${path} (jury only) answered ${reply.status}`);
        }
        if (reply.status >= 500 && reply.status !== 503) problems.push(`${who} GET ${path} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the jury, reading the same URLs, does get team2\'s data (the markers are there to be found)', async () => {
    const files = await fetchRaw(sweep.h.url, 'GET', `/api/contests/${sweep.contestId}/submissions/${sweep.team2SubmissionId}/files`, `Bearer ${sweep.juryToken}`);
    expect(files.status).toBe(200);
    expect(leakedMarkers(files.text, [TEAM2_MARKER])).toEqual([TEAM2_MARKER]);
    const clarifications = await fetchRaw(sweep.h.url, 'GET', `/api/contests/${sweep.contestId}/clarifications`, `Bearer ${sweep.team2Token}`);
    expect(leakedMarkers(clarifications.text, [TEAM2_MARKER])).toEqual([TEAM2_MARKER]);
  });
});

describe('writes', () => {
  it('every write that is not a team\'s is refused to team1 (403) and to anonymous clients (401), and changes nothing', async () => {
    const problems: string[] = [];
    const writes = routes.filter((r) => r.method !== 'GET' && !TEAM_WRITES.has(key(r)));
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      const { path } = await concreteUrl(sweep, route);
      const known = key(route) in VALID_BODIES;
      const body = known ? VALID_BODIES[key(route)] : {};
      for (const [who, auth, expected] of [['team1', `Bearer ${sweep.team1Token}`, 403], ['anonymous', undefined, 401]] as const) {
        const before = eventCount(sweep);
        const reply = await fetchRaw(sweep.h.url, route.method, path, auth, body);
        // A route this file has no valid body for may refuse the body first (400); it must still refuse.
        const acceptable = known ? [expected] : [expected, 400, 401, 403, 404];
        if (!acceptable.includes(reply.status)) problems.push(`${who} ${route.method} ${path} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
        if (eventCount(sweep) !== before) problems.push(`${who} ${route.method} ${path} changed the event log`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a team cannot act as another team: team_id in a submission, a clarification to or a reply for another team, another team\'s password', async () => {
    const C = sweep.contestId;
    const auth = `Bearer ${sweep.team1Token}`;
    const before = eventCount(sweep);
    const data = await storedZipBase64({ 'main.cpp': 'int main() { return 0; }\n' });
    const asOther = await fetchRaw(sweep.h.url, 'POST', `/api/contests/${C}/submissions`, auth, { problem_id: 'hello', language_id: 'cpp', files: [{ data }], team_id: 'team2' });
    expect(asOther.status).toBe(403);
    const toOther = await fetchRaw(sweep.h.url, 'POST', `/api/contests/${C}/clarifications`, auth, { text: 'hi', to_team_id: 'team2' });
    expect(toOther.status).toBe(403);
    const replyForOther = await fetchRaw(sweep.h.url, 'POST', `/api/contests/${C}/clarifications`, auth, { text: 'answer', reply_to_id: sweep.team2ClarificationId });
    expect(replyForOther.status).toBe(403);
    const wrongPassword = await fetchRaw(sweep.h.url, 'GET', `/api/contests/${C}/submissions`, basic('team2', 'team1pass'));
    expect(wrongPassword.status).toBe(401);
    expect(eventCount(sweep)).toBe(before);
    // Its own submission list still holds only its own.
    const mine = await fetchRaw(sweep.h.url, 'GET', `/api/contests/${C}/submissions`, auth);
    expect((JSON.parse(mine.text) as Array<{ id: string; team_id: string }>).map((s) => s.team_id)).toEqual(['team1']);
  });
});
