import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatabaseTooNewError, LATEST_SCHEMA_VERSION, openDatabase, type Db } from './database';

/** Tables every Arena database has had since schema version 1. */
const REQUIRED_TABLES = ['contests', 'submissions', 'events', 'judge_queue'];
const BACKUP_NAME = /^arena-\d{8}T\d{9}Z\.db$/;

/** Thrown when a file offered for restore is not an Arena database we can open. */
export class NotAnArenaDatabaseError extends Error {
  constructor(path: string, reason: string) {
    super(`${path} is not an Arena database: ${reason}`);
    this.name = 'NotAnArenaDatabaseError';
  }
}

export interface BackupInfo {
  path: string;
  bytes: number;
  schemaVersion: number;
}

/**
 * Copies the live database into `destPath` with SQLite's online backup API: pages are copied in
 * small steps, so writers on `db` are held up only for a moment at a time and the copy is one
 * consistent snapshot. Writes to `<destPath>.partial` and renames, so `destPath` is never half
 * written. Throws if the copy fails; `destPath` is then left untouched.
 */
export async function backupDatabase(db: Db, destPath: string): Promise<BackupInfo> {
  mkdirSync(dirname(destPath), { recursive: true });
  const partial = `${destPath}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    useRollbackJournal(partial);
    renameSync(partial, destPath);
  } finally {
    rmSync(partial, { force: true });
  }
  const schemaVersion = verifyArenaDatabase(destPath);
  return { path: destPath, bytes: statSync(destPath).size, schemaVersion };
}

/** `arena-YYYYMMDDTHHMMSSmmmZ.db`: sorts by time and has no characters a file system dislikes. */
export function backupFileName(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2026-11-26T23:05:15.123Z
  return `arena-${iso.replace(/[-:.]/g, '')}.db`;
}

/**
 * Deletes the oldest `arena-*.db` files in `dir` so that at most `keep` remain; returns the
 * deleted paths. Other files in the folder are never touched.
 */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const backups = readdirSync(dir).filter((name) => BACKUP_NAME.test(name)).sort();
  const doomed = backups.slice(0, Math.max(0, backups.length - keep)).map((name) => join(dir, name));
  for (const path of doomed) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
  return doomed;
}

/**
 * Switches a fresh backup copy out of WAL mode, so it is one self-contained file: opening it
 * (even read-only) then creates no -wal/-shm companions that could be separated from it.
 */
function useRollbackJournal(path: string): void {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Checks, read-only, that `path` is an intact Arena database this version can open: an SQLite
 * file that passes `quick_check`, has Arena's tables and a schema version no newer than ours.
 * Returns the schema version; throws `DatabaseTooNewError` or `NotAnArenaDatabaseError`.
 */
export function verifyArenaDatabase(path: string): number {
  if (!existsSync(path)) throw new NotAnArenaDatabaseError(path, 'no such file');
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new NotAnArenaDatabaseError(path, (err as Error).message);
  }
  try {
    let version: number;
    let tables: string[];
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    } catch (err) {
      throw new NotAnArenaDatabaseError(path, (err as Error).message);
    }
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseTooNewError(version, LATEST_SCHEMA_VERSION, path);
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
    if (version < 1 || missing.length > 0) {
      throw new NotAnArenaDatabaseError(path, `schema version ${version}, missing tables: ${missing.join(', ') || 'none'}`);
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new NotAnArenaDatabaseError(path, `integrity check failed: ${check}`);
    return version;
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  schemaVersion: number;
  /** Where the database that was replaced now lives, or null if there was none. */
  previousPath: string | null;
}

/**
 * Replaces the database at `dbPath` with a copy of `backupPath`, after verifying the backup with
 * `verifyArenaDatabase` (nothing changes if that throws). The current database (with its WAL,
 * checkpointed first when it opens) is moved aside to `<dbPath>.before-restore-<stamp>`. The
 * restored copy is opened once with `openDatabase`, which applies any newer migrations.
 * The caller must make sure no host is using `dbPath`.
 */
export function restoreDatabase(dbPath: string, backupPath: string, nowMs: number): RestoreResult {
  verifyArenaDatabase(backupPath);
  const staging = join(dirname(dbPath), `.restore-${basename(dbPath)}`);
  rmSync(staging, { force: true });
  copyFileSync(backupPath, staging);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${backupPath}${suffix}`)) copyFileSync(`${backupPath}${suffix}`, `${staging}${suffix}`);
  }

  let previousPath: string | null = null;
  if (existsSync(dbPath)) {
    checkpointQuietly(dbPath);
    previousPath = `${dbPath}.before-restore-${backupFileName(nowMs).slice('arena-'.length, -'.db'.length)}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${dbPath}${suffix}`)) renameSync(`${dbPath}${suffix}`, `${previousPath}${suffix}`);
    }
  }
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${staging}${suffix}`)) renameSync(`${staging}${suffix}`, `${dbPath}${suffix}`);
  }
  const db = openDatabase(dbPath);
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { restoredFrom: backupPath, schemaVersion, previousPath };
}

/** Folds the WAL into the main file so it can be moved on its own; a broken file is moved as is. */
function checkpointQuietly(dbPath: string): void {
  try {
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch {
    // Corrupt or not a database: it is moved aside untouched, which is all restore promises.
  }
}
