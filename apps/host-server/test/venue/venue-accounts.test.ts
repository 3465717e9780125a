import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onConsoleChanged } from '../../src/app/console/console-signals';
import { basic, call, makeZip, type ApiTestHost } from '../helpers/api-host';
import { connectRecorder, versioned } from '../realtime-test-support';
import { auditRows, authFor, consoleCall, countRows, startVenueHost } from './venue-support';

let h: ApiTestHost;

/** One host per describe block (starting one hashes every seeded password): its tests use distinct teams. */
function withHost(): void {
  beforeAll(async () => {
    h = await startVenueHost();
  });
  afterAll(async () => {
    await h.close();
  });
}

interface TeamRow { teamId: string; name: string; displayName: string | null; organizationId: string | null; groupIds: string[]; username: string | null; enabled: boolean; lastSeenMs: number | null }

async function login(username: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await call<{ token?: string }>(h.url, 'POST', '/api/login', { body: { username, password } });
  return { status: res.status, ...(res.body.token === undefined ? {} : { token: res.body.token }) };
}

function events(type: string): Array<{ id: string | null; data: Record<string, unknown> | null; audience: string }> {
  return h.ctx.store.readEvents(h.seed.contestId).filter((e) => e.type === type);
}

/** Rows of the tables a team change touches, and its events (the clock ticker's own events aside). */
function tableCounts(): Record<string, number> {
  const counts = Object.fromEntries(['teams', 'accounts', 'audit_log', 'sessions'].map((t) => [t, countRows(h, t)]));
  return { ...counts, teamEvents: events('teams').length, accountEvents: events('accounts').length };
}

describe('console accounts: roles', () => {
  withHost();

  it.each([
    ['anonymous', undefined, 401],
    ['a team', 'team1', 403],
    ['an analyst', 'analyst', 403],
    ['staff', 'staff', 403],
    ['a judge', 'jury', 200],
    ['an admin', 'admin', 200],
  ])('listing teams as %s answers %i', async (_who, user, status) => {
    const res = await consoleCall(h, 'GET', 'accounts', user === undefined ? {} : { auth: authFor(h, user) });
    expect(res.status).toBe(status);
  });

  it.each([
    ['POST', 'accounts', { name: 'New' }],
    ['PATCH', 'accounts/team1', { name: 'Renamed' }],
    ['POST', 'accounts/import', { format: 'tsv', text: 'x\tX' }],
    ['POST', 'accounts/team1/password', undefined],
    ['POST', 'credential-slips', {}],
  ])('%s %s is for admins only (judge and team 403, anonymous 401), and a refusal changes nothing', async (method, path, body) => {
    const before = tableCounts();
    const asJudge = await consoleCall(h, method, path, { auth: authFor(h, 'jury'), body });
    expect(asJudge.status).toBe(403);
    const asTeam = await consoleCall(h, method, path, { auth: authFor(h, 'team1'), body });
    expect(asTeam.status).toBe(403);
    const anonymous = await consoleCall(h, method, path, { body });
    expect(anonymous.status).toBe(401);
    expect(tableCounts()).toEqual(before);
  });

  it('refuses an admin of another contest', async () => {
    const other = await call(h.url, 'GET', '/api/arena/contests/other/console/accounts', { auth: authFor(h, 'admin') });
    expect(other.status).toBe(403);
  });
});

