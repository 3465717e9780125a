import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture contest whose problems the load test imports (real test data, so a real judge can judge). */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/contests/sample/', import.meta.url));
export const LOAD_CONTEST_ID = 'load';
/** Every load-test team account shares this password (one scrypt hash for all; see load-host.ts). */
export const LOAD_TEAM_PASSWORD = 'load-team-password';
/** The fixture's admin account, imported unchanged. */
export const LOAD_ADMIN = { username: 'admin', password: 'adminpass' } as const;

export interface LoadContestOptions {
  teams: number;
  /** Host clock now (epoch ms): the contest is placed so that `remainingMs` of it are left. */
  nowMs: number;
  remainingMs: number;
  durationMs: number;
  /** Scoreboard freeze before the end, or null for no freeze (every verdict changes the public board). */
  freezeMs: number | null;
}

/** `team1` .. `teamN`. */
export function loadTeamIds(teams: number): string[] {
  return Array.from({ length: teams }, (_, i) => `team${i + 1}`);
}

function clicsDuration(ms: number): string {
  const totalS = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(totalS / 3600)}:${pad(Math.floor(totalS / 60) % 60)}:${pad(totalS % 60)}`;
}

/**
 * Writes a CLICS contest package into `dir` (which must exist and be empty): the fixture's three
 * problems, organisations and groups; `teams` teams `team1..teamN` in the public group; a contest
 * already running with `remainingMs` left (the storm hits its last minutes); and only the
 * fixture's jury and admin accounts. Team accounts are added by the host process itself with one
 * shared password hash: importing N plain-text passwords would run N scrypt hashes (~66 ms
 * each, over two minutes for 2,000 teams) before the test could start.
 */
export function writeLoadContest(dir: string, options: LoadContestOptions): void {
  cpSync(join(FIXTURE_DIR, 'problems'), join(dir, 'problems'), { recursive: true });
  for (const file of ['problems.yaml', 'organizations.json', 'groups.json']) cpSync(join(FIXTURE_DIR, file), join(dir, file));
  const startMs = Math.floor((options.nowMs - (options.durationMs - options.remainingMs)) / 1000) * 1000;
  writeFileSync(join(dir, 'contest.yaml'), [
    `id: ${LOAD_CONTEST_ID}`,
    'name: Arena Load Test',
    `start_time: ${new Date(startMs).toISOString().replace('Z', '+00:00')}`,
    `duration: ${clicsDuration(options.durationMs)}`,
    ...(options.freezeMs === null ? [] : [`scoreboard_freeze_duration: ${clicsDuration(options.freezeMs)}`]),
    'penalty_time: 20',
    '',
  ].join('\n'));
  const organizations = (JSON.parse(readFileSync(join(FIXTURE_DIR, 'organizations.json'), 'utf8')) as Array<{ id: string }>).map((o) => o.id);
  const teams = loadTeamIds(options.teams).map((id, i) => ({
    id, label: String(i + 1), name: `Load Team ${i + 1}`, organization_id: organizations[i % organizations.length], group_ids: ['participants'],
  }));
  writeFileSync(join(dir, 'teams.json'), JSON.stringify(teams));
  writeFileSync(join(dir, 'accounts.yaml'), [
    '- { id: jury, username: jury, password: jurypass, type: judge }',
    `- { id: ${LOAD_ADMIN.username}, username: ${LOAD_ADMIN.username}, password: ${LOAD_ADMIN.password}, type: admin }`,
    '',
  ].join('\n'));
}

/**
 * A distinct, real source for submission `index`: the fixture's accepted or wrong-answer program
 * for `hello`, or its accepted program for the interactive `guess`, with a comment that makes
 * every zip unique (no blob dedupe). A real judge gives these their real verdicts.
 */
export function loadSubmissionSource(index: number): { problemId: string; languageId: string; fileName: string; text: string } {
  const kinds = [
    { problemId: 'hello', fileName: 'hello.py', path: 'hello/submissions/accepted/hello.py' },
    { problemId: 'hello', fileName: 'lowercase.py', path: 'hello/submissions/wrong_answer/lowercase.py' },
    { problemId: 'guess', fileName: 'binary_search.py', path: 'guess/submissions/accepted/binary_search.py' },
  ] as const;
  const kind = kinds[index % kinds.length]!;
  const text = `${readFileSync(join(FIXTURE_DIR, 'problems', kind.path), 'utf8')}\n# load test submission ${index}\n`;
  return { problemId: kind.problemId, languageId: 'python3', fileName: kind.fileName, text };
}
