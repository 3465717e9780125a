import type { HostContext } from '../../src/app/host-context';
import { hashPassword } from '../../src/app/auth/password';
import { initialClock, type ContestClock } from '../../src/domain/clock/contest-clock';
import { clicsContestTimes } from '../../src/domain/clock/contest-clock';

export const API_CONTEST_ID = 'arena-test';
const HOUR = 3_600_000;

export interface ApiSeedOptions {
  contestId?: string;
  /** Number of teams `team1..teamN` (default 3), each with an account of the same name. */
  teams?: number;
  /** Password of every team account: default `<team id>pass`; one shared password hashes once (fast for 200 teams). */
  teamPassword?: string;
  /** Scheduled start (epoch ms), or null for not scheduled (default). */
  scheduledStartMs?: number | null;
  durationMs?: number;
  freezeDurationMs?: number | null;
}

export interface ApiSeed {
  contestId: string;
  teamIds: string[];
  /** username -> password of every account seeded. */
  passwords: Record<string, string>;
  /** Sample and secret test case blobs of problem `hello` (to prove secret ones never leak). */
  sampleInput: string;
  secretInput: string;
  secretInputSha256: string;
}

/**
 * Seeds a complete contest the way the importer stores one, rows and events in one write:
 * judgement types, languages (`cpp`, `python3`, `java` which needs an entry point), problems
 * `hello` (with a statement, an attachment, a statement asset, a sample and a secret test case)
 * and `sum`, two organizations, a group, teams, and accounts `team<i>` (team), `jury` (judge),
 * `admin` (admin) and `analyst` (analyst). Public objects get public events, accounts jury ones.
 */
