import type { Logger } from 'pino';
import { backupDatabase, backupFileName, pruneBackups } from '../adapters/sqlite/backup';
import type { Db } from '../adapters/sqlite/database';

export interface BackupScheduler {
  /** Takes one backup now (also used by the timer); resolves with its path. */
  runOnce(): Promise<string>;
  /** Stops the timer and waits for a backup in progress, so the database can close. */
  stop(): Promise<void>;
}

export interface BackupSchedulerOptions {
  db: Db;
  /** Folder for `arena-<timestamp>.db` files, normally `<data>/backups`. */
  dir: string;
  intervalSeconds: number;
  /** How many backups to keep; older ones are deleted after each new one. */
  keep: number;
  clock(): number;
  log: Logger;
}

/**
 * Online backups of the live database every `intervalSeconds`. A failed backup is logged and
 * retried at the next tick; it never stops the host. Backups never overlap.
 */
export function startBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const { db, dir, keep, log } = options;
  let running: Promise<string> | null = null;
  let stopped = false;

  const runOnce = (): Promise<string> => {
    if (running) return running;
    running = (async () => {
      const started = options.clock();
      const info = await backupDatabase(db, `${dir}/${backupFileName(started)}`);
      const pruned = pruneBackups(dir, keep);
      log.info({ path: info.path, bytes: info.bytes, durationMs: options.clock() - started, pruned: pruned.length }, 'backup written');
      return info.path;
    })().finally(() => { running = null; });
    return running;
  };

  const timer = setInterval(() => {
    if (stopped || running) return;
    runOnce().catch((err: unknown) => log.error({ err }, 'backup failed; will retry at the next interval'));
  }, options.intervalSeconds * 1000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}
