import type { ConsoleHealth } from '@arena/protocol';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { countJudgingErrors } from '../../adapters/sqlite/repos/console-judging-agents-repo';
import type { HostContext } from '../host-context';
import type { LatencySummary } from './latency-window';

/** What the health summary reads that this module does not own, passed in by the composition. */
export interface HealthSources {
  /** Named component statuses (ranking store, ...). */
  components(): Record<string, { ok: boolean; detail: string }>;
  /** Connected sockets per namespace. */
  sockets(): ConsoleHealth['sockets'];
  verdictLatency(): LatencySummary;
  /** HTTP responses with status >= 500 since this process started. */
  http5xx(): number;
}

const BACKUP_NAME = /^arena-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.db$/;

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The newest `arena-<timestamp>.db` in `<dataDir>/backups` (where the backup scheduler and CLI write). */
export function lastBackupIn(dir: string): { path: string; timeMs: number } | null {
  if (!existsSync(dir)) return null;
  const newest = readdirSync(dir).filter((name) => BACKUP_NAME.test(name)).sort().at(-1);
  if (newest === undefined) return null;
  const m = BACKUP_NAME.exec(newest) as RegExpExecArray;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return { path: join(dir, newest), timeMs: Date.UTC(y, mo - 1, d, h, mi, s, ms) };
}

/** The console's health page: ranking, database files and last backup, sockets, latency, errors, components. */
export function consoleHealth(ctx: HostContext, sources: HealthSources): ConsoleHealth {
  const components = sources.components();
  const dbPath = join(ctx.config.dataDir, 'arena.db');
  return {
    ranking: components.ranking ?? { ok: false, detail: 'no ranking status reported' },
    database: {
      bytes: fileBytes(dbPath), walBytes: fileBytes(`${dbPath}-wal`),
      lastBackup: lastBackupIn(join(ctx.config.dataDir, 'backups')),
    },
    sockets: sources.sockets(),
    verdictLatencyMs: sources.verdictLatency(),
    errors: { http5xx: sources.http5xx(), judgingErrors: countJudgingErrors(ctx.store.db) },
    metricsPath: '/metrics',
    components: Object.entries(components).map(([name, status]) => ({ name, ok: status.ok, detail: status.detail })),
  };
}