export function seedApiContest(ctx: HostContext, options: ApiSeedOptions = {}): ApiSeed {
  const contestId = options.contestId ?? API_CONTEST_ID;
  const teamCount = options.teams ?? 3;
  const clock: ContestClock = initialClock({
    scheduledStartMs: options.scheduledStartMs ?? null,
    durationMs: options.durationMs ?? 5 * HOUR,
    freezeDurationMs: options.freezeDurationMs === undefined ? HOUR : options.freezeDurationMs,
  });
  const put = (text: string): string => ctx.blobs.put(Buffer.from(text));
  const sampleInput = '1 2\n';
  const secretInput = 'SECRET-INPUT 40 2\n';
  const secretInputSha256 = put(secretInput);

  const contest = { id: contestId, name: 'Arena API Test', formal_name: 'Arena API Test Contest', scoreboard_type: 'pass-fail', penalty_time: 20, ...clicsContestTimes(clock) };
  const judgementTypes = [
    { id: 'AC', name: 'correct', penalty: false, solved: true },
    { id: 'WA', name: 'wrong answer', penalty: true, solved: false },
    { id: 'TLE', name: 'time limit exceeded', penalty: true, solved: false },
    { id: 'RTE', name: 'run-time error', penalty: true, solved: false },
    { id: 'CE', name: 'compiler error', penalty: false, solved: false },
  ];
  const languages = [
    { id: 'cpp', name: 'C++', entry_point_required: false, extensions: ['cpp', 'cc'] },
    { id: 'python3', name: 'Python 3', entry_point_required: false, extensions: ['py'] },
    { id: 'java', name: 'Java', entry_point_required: true, entry_point_name: 'Main class', extensions: ['java'] },
  ];
  const problems = [
    { id: 'hello', label: 'A', name: 'Hello', ordinal: 0, rgb: '#ff0000', time_limit: 1, test_data_count: 2 },
    { id: 'sum', label: 'B', name: 'Sum', ordinal: 1, rgb: '#00ff00', time_limit: 2, test_data_count: 0 },
  ];
  const organizations = [{ id: 'org1', name: 'Org One' }, { id: 'org2', name: 'Org Two' }];
  const groups = [{ id: 'participants', name: 'Participants' }];
  const teamIds = Array.from({ length: teamCount }, (_, i) => `team${i + 1}`);
  const teams = teamIds.map((id, i) => ({ id, name: `Team ${i + 1}`, organization_id: i % 2 === 0 ? 'org1' : 'org2', group_ids: ['participants'] }));

  const passwords: Record<string, string> = { jury: 'jurypass', admin: 'adminpass', analyst: 'analystpass' };
  const sharedHash = options.teamPassword === undefined ? null : hashPassword(options.teamPassword);
  const accounts: Array<{ id: string; username: string; type: string; team_id: string | null; hash: string }> = [];
  for (const id of teamIds) {
    const password = options.teamPassword ?? `${id}pass`;
    passwords[id] = password;
    accounts.push({ id, username: id, type: 'team', team_id: id, hash: sharedHash ?? hashPassword(password) });
  }
  for (const [id, type] of [['jury', 'judge'], ['admin', 'admin'], ['analyst', 'analyst']] as const) {
    accounts.push({ id, username: id, type, team_id: null, hash: hashPassword(passwords[id] as string) });
  }

  ctx.store.write((tx) => {
    const run = (sql: string, ...args: unknown[]) => tx.db.prepare(sql).run(...args);
    const emit = (type: Parameters<typeof tx.emit>[0]['type'], id: string | null, data: Record<string, unknown>, audience: 'public' | 'jury' = 'public') =>
      tx.emit({ contestId, type, id, data, audience });
    run('INSERT INTO contests (id, data, clock, created_ms) VALUES (?, ?, ?, ?)', contestId, JSON.stringify(contest), JSON.stringify(clock), tx.nowMs);
    emit('contest', null, contest);
    for (const t of judgementTypes) {
      run('INSERT INTO judgement_types (contest_id, id, data) VALUES (?, ?, ?)', contestId, t.id, JSON.stringify(t));
      emit('judgement-types', t.id, t);
    }
    for (const l of languages) {
      run('INSERT INTO languages (contest_id, id, data) VALUES (?, ?, ?)', contestId, l.id, JSON.stringify(l));
      emit('languages', l.id, l);
    }
    for (const p of problems) {
      run('INSERT INTO problems (contest_id, id, ordinal, data, spec) VALUES (?, ?, ?, ?, ?)', contestId, p.id, p.ordinal, JSON.stringify(p), '{}');
      emit('problems', p.id, p);
    }
    run(`INSERT INTO testcases (contest_id, problem_id, id, ordinal, name, is_sample, input_sha256, answer_sha256) VALUES (?, 'hello', 's1', 1, 'sample/1', 1, ?, ?)`,
      contestId, put(sampleInput), put('3\n'));
    run(`INSERT INTO testcases (contest_id, problem_id, id, ordinal, name, is_sample, input_sha256, answer_sha256) VALUES (?, 'hello', 'x1', 2, 'secret/1', 0, ?, ?)`,
      contestId, secretInputSha256, put('SECRET-ANSWER 42\n'));
    run(`INSERT INTO statements (contest_id, problem_id, lang, format, html, source_sha256) VALUES (?, 'hello', 'en', 'md', ?, ?)`,
      contestId, '<h1>Hello</h1><p>Print hello.</p><img src="statement-assets/pic.png">', put('# Hello'));
    run(`INSERT INTO problem_files (contest_id, problem_id, kind, path, sha256, mime) VALUES (?, 'hello', 'attachment', 'tool.py', ?, 'text/x-python')`,
      contestId, put('print("testing tool")\n'));
    run(`INSERT INTO problem_files (contest_id, problem_id, kind, path, sha256, mime) VALUES (?, 'hello', 'statement-asset', 'pic.png', ?, 'image/png')`,
      contestId, put('PNG-BYTES'));
    for (const o of organizations) {
      run('INSERT INTO organizations (contest_id, id, data) VALUES (?, ?, ?)', contestId, o.id, JSON.stringify(o));
      emit('organizations', o.id, o);
    }
    for (const g of groups) {
      run('INSERT INTO groups_ (contest_id, id, data) VALUES (?, ?, ?)', contestId, g.id, JSON.stringify(g));
      emit('groups', g.id, g);
    }
    for (const t of teams) {
      run('INSERT INTO teams (contest_id, id, data) VALUES (?, ?, ?)', contestId, t.id, JSON.stringify(t));
      emit('teams', t.id, t);
    }
    for (const a of accounts) {
      const data = { id: a.id, username: a.username, type: a.type, team_id: a.team_id };
      run('INSERT INTO accounts (contest_id, id, data, username, type, team_id, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
        contestId, a.id, JSON.stringify(data), a.username, a.type, a.team_id, a.hash);
      emit('accounts', a.id, data, 'jury');
    }
  });
  return { contestId, teamIds, passwords, sampleInput, secretInput, secretInputSha256 };
}
