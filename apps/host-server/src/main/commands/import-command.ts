import { join } from 'node:path';
import type { Command } from 'commander';
import { BlobStore } from '../../adapters/blobs/blob-store';
import { openDatabase } from '../../adapters/sqlite/database';
import { Store } from '../../adapters/sqlite/store';
import { AppError } from '../../app/errors';
import type { HostContext } from '../../app/host-context';
import { importContestPackage } from '../../app/import/import-contest';
import { formatImportReport } from '../../app/import/import-report';
import { createCliLogger, printResult } from '../cli-output';
import { runningHostPid } from '../data-dir-lock';
import { loadHostConfig } from '../load-config';

interface ImportCommandOptions {
  data: string;
  config?: string;
  contestId?: string;
  json?: boolean;
}

/**
 * `import PATH --data DIR [--contest-id ID] [--config FILE] [--json]`: imports a CLICS contest
 * package (directory or .zip) into the host's data directory, or updates the contest if it is
 * already there. All or nothing: on any problem the database is left as it was and the error
 * names the file. Refuses while a host is serving the same data directory (the running host
 * would not see the change); import through the console then.
 */
export function registerImportCommand(program: Command): void {
  program.command('import')
    .description('import (or re-import) a CLICS contest package: a directory or a .zip')
    .argument('<path>', 'contest package directory or zip file')
    .requiredOption('--data <dir>', 'data directory of the host')
    .option('--config <file>', 'host config file (for default limits)')
    .option('--contest-id <id>', 'contest id to use instead of the one in contest.yaml')
    .option('--json', 'print the import report as JSON')
    .action(async (path: string, options: ImportCommandOptions) => {
      const config = loadHostConfig(options.config, { dataDir: options.data });
      const pid = runningHostPid(config.dataDir);
      if (pid !== null) {
        throw new AppError('conflict', `a host (pid ${pid}) is serving ${config.dataDir}: stop it first, or import from the console`);
      }
      const log = createCliLogger(process.env.ARENA_LOG_LEVEL ?? 'warn');
      const db = openDatabase(join(config.dataDir, 'arena.db'));
      try {
        const ctx: HostContext = {
          config, log, clock: Date.now,
          store: new Store(db, Date.now, (err) => log.error({ err }, 'event listener failed')),
          blobs: new BlobStore(join(config.dataDir, 'blobs')),
        };
        const report = await importContestPackage(ctx, path, { ...(options.contestId !== undefined ? { contestId: options.contestId } : {}), actor: 'cli' });
        printResult(Boolean(options.json), report, formatImportReport(report));
      } finally {
        db.close();
      }
    });
}
