import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { NotAnArenaDatabaseError, restoreDatabase } from '../../adapters/sqlite/backup';
import { DatabaseTooNewError } from '../../adapters/sqlite/database';
import { AppError } from '../../app/errors';
import { printResult } from '../cli-output';
import { acquireDataDirLock } from '../data-dir-lock';

/**
 * `restore`: replaces the data dir's database with a backup after checking it is an Arena
 * database of a schema version this Arena knows. Refuses while a host serves the data dir (it
 * holds the same lock for the duration). The replaced database is kept aside, never deleted.
 */
export function registerRestoreCommand(program: Command): void {
  program.command('restore')
    .description('replace the contest database with a backup (the host must be stopped)')
    .requiredOption('--data <dir>', 'data directory of the host')
    .argument('<file>', 'backup file (arena-*.db)')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { data: string; json?: boolean }) => {
      const lock = acquireDataDirLock(options.data);
      try {
        const result = restoreDatabase(join(options.data, 'arena.db'), resolve(file), Date.now());
        printResult(Boolean(options.json), result, [
          `restored ${result.restoredFrom} (schema version ${result.schemaVersion})`,
          result.previousPath ? `the previous database was kept as ${result.previousPath}` : 'there was no previous database',
        ].join('\n'));
      } catch (err) {
        if (err instanceof DatabaseTooNewError || err instanceof NotAnArenaDatabaseError) throw new AppError('bad_request', `nothing was changed: ${err.message}`);
        throw err;
      } finally {
        lock.release();
      }
    });
}
