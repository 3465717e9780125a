import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations/index';

export type Db = Database.Database;

/** Thrown when the file was written by a newer Arena: we refuse rather than corrupt it. */
export class DatabaseTooNewError extends Error {
  constructor(readonly fileVersion: number, readonly knownVersion: number, path: string) {
    super(`database ${path} has schema version ${fileVersion}, but this Arena knows only up to ${knownVersion}: ` +
      'it was written by a newer Arena. Upgrade Arena, or restore a backup made by this version.');
    this.name = 'DatabaseTooNewError';
  }
}

export const LATEST_SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));

/**
 * Opens (creating if needed) the contest database: WAL, synchronous=FULL (an acknowledged
 * transaction survives power loss), foreign-key checks on, busy timeout for the backup reader.
 * Applies pending migrations; refuses a file from a newer version with `DatabaseTooNewError`.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Db, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) throw new DatabaseTooNewError(current, LATEST_SCHEMA_VERSION, path);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
