import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { BlobStore } from '../src/adapters/blobs/blob-store';
import { openDatabase, type Db } from '../src/adapters/sqlite/database';
import { Store } from '../src/adapters/sqlite/store';
import { verifyPassword } from '../src/app/auth/password';
import { AppError } from '../src/app/errors';
import { parseHostConfig } from '../src/app/host-config';
import type { HostContext } from '../src/app/host-context';
import { importContestPackage } from '../src/app/import/import-contest';
import { ContestClock } from '../src/domain/clock/contest-clock';
import { ProblemSpec } from '../src/domain/problems/problem-spec';

const FIXTURE = resolve(__dirname, '../../../e2e/fixtures/contests/sample');
const NOW_MS = Date.parse('2029-12-31T12:00:00Z');
const TABLES = ['contests', 'judgement_types', 'languages', 'groups_', 'organizations', 'teams', 'accounts', 'problems',
  'testcases', 'statements', 'problem_files', 'events', 'audit_log'];

interface Harness { ctx: HostContext; db: Db; dir: string; close(): void }
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A host context on a real SQLite file and blob dir in a temp folder. */
function harness(): Harness {
  const dir = tempDir('arena-import-');
  const config = parseHostConfig({ dataDir: dir });
  const db = openDatabase(join(dir, 'arena.db'));
  const store = new Store(db, () => NOW_MS);
  const ctx: HostContext = { config, store, blobs: new BlobStore(join(dir, 'blobs')), log: pino({ level: 'silent' }), clock: () => NOW_MS };
  let closed = false;
  const close = (): void => {
    if (!closed) db.close();
    closed = true;
  };
  cleanups.push(close);
  return { ctx, db, dir, close };
}

/** A writable copy of the fixture contest. */
function fixtureCopy(): string {
  const dir = join(tempDir('arena-fixture-'), 'sample');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    return statSync(abs).isDirectory() ? walk(abs) : [abs];
  });
}

/** Zips a directory (entries relative to it, optionally under a top folder) into a file. */
async function zipDir(dir: string, options: { prefix?: string; extra?: Array<{ name: string; data: Buffer }> } = {}): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const file of walk(dir)) zip.addFile(file, (options.prefix ?? '') + relative(dir, file).split('\\').join('/'));
  for (const e of options.extra ?? []) zip.addBuffer(e.data, e.name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const out = join(tempDir('arena-zip-'), 'package.zip');
  writeFileSync(out, Buffer.concat(chunks));
  return out;
}

function counts(db: Db): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

function rows<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

function expectFixtureImported(db: Db): void {
  const problems = rows<{ id: string; ordinal: number; data: string; spec: string }>(db, 'SELECT id, ordinal, data, spec FROM problems ORDER BY ordinal');
  expect(problems.map((p) => [p.id, p.ordinal, JSON.parse(p.data).label])).toEqual([['hello', 1, 'A'], ['guess', 2, 'B'], ['sumsub', 3, 'C']]);
  const tc = rows<{ problem_id: string; sample: number; secret: number }>(db,
    'SELECT problem_id, SUM(is_sample) AS sample, SUM(1 - is_sample) AS secret FROM testcases GROUP BY problem_id ORDER BY problem_id');
  expect(tc).toEqual([
    { problem_id: 'guess', sample: 1, secret: 3 },
    { problem_id: 'hello', sample: 1, secret: 2 },
    { problem_id: 'sumsub', sample: 1, secret: 4 },
  ]);
  expect(counts(db)).toMatchObject({ contests: 1, judgement_types: 8, languages: 4, groups_: 2, organizations: 3, teams: 4, accounts: 6 });
}