describe('console accounts: list and add', () => {
  withHost();

  it('lists every team with its account, never a password hash, and when it was last seen', async () => {
    const before = await consoleCall<{ teams: TeamRow[] }>(h, 'GET', 'accounts', { auth: authFor(h, 'jury') });
    expect(before.status).toBe(200);
    expect(before.body.teams.map((t) => t.teamId)).toEqual(['team1', 'team2', 'team3']);
    expect(before.body.teams[0]).toEqual({
      teamId: 'team1', name: 'Team 1', displayName: null, organizationId: 'org1', groupIds: ['participants'], username: 'team1', enabled: true, lastSeenMs: null,
    });
    expect(JSON.stringify(before.body)).not.toContain('scrypt');
    h.clock.advance(5000);
    expect((await login('team2', 'team2pass')).status).toBe(200);
    const after = await consoleCall<{ teams: TeamRow[] }>(h, 'GET', 'accounts', { auth: authFor(h, 'jury') });
    expect(after.body.teams.find((t) => t.teamId === 'team2')?.lastSeenMs).toBe(h.clock());
  });

  it('adds a team with a generated password that logs in, with CLICS events and an audit row', async () => {
    const res = await consoleCall<TeamRow & { password: string }>(h, 'POST', 'accounts', {
      auth: authFor(h, 'admin'), body: { name: 'Late Team', displayName: 'Late', organizationId: 'org2', groupIds: ['participants'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ teamId: 'team4', username: 'team4', name: 'Late Team', displayName: 'Late', enabled: true });
    expect(res.body.password).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect((await login('team4', res.body.password)).status).toBe(200);

    const teamEvent = events('teams').at(-1);
    expect(teamEvent).toMatchObject({ id: 'team4', audience: 'public', data: { id: 'team4', name: 'Late Team', display_name: 'Late', organization_id: 'org2' } });
    const accountEvent = events('accounts').at(-1);
    expect(accountEvent).toEqual(expect.objectContaining({ id: 'team4', audience: 'jury', data: { id: 'team4', username: 'team4', type: 'team', team_id: 'team4' } }));
    expect(JSON.stringify(h.ctx.store.readEvents(h.seed.contestId))).not.toContain('scrypt');
    expect(auditRows(h, 'team.create')).toEqual([{ actor: 'admin', details: { teamId: 'team4', username: 'team4' } }]);

    const withId = await consoleCall<TeamRow>(h, 'POST', 'accounts', { auth: authFor(h, 'admin'), body: { teamId: 't-99', name: 'Named', username: 'login99' } });
    expect(withId.status).toBe(201);
    expect(withId.body).toMatchObject({ teamId: 't-99', username: 'login99' });
  });

  it.each([
    ['an empty name', { name: '  ' }, 400],
    ['an unknown field', { name: 'X', colour: 'red' }, 400],
    ['an unknown group', { name: 'X', groupIds: ['nope'] }, 400],
    ['an unknown organization', { name: 'X', organizationId: 'nope' }, 400],
    ['an existing team id', { teamId: 'team1', name: 'X', username: 'fresh' }, 409],
    ['a taken username', { name: 'X', username: 'jury' }, 409],
  ])('refuses %s and changes nothing', async (_what, body, status) => {
    const before = tableCounts();
    const res = await consoleCall<{ code: string; message: string }>(h, 'POST', 'accounts', { auth: authFor(h, 'admin'), body });
    expect(res.status).toBe(status);
    expect(res.body.message).toBeTruthy();
    expect(tableCounts()).toEqual(before);
  });
});

describe('console accounts: edit and disable', () => {
  withHost();

  it('renames a team (teams event, audit row)', async () => {
    const res = await consoleCall<TeamRow>(h, 'PATCH', 'accounts/team2', { auth: authFor(h, 'admin'), body: { name: 'Blue Team', displayName: 'Blue', groupIds: [] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ teamId: 'team2', name: 'Blue Team', displayName: 'Blue', groupIds: [] });
    expect(events('teams').at(-1)).toMatchObject({ id: 'team2', audience: 'public', data: { name: 'Blue Team', display_name: 'Blue', group_ids: [] } });
    expect(auditRows(h, 'team.update')).toHaveLength(1);
    const clics = await call<Array<{ id: string; name: string }>>(h.url, 'GET', `/api/contests/${h.seed.contestId}/teams/team2`);
    expect(clics.body).toMatchObject({ name: 'Blue Team' });
  });

  it('a disabled team cannot log in or submit, and its open sessions end; enabling it again lets it back in', async () => {
    const session = await login('team1', 'team1pass');
    expect(session.status).toBe(200);
    const disabled = await consoleCall<TeamRow>(h, 'PATCH', 'accounts/team1', { auth: authFor(h, 'admin'), body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);

    const withToken = await call(h.url, 'GET', `/api/contests/${h.seed.contestId}/submissions`, { auth: `Bearer ${session.token}` });
    expect(withToken.status).toBe(401);
    expect((await login('team1', 'team1pass')).status).toBe(403);
    const zip = await makeZip({ 'main.cpp': 'int main() {}\n' });
    const submitted = await call(h.url, 'POST', `/api/contests/${h.seed.contestId}/submissions`, {
      auth: basic('team1', 'team1pass'), body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: zip.toString('base64') }] },
    });
    expect(submitted.status).toBe(403);
    expect(countRows(h, 'submissions')).toBe(0);
    expect(auditRows(h, 'team.update').at(-1)?.details).toMatchObject({ teamId: 'team1', enabled: false, sessionsRevoked: 1 });

    await consoleCall(h, 'PATCH', 'accounts/team1', { auth: authFor(h, 'admin'), body: { enabled: true } });
    expect((await login('team1', 'team1pass')).status).toBe(200);
  });

  it('disconnects the contestant-app sockets of a team it disables, and tells consoles', async () => {
    const signals: Array<{ topic: string; teamId?: string }> = [];
    const stop = onConsoleChanged(h.ctx.store.db, ({ topic, teamId }) => signals.push({ topic, ...(teamId === undefined ? {} : { teamId }) }));
    const socket = await connectRecorder(h.url, '/contestant', versioned({ token: (await login('team3', 'team3pass')).token }));
    try {
      const gone = new Promise<string>((resolve) => socket.socket.once('disconnect', (reason) => resolve(reason)));
      await consoleCall(h, 'PATCH', 'accounts/team3', { auth: authFor(h, 'admin'), body: { enabled: false } });
      expect(await gone).toBe('io server disconnect');
      expect(signals).toContainEqual({ topic: 'accounts', teamId: 'team3' });
      expect(signals).toContainEqual({ topic: 'audit', teamId: 'team3' });
    } finally {
      stop();
      socket.close();
    }
  });

  it('refuses an unknown team (404), an unknown group and a bad body (400), changing nothing', async () => {
    const before = tableCounts();
    expect((await consoleCall(h, 'PATCH', 'accounts/nobody', { auth: authFor(h, 'admin'), body: { name: 'X' } })).status).toBe(404);
    expect((await consoleCall(h, 'PATCH', 'accounts/team1', { auth: authFor(h, 'admin'), body: { groupIds: ['ghost'] } })).status).toBe(400);
    expect((await consoleCall(h, 'PATCH', 'accounts/team1', { auth: authFor(h, 'admin'), body: { enabled: 'no' } })).status).toBe(400);
    expect(tableCounts()).toEqual(before);
  });
});

describe('console accounts: import', () => {
  withHost();

  it('imports TSV: creates new teams with accounts, updates existing ones, returns the new passwords once', async () => {
    const text = [
      'team_id\tname\tdisplay_name\torganization_id\tgroup_ids\tusername',
      'team1\tTeam One Renamed',
      '# a comment',
      'red\tRed Team\tRed\torg1\tparticipants\tred-login',
      'blue\tBlue Team',
      '',
    ].join('\n');
    const res = await consoleCall<{ created: number; updated: number; passwords: Array<{ teamId: string; username: string; password: string }> }>(
      h, 'POST', 'accounts/import', { auth: authFor(h, 'admin'), body: { format: 'tsv', text } });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.updated).toBe(1);
    expect(res.body.passwords.map((p) => [p.teamId, p.username])).toEqual([['red', 'red-login'], ['blue', 'blue']]);
    for (const p of res.body.passwords) expect((await login(p.username, p.password)).status).toBe(200);
    const list = await consoleCall<{ teams: TeamRow[] }>(h, 'GET', 'accounts', { auth: authFor(h, 'jury') });
    expect(list.body.teams.find((t) => t.teamId === 'team1')?.name).toBe('Team One Renamed');
    expect(list.body.teams.find((t) => t.teamId === 'red')).toMatchObject({ displayName: 'Red', organizationId: 'org1', groupIds: ['participants'] });
    expect(auditRows(h, 'team.import')).toHaveLength(1);
  });

  it('imports JSON', async () => {
    const text = JSON.stringify([{ teamId: 'green', name: 'Green' }, { teamId: 'team3', name: 'Three', groupIds: [] }]);
    const res = await consoleCall<{ created: number; updated: number }>(h, 'POST', 'accounts/import', { auth: authFor(h, 'admin'), body: { format: 'json', text } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1 });
  });

  it('is all or nothing: every bad TSV line is reported with its number and nothing is imported', async () => {
    const text = [
      'good1\tGood One',
      'bad id!\tBad Id',
      'good2\tGood Two\t\tnoorg',
      'good1\tDuplicate',
      'x\t',
      'y\tY\t\t\t\tjury',
    ].join('\n');
    const before = tableCounts();
    const res = await consoleCall<{ code: string; message: string; details: { errors: Array<{ line: number; message: string }> } }>(
      h, 'POST', 'accounts/import', { auth: authFor(h, 'admin'), body: { format: 'tsv', text } });
    expect(res.status).toBe(400);
    expect(res.body.details.errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(res.body.message).toContain('line 2');
    expect(res.body.message).toContain('line 4: team good1 is also on line 1');
    expect(tableCounts()).toEqual(before);

    // Lines that parse but point at things that do not exist are reported too.
    const refs = await consoleCall<{ details: { errors: Array<{ line: number; message: string }> } }>(
      h, 'POST', 'accounts/import', { auth: authFor(h, 'admin'), body: { format: 'tsv', text: 'good1\tGood\ngood2\tTwo\t\tnoorg\ny\tY\t\t\t\tjury\n' } });
    expect(refs.status).toBe(400);
    expect(refs.body.details.errors).toEqual([
      { line: 2, message: 'organization noorg does not exist' },
      { line: 3, message: 'the username jury is already taken' },
    ]);
    expect(tableCounts()).toEqual(before);
  });

  it('reports bad JSON entries by number, and JSON that does not parse', async () => {
    const before = tableCounts();
    const bad = await consoleCall<{ details: { errors: Array<{ line: number }> } }>(h, 'POST', 'accounts/import', {
      auth: authFor(h, 'admin'), body: { format: 'json', text: JSON.stringify([{ teamId: 'ok', name: 'Ok' }, { name: 'no id' }, { teamId: 'z', name: 'Z', extra: 1 }]) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.errors.map((e) => e.line)).toEqual([2, 3]);
    const broken = await consoleCall(h, 'POST', 'accounts/import', { auth: authFor(h, 'admin'), body: { format: 'json', text: '[{' } });
    expect(broken.status).toBe(400);
    expect(tableCounts()).toEqual(before);
  });
});

describe('console accounts: passwords and credential slips', () => {
  withHost();

  it('resets a password: the old one and its sessions stop working, the new one logs in', async () => {
    const session = await login('team3', 'team3pass');
    const res = await consoleCall<{ username: string; password: string }>(h, 'POST', 'accounts/team3/password', { auth: authFor(h, 'admin') });
    expect(res.status).toBe(200);
    expect(res.body.username).toBe('team3');
    expect((await call(h.url, 'GET', `/api/contests/${h.seed.contestId}/submissions`, { auth: `Bearer ${session.token}` })).status).toBe(401);
    expect((await login('team3', 'team3pass')).status).toBe(401);
    expect((await login('team3', res.body.password)).status).toBe(200);
    expect(auditRows(h, 'team.password-reset')).toEqual([{ actor: 'admin', details: { teamIds: ['team3'] } }]);
    expect((await consoleCall(h, 'POST', 'accounts/ghost/password', { auth: authFor(h, 'admin') })).status).toBe(404);
  });

  it('prints one slip per team with a new password, the host address and a page break between slips', async () => {
    const res = await call<string>(h.url, 'POST', `/api/arena/contests/${h.seed.contestId}/console/credential-slips`, { auth: authFor(h, 'admin'), body: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = res.body;
    expect(html).toContain('printing slips reset');
    expect(html).toContain('break-after: page');
    expect(html.match(/<section class="slip">/g)).toHaveLength(3);
    expect(html).toContain(`http://127.0.0.1:${new URL(h.url).port}`);
    for (const team of ['team1', 'team2', 'team3']) {
      const slip = new RegExp(`<h2>Team ${team.slice(4)}</h2>[\\s\\S]*?Username</th><td><code class="secret">${team}</code>[\\s\\S]*?Password</th><td><code class="secret">([A-Z0-9-]+)</code>`).exec(html);
      expect(slip, team).not.toBeNull();
      expect((await login(team, (slip as RegExpExecArray)[1] as string)).status).toBe(200);
      expect((await login(team, `${team}pass`)).status).toBe(401);
    }
    expect(auditRows(h, 'team.credential-slips')).toEqual([{ actor: 'admin', details: { teamIds: ['team1', 'team2', 'team3'] } }]);
  });

  it('prints slips for chosen teams only, escaping names', async () => {
    await consoleCall(h, 'PATCH', 'accounts/team2', { auth: authFor(h, 'admin'), body: { name: '<b>Bold</b> & Co' } });
    const res = await call<string>(h.url, 'POST', `/api/arena/contests/${h.seed.contestId}/console/credential-slips`, { auth: authFor(h, 'admin'), body: { teamIds: ['team2'] } });
    expect(res.body.match(/<section class="slip">/g)).toHaveLength(1);
    expect(res.body).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; Co');
    expect(auditRows(h, 'team.credential-slips').at(-1)).toEqual({ actor: 'admin', details: { teamIds: ['team2'] } });
    const unknown = await call(h.url, 'POST', `/api/arena/contests/${h.seed.contestId}/console/credential-slips`, { auth: authFor(h, 'admin'), body: { teamIds: ['ghost'] } });
    expect(unknown.status).toBe(404);
  });
});
