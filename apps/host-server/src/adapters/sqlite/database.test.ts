import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, LATEST_SCHEMA_VERSION, openDatabase } from './database';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-db-'));
  dirs.push(dir);
  return join(dir, 'arena.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates a WAL database with synchronous=FULL at the latest schema', () => {
    const db = openDatabase(tempDb());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['contests', 'submissions', 'judge_queue', 'events', 'audit_log']));
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const path = tempDb();
    const first = openDatabase(path);
    first.prepare("INSERT INTO contests (id, data, clock, created_ms) VALUES ('c', '{}', '{}', 1)").run();
    first.close();
    const second = openDatabase(path);
    expect(second.prepare('SELECT count(*) AS n FROM contests').get()).toEqual({ n: 1 });
    second.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const path = tempDb();
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(path)).toThrow(/written by a newer Arena/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    check.close();
  });
});