describe('importing the fixture contest', () => {
  it('imports a directory: contest, clock, problems, test data, participants', async () => {
    const h = harness();
    const report = await importContestPackage(h.ctx, FIXTURE);
    expect(report.contestId).toBe('sample');
    expect(report.created).toBe(true);
    expectFixtureImported(h.db);

    const contest = rows<{ data: string; clock: string }>(h.db, 'SELECT data, clock FROM contests WHERE id = ?', 'sample')[0];
    const clock = ContestClock.parse(JSON.parse(contest?.clock ?? 'null'));
    expect(clock).toMatchObject({ scheduledStartMs: Date.parse('2030-01-01T10:00:00Z'), durationMs: 5 * 3_600_000, freezeDurationMs: 3_600_000 });
    expect(JSON.parse(contest?.data ?? '{}')).toMatchObject({
      id: 'sample', name: 'Arena Sample Contest', duration: '5:00:00.000', scoreboard_freeze_duration: '1:00:00.000',
      penalty_time: 20, start_time: '2030-01-01T10:00:00.000+00:00', scoreboard_type: 'pass-fail',
    });

    const specs = Object.fromEntries(rows<{ id: string; spec: string }>(h.db, 'SELECT id, spec FROM problems')
      .map((r) => [r.id, ProblemSpec.parse(JSON.parse(r.spec))]));
    expect(specs.hello).toMatchObject({ format: 'legacy-icpc', type: 'pass-fail', validation: 'default', timeLimitMs: 1000, memoryLimitBytes: 256 * 1024 * 1024, validator: [] });
    expect(specs.guess).toMatchObject({ format: '2025-09', validation: 'custom-interactive', timeLimitMs: 2000 });
    expect(specs.guess?.validator.map((f) => f.path)).toEqual(['validator.cpp']);
    expect(h.ctx.blobs.read(specs.guess?.validator[0]?.sha256 ?? '').toString()).toContain('return 42;');
    expect(specs.sumsub).toMatchObject({ type: 'scoring', timeLimitMs: 1000 });
    expect(specs.sumsub?.testGroups).toEqual([
      { path: 'secret', maxScore: 100, aggregation: 'sum', requirePass: [] },
      { path: 'secret/group1', maxScore: 30, aggregation: 'sum', requirePass: [] },
      { path: 'secret/group2', maxScore: 70, aggregation: 'sum', requirePass: [] },
    ]);
    const sumsubData = JSON.parse(rows<{ data: string }>(h.db, "SELECT data FROM problems WHERE id = 'sumsub'")[0]?.data ?? '{}');
    expect(sumsubData).toMatchObject({ max_score: 100, rgb: '#43A047', color: 'green', test_data_count: 5, time_limit: 1 });
    expect(sumsubData.attachments).toEqual([{ href: '/api/contests/sample/problems/sumsub/attachments/example.txt', mime: 'text/plain', filename: 'example.txt' }]);

    // Test cases in name order, samples first; the guess samples carry their .interaction file.
    const guessCases = rows<{ ordinal: number; name: string; is_sample: number; extra: string }>(h.db,
      "SELECT ordinal, name, is_sample, extra FROM testcases WHERE problem_id = 'guess' ORDER BY ordinal");
    expect(guessCases.map((c) => c.name)).toEqual(['sample/1', 'secret/01-min', 'secret/02-max', 'secret/03-mid']);
    expect(JSON.parse(guessCases[0]?.extra ?? '[]').map((e: { path: string }) => e.path)).toEqual(['1.interaction']);

    // Accounts: scrypt hashes that verify; nothing secret in the CLICS data.
    const accounts = rows<{ id: string; password_hash: string; data: string; type: string; team_id: string | null }>(h.db, 'SELECT * FROM accounts ORDER BY id');
    const team1 = accounts.find((a) => a.id === 'team1');
    expect(team1?.password_hash).toMatch(/^scrypt\$/);
    expect(verifyPassword('team1pass', team1?.password_hash ?? '')).toBe(true);
    expect(verifyPassword('jurypass', accounts.find((a) => a.id === 'jury')?.password_hash ?? '')).toBe(true);
    expect(accounts.find((a) => a.id === 'admin')?.type).toBe('admin');
    expect(accounts.every((a) => !a.data.includes('pass'))).toBe(true);

    const jt = Object.fromEntries(rows<{ id: string; data: string }>(h.db, 'SELECT id, data FROM judgement_types').map((r) => [r.id, JSON.parse(r.data)]));
    expect(jt.JE).toMatchObject({ penalty: false, solved: false });
    expect(jt.MLE).toMatchObject({ penalty: true });
    expect(report.problems.map((p) => [p.id, p.sampleTestcases, p.secretTestcases])).toEqual([['hello', 1, 2], ['guess', 1, 3], ['sumsub', 1, 4]]);
    expect(report.warnings.some((w) => w.includes('sumsub is a scoring problem'))).toBe(true);
  });

  it('emits CLICS events with the right audiences and no secrets in them', async () => {
    const h = harness();
    await importContestPackage(h.ctx, FIXTURE);
    const events = h.ctx.store.readEvents('sample');
    const byType = (type: string) => events.filter((e) => e.type === type);
    expect(byType('contest')).toHaveLength(1);
    expect(byType('state')).toHaveLength(1);
    expect(byType('problems').map((e) => e.id)).toEqual(['hello', 'guess', 'sumsub']);
    expect(byType('judgement-types')).toHaveLength(8);
    expect(byType('accounts').every((e) => e.audience === 'jury')).toBe(true);
    expect(byType('groups').map((e) => [e.id, e.audience])).toEqual([['participants', 'public'], ['observers', 'jury']]);
    expect(byType('teams').find((e) => e.id === 'team4')?.audience).toBe('jury');
    expect(byType('teams').find((e) => e.id === 'team1')?.audience).toBe('public');
    // Parents come before children in the feed.
    const order = events.map((e) => e.type);
    expect(order.indexOf('contest')).toBe(0);
    expect(order.lastIndexOf('organizations')).toBeLessThan(order.indexOf('teams'));
    expect(order.lastIndexOf('teams')).toBeLessThan(order.indexOf('accounts'));

    // Secret test data lives only in the blob store: no events row carries it.
    const eventText = rows<{ data: string | null }>(h.db, 'SELECT data FROM events').map((r) => r.data ?? '').join('\n');
    const secretFiles = walk(join(FIXTURE, 'problems')).filter((f) => /\/data\/secret\/.*\.(in|ans)$/.test(f));
    expect(secretFiles.length).toBe(18);
    const secretCases = rows<{ input_sha256: string; answer_sha256: string }>(h.db, 'SELECT input_sha256, answer_sha256 FROM testcases WHERE is_sample = 0');
    const storedShas = new Set(secretCases.flatMap((c) => [c.input_sha256, c.answer_sha256]));
    // Samples are public: a secret file equal to one ("Hello World!") proves nothing either way.
    const sampleTexts = new Set(walk(join(FIXTURE, 'problems')).filter((f) => f.includes('/data/sample/')).map((f) => readFileSync(f, 'utf8').trim()));
    for (const file of secretFiles) {
      const bytes = readFileSync(file);
      expect(storedShas.has(BlobStore.sha256(bytes))).toBe(true);
      expect(h.ctx.blobs.read(BlobStore.sha256(bytes)).equals(bytes)).toBe(true);
      const text = bytes.toString().trim();
      if (text.length >= 5 && !sampleTexts.has(text)) expect(eventText.includes(text)).toBe(false);
    }
    expect(eventText).not.toContain('team1pass');
    expect(eventText).not.toContain('scrypt$');
  });

  it('imports the same package as a zip, also when wrapped in a top-level folder', async () => {
    for (const prefix of ['', 'sample-contest/']) {
      const h = harness();
      const zip = await zipDir(FIXTURE, { prefix });
      const report = await importContestPackage(h.ctx, zip);
      expect(report.problems).toHaveLength(3);
      expectFixtureImported(h.db);
      // The extracted copy is removed after the import.
      expect(readdirSync(join(h.dir, 'tmp'))).toEqual([]);
    }
  });

  it('finds problem packages given as problems/<id>.zip', async () => {
    const copy = fixtureCopy();
    const helloZip = await zipDir(join(copy, 'problems/hello'));
    rmSync(join(copy, 'problems/hello'), { recursive: true });
    cpSync(helloZip, join(copy, 'problems/hello.zip'));
    const h = harness();
    await importContestPackage(h.ctx, copy);
    expectFixtureImported(h.db);
  });

  it('re-importing updates in place: no duplicates, no events when nothing changed', async () => {
    const h = harness();
    await importContestPackage(h.ctx, FIXTURE);
    const before = counts(h.db);
    const again = await importContestPackage(h.ctx, FIXTURE);
    expect(again.created).toBe(false);
    expect(again.changes).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(counts(h.db)).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
  });

  it('re-importing a changed package updates, removes and emits update/delete events', async () => {
    const h = harness();
    await importContestPackage(h.ctx, FIXTURE);
    const lastToken = Math.max(...h.ctx.store.readEvents('sample').map((e) => e.token));
    const copy = fixtureCopy();
    const teams = JSON.parse(readFileSync(join(copy, 'teams.json'), 'utf8')) as Array<{ id: string; name: string }>;
    teams[0]!.name = 'Null Pointers Renamed';
    writeFileSync(join(copy, 'teams.json'), JSON.stringify(teams.filter((t) => t.id !== 'team3')));
    const accounts = readFileSync(join(copy, 'accounts.yaml'), 'utf8').replace(/- id: team3\n(\s{2}.*\n)+/, '');
    writeFileSync(join(copy, 'accounts.yaml'), accounts);
    writeFileSync(join(copy, 'problems.yaml'), readFileSync(join(copy, 'problems.yaml'), 'utf8').replace(/- id: sumsub[\s\S]*$/, ''));
    writeFileSync(join(copy, 'contest.yaml'), readFileSync(join(copy, 'contest.yaml'), 'utf8').replace('duration: 5:00:00', 'duration: 4:30:00'));

    const report = await importContestPackage(h.ctx, copy);
    expect(report.changes).toMatchObject({ created: 0, updated: 2, deleted: 3 });
    const fresh = h.ctx.store.readEvents('sample', lastToken);
    expect(fresh.map((e) => [e.type, e.id, e.data === null ? 'delete' : 'update'])).toEqual([
      ['contest', null, 'update'],
      ['accounts', 'team3', 'delete'],
      ['teams', 'team3', 'delete'],
      ['problems', 'sumsub', 'delete'],
      ['teams', 'team1', 'update'],
    ]);
    expect(counts(h.db)).toMatchObject({ contests: 1, problems: 2, teams: 3, accounts: 5 });
    expect(rows(h.db, "SELECT * FROM testcases WHERE problem_id = 'sumsub'")).toEqual([]);
    expect(rows<{ clock: string }>(h.db, 'SELECT clock FROM contests')[0]?.clock).toContain('"durationMs":16200000');
  });
});

