import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, backupFileName } from '../../adapters/sqlite/backup';
import { openDatabase } from '../../adapters/sqlite/database';
import { AppError } from '../../app/errors';
import { printResult } from '../cli-output';

/**
 * `backup`: one online backup now. Safe while a host is serving the same data dir (SQLite's
 * backup API reads a consistent snapshot alongside the writer).
 */
export function registerBackupCommand(program: Command): void {
  program.command('backup')
    .description('write an online backup of the contest database now')
    .requiredOption('--data <dir>', 'data directory of the host')
    .option('--out <file>', 'backup file to write (default <data>/backups/arena-<time>.db)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { data: string; out?: string; json?: boolean }) => {
      const dbPath = join(options.data, 'arena.db');
      if (!existsSync(dbPath)) throw new AppError('not_found', `no Arena database in ${options.data} (expected ${dbPath})`);
      const out = resolve(options.out ?? join(options.data, 'backups', backupFileName(Date.now())));
      if (existsSync(out)) throw new AppError('conflict', `${out} already exists; choose another --out`);
      const db = openDatabase(dbPath);
      try {
        const info = await backupDatabase(db, out);
        printResult(Boolean(options.json), info, `backup written: ${info.path} (${info.bytes} bytes, schema version ${info.schemaVersion})`);
      } finally {
        db.close();
      }
    });
}
