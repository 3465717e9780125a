import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NotAnArenaDatabaseError, backupDatabase, backupFileName, pruneBackups, restoreDatabase, verifyArenaDatabase,
} from '../src/adapters/sqlite/backup';
import { DatabaseTooNewError, LATEST_SCHEMA_VERSION, openDatabase, type Db } from '../src/adapters/sqlite/database';
import { Store } from '../src/adapters/sqlite/store';
import { startBackupScheduler } from '../src/main/backup-scheduler';

let dir: string;
const open: Db[] = [];

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'arena-ops-backup-')); });
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function arenaDb(path = join(dir, 'data', 'arena.db')): { db: Db; store: Store } {
  const db = openDatabase(path);
  open.push(db);
  return { db, store: new Store(db, Date.now) };
}

/** One contest row plus its event, written the way the app writes. */
function addContest(store: Store, id: string): void {
  store.write((tx) => {
    tx.db.prepare('INSERT INTO contests (id, data, clock, created_ms) VALUES (?, ?, ?, ?)').run(id, JSON.stringify({ id, name: id }), '{}', tx.nowMs);
    tx.emit({ contestId: id, type: 'contest', id: null, data: { id, name: id }, audience: 'public' });
  });
}

function contestIds(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM contests ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('backupDatabase', () => {
  it('writes a consistent, verifiable copy while the database stays open for writes', async () => {
    const { store } = arenaDb();
    addContest(store, 'a');
    const out = join(dir, 'backups', backupFileName(Date.UTC(2026, 10, 26, 23, 5, 15, 123)));
    expect(out).toMatch(/arena-20261126T230515123Z\.db$/);
    const pending = backupDatabase(store.db, out);
    addContest(store, 'b'); // a writer during the backup is not blocked
    const info = await pending;
    expect(info).toMatchObject({ path: out, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(info.bytes).toBeGreaterThan(0);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(contestIds(out)[0]).toBe('a');
    expect(verifyArenaDatabase(out)).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('pruneBackups', () => {
  it('keeps the newest `keep` backups and never touches other files', () => {
    const names = [1, 2, 3, 4, 5].map((i) => backupFileName(Date.UTC(2026, 0, i)));
    for (const name of [...names, 'notes.txt', 'arena.db']) writeFileSync(join(dir, name), 'x');
    const deleted = pruneBackups(dir, 2);
    expect(deleted.map((p) => p.slice(dir.length + 1))).toEqual(names.slice(0, 3));
    expect(readdirSync(dir).sort()).toEqual([...names.slice(3), 'arena.db', 'notes.txt'].sort());
  });
});

describe('restoreDatabase', () => {
  it('round-trips: restores the backed-up state and keeps the replaced database aside', async () => {
    const dbPath = join(dir, 'data', 'arena.db');
    const { db, store } = arenaDb(dbPath);
    addContest(store, 'kept');
    const backup = join(dir, 'b.db');
    await backupDatabase(db, backup);
    addContest(store, 'after-backup');
    db.close();

    const result = restoreDatabase(dbPath, backup, Date.UTC(2026, 10, 27));
    expect(result.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(contestIds(dbPath)).toEqual(['kept']);
    expect(result.previousPath).not.toBeNull();
    expect(contestIds(result.previousPath ?? '')).toEqual(['after-backup', 'kept']);
    // The restored database opens normally, with its event log.
    const reopened = arenaDb(dbPath);
    expect(reopened.store.readEvents('kept').map((e) => e.type)).toEqual(['contest']);
  });

  it('refuses a database of a newer schema version and changes nothing', () => {
    const dbPath = join(dir, 'data', 'arena.db');
    const { db, store } = arenaDb(dbPath);
    addContest(store, 'current');
    db.close();
    const newer = join(dir, 'newer.db');
    const other = openDatabase(newer);
    other.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    other.close();

    expect(() => restoreDatabase(dbPath, newer, Date.now())).toThrow(DatabaseTooNewError);
    expect(contestIds(dbPath)).toEqual(['current']);
    expect(readdirSync(join(dir, 'data')).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it.each([
    ['a text file', (path: string) => writeFileSync(path, 'this is not a database\n'.repeat(100)), /not an Arena database: file is not a database/],
    ['an SQLite file of another program', (path: string) => {
      const foreign = new Database(path);
      foreign.exec('CREATE TABLE recipes (name TEXT)');
      foreign.close();
    }, /not an Arena database: schema version 0/],
    ['a missing file', () => undefined, /not an Arena database: no such file/],
  ])('refuses %s and changes nothing', (_name, make, message) => {
    const dbPath = join(dir, 'data', 'arena.db');
    const { db, store } = arenaDb(dbPath);
    addContest(store, 'current');
    db.close();
    const bogus = join(dir, 'bogus.db');
    make(bogus);
    expect(() => restoreDatabase(dbPath, bogus, Date.now())).toThrow(NotAnArenaDatabaseError);
    expect(() => restoreDatabase(dbPath, bogus, Date.now())).toThrow(message);
    expect(contestIds(dbPath)).toEqual(['current']);
  });
});

describe('startBackupScheduler', () => {
  it('writes backups on demand and prunes to `keep`, and stop() waits for a running backup', async () => {
    const { db, store } = arenaDb();
    addContest(store, 'a');
    let now = Date.UTC(2026, 10, 26, 12);
    const backupsDir = join(dir, 'data', 'backups');
    const scheduler = startBackupScheduler({ db, dir: backupsDir, intervalSeconds: 3600, keep: 2, clock: () => now, log: pino({ level: 'silent' }) });
    const paths: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      paths.push(await scheduler.runOnce());
      now += 1000;
    }
    expect(readdirSync(backupsDir).sort()).toEqual(paths.slice(1).map((p) => p.slice(backupsDir.length + 1)));
    const last = scheduler.runOnce();
    await scheduler.stop();
    expect(existsSync(await last)).toBe(true);
  });
});