describe('contest.yaml durations', () => {
  it.each([
    ['a RELTIME string', 'duration: 5:00:00', 18_000_000],
    ['a number of seconds', 'duration: 18000', 18_000_000],
    ['YAML 1.1 sexagesimal', '%YAML 1.1\n---\nduration: 5:00:00', 18_000_000],
    ['with fractions', 'duration: "2:30:00.500"', 9_000_500],
  ])('reads %s', async (_case, durationLine, expectedMs) => {
    const copy = fixtureCopy();
    const original = readFileSync(join(copy, 'contest.yaml'), 'utf8');
    const body = original.replace('duration: 5:00:00\n', '').replace('scoreboard_freeze_duration: 1:00:00', 'scoreboard_freeze_duration: "1:00:00"');
    const text = durationLine.startsWith('%YAML') ? `${durationLine}\n${body.replace(/^#.*\n/, '')}` : `${body}${durationLine}\n`;
    writeFileSync(join(copy, 'contest.yaml'), text);
    const h = harness();
    await importContestPackage(h.ctx, copy);
    const clock = ContestClock.parse(JSON.parse(rows<{ clock: string }>(h.db, 'SELECT clock FROM contests')[0]?.clock ?? 'null'));
    expect(clock.durationMs).toBe(expectedMs);
  });
});

describe('a bad package imports nothing', () => {
  const edit = (path: string, fn: (text: string) => string) => (dir: string) => writeFileSync(join(dir, path), fn(readFileSync(join(dir, path), 'utf8')));
  const cases: Array<[string, (dir: string) => void, string]> = [
    ['missing data/secret', (dir) => rmSync(join(dir, 'problems/hello/data/secret'), { recursive: true }), 'problems/hello/data/secret: is missing'],
    ['bad YAML', edit('problems/guess/problem.yaml', (t) => `${t}\nlimits: [unclosed\n`), 'problems/guess/problem.yaml: invalid YAML'],
    ['a negative time limit', edit('problems/guess/problem.yaml', (t) => t.replace('time_limit: 2', 'time_limit: -1')),
      'problems/guess/problem.yaml: limits.time_limit must be a positive number'],
    ['a non-numeric time limit', edit('problems/sumsub/problem.yaml', (t) => t.replace('time_limit: 1', 'time_limit: fast')),
      'problems/sumsub/problem.yaml: limits.time_limit must be a positive number'],
    ['an unknown validation', edit('problems/hello/problem.yaml', (t) => t.replace('validation: default', 'validation: magic')),
      'problems/hello/problem.yaml: validation must be "default" or "custom"'],
    ['a problem listed without a package', edit('problems.yaml', (t) => `${t}- id: ghost\n  label: D\n`), 'problems.yaml: problem "ghost" has no package'],
    ['an .in without .ans', (dir) => rmSync(join(dir, 'problems/sumsub/data/secret/group2/01-big.ans')),
      'problems/sumsub/data/secret/group2/01-big.in: has no matching .ans file'],
    ['a bad max_score', edit('problems/sumsub/data/secret/group1/test_group.yaml', () => 'max_score: lots\n'),
      'problems/sumsub/data/secret/group1/test_group.yaml: max_score must be'],
    ['a team in an unknown group', edit('teams.json', (t) => t.replace('"observers"]', '"nobody"]')), 'teams.json: team "team4": group "nobody" does not exist'],
    ['an account without password', edit('accounts.yaml', (t) => t.replace('  password: adminpass\n', '')), 'accounts.yaml: account "admin": password is missing'],
    ['a bad contest duration', edit('contest.yaml', (t) => t.replace('duration: 5:00:00', 'duration: five hours')), 'contest.yaml: duration must be a positive duration'],
    ['a custom validator missing', (dir) => rmSync(join(dir, 'problems/guess/output_validator'), { recursive: true }),
      'problems/guess/problem.yaml: an interactive problem needs an output validator'],
  ];

  it.each(cases)('%s (fresh database)', async (_case, breakIt, message) => {
    const copy = fixtureCopy();
    breakIt(copy);
    const h = harness();
    const before = counts(h.db);
    const err = await rejection(importContestPackage(h.ctx, copy));
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain(message);
    expect(counts(h.db)).toEqual(before);
  });

  it.each(cases.slice(0, 4))('%s (re-import over an existing contest)', async (_case, breakIt, message) => {
    const h = harness();
    await importContestPackage(h.ctx, FIXTURE);
    const before = counts(h.db);
    const snapshot = rows(h.db, 'SELECT id, data, spec FROM problems ORDER BY id');
    const copy = fixtureCopy();
    breakIt(copy);
    const err = await rejection(importContestPackage(h.ctx, copy));
    expect(err.message).toContain(message);
    expect(counts(h.db)).toEqual(before);
    expect(rows(h.db, 'SELECT id, data, spec FROM problems ORDER BY id')).toEqual(snapshot);
  });

  it('rejects a zip with a path traversal entry, naming it, and writes nothing outside', async () => {
    const h = harness();
    const before = counts(h.db);
    const zipPath = await zipDir(FIXTURE, { extra: [{ name: 'xx/evil.txt', data: Buffer.from('gotcha') }] });
    const bytes = readFileSync(zipPath);
    let at = bytes.indexOf('xx/evil.txt');
    while (at >= 0) {
      bytes.write('../evil.txt', at, 'latin1');
      at = bytes.indexOf('xx/evil.txt', at + 1);
    }
    writeFileSync(zipPath, bytes);
    const err = await rejection(importContestPackage(h.ctx, zipPath));
    expect(err.message).toContain('"../evil.txt"');
    expect(err.message).toContain('package.zip');
    expect(counts(h.db)).toEqual(before);
    expect(readdirSync(join(h.dir, 'tmp'))).toEqual([]);
  });

  it('rejects a zip bomb: declared sizes over the limit, and sizes the headers understate', async () => {
    const h = harness();
    const before = counts(h.db);
    const limits = { maxEntries: 1000, maxTotalBytes: 2_000_000, maxEntryBytes: 1_000_000 };
    const bombBytes = Buffer.alloc(3_000_000);
    const honest = await zipDir(FIXTURE, { extra: [{ name: 'zeros.bin', data: bombBytes }] });
    const err1 = await rejection(importContestPackage(h.ctx, honest, { zipLimits: limits }));
    expect(err1.message).toContain('"zeros.bin"');

    const lying = readFileSync(honest);
    const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let at = lying.indexOf(central); at >= 0; at = lying.indexOf(central, at + 4)) {
      const nameLength = lying.readUInt16LE(at + 28);
      if (lying.toString('latin1', at + 46, at + 46 + nameLength) === 'zeros.bin') lying.writeUInt32LE(100, at + 24);
    }
    const lyingPath = join(tempDir('arena-bomb-'), 'bomb.zip');
    writeFileSync(lyingPath, lying);
    const err2 = await rejection(importContestPackage(h.ctx, lyingPath, { zipLimits: limits }));
    expect(err2.message).toContain('"zeros.bin"');
    expect(counts(h.db)).toEqual(before);
  });

  it('rejects a source that is not a zip or does not exist', async () => {
    const h = harness();
    const notZip = join(tempDir('arena-notzip-'), 'contest.zip');
    writeFileSync(notZip, 'hello');
    expect((await rejection(importContestPackage(h.ctx, notZip))).message).toContain('not a valid zip');
    expect((await rejection(importContestPackage(h.ctx, join(notZip, 'nope')))).message).toContain('no such file');
  });

  it('refuses to remove a problem that already has submissions', async () => {
    const h = harness();
    await importContestPackage(h.ctx, FIXTURE);
    h.db.prepare(`INSERT INTO submissions (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, data)
      VALUES ('sample', 's1', 1, 'team1', 'sumsub', 'python3', 0, 0, '[]', ?, '{}')`).run('0'.repeat(64));
    const before = counts(h.db);
    const copy = fixtureCopy();
    writeFileSync(join(copy, 'problems.yaml'), readFileSync(join(copy, 'problems.yaml'), 'utf8').replace(/- id: sumsub[\s\S]*$/, ''));
    const err = await rejection(importContestPackage(h.ctx, copy));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('"sumsub"');
    expect(counts(h.db)).toEqual(before);
  });
});
