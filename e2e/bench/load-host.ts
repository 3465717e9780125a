/**
 * The load test's host process (forked by load-run.ts with `--import tsx`; never run by hand).
 *
 * A real host built by `buildHost`: temp data dir with a real SQLite file (WAL, synchronous=FULL),
 * the ranking in the real redis-server the parent started, plain HTTP on 127.0.0.1 port 0, the
 * real clock, default submission rate limits. It imports the generated contest package and adds
 * one account per team (all sharing one scrypt hash, so the first login pays scrypt and the rest
 * hit the host's verified-password cache, as the ingest benchmark's seeding does), then reports
 * `{ op: 'ready', url }` over IPC and serves until it gets `{ op: 'stop' }`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upsertAccount } from '../../apps/host-server/src/adapters/sqlite/repos/import-repo';
import { hashPassword } from '../../apps/host-server/src/app/auth/password';
import { parseHostConfig } from '../../apps/host-server/src/app/host-config';
import { importContestPackage } from '../../apps/host-server/src/app/import/import-contest';
import { buildHost } from '../../apps/host-server/src/main/build-host';
import { LOAD_CONTEST_ID, LOAD_TEAM_PASSWORD, loadTeamIds, writeLoadContest } from './load-contest';

/** What the parent passes as the one command-line argument (JSON). */
export interface LoadHostOptions {
  teams: number;
  redisUrl: string;
  judgeKey: string;
  remainingMs: number;
  freezeMs: number | null;
}

export type LoadHostMessage = { op: 'ready'; url: string; dataDir: string } | { op: 'failed'; error: string };

async function serveLoadHost(options: LoadHostOptions): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-load-host-'));
  const config = parseHostConfig({
    dataDir, listenHost: '127.0.0.1', port: 0, tls: false, mdns: false, redisUrl: options.redisUrl, judgeKey: options.judgeKey, logLevel: 'warn',
  });
  process.env.ARENA_LOG_LEVEL ??= 'warn'; // buildHost's default logger (stderr) reads it
  const host = await buildHost(config);
  const packageDir = join(dataDir, 'package');
  mkdirSync(packageDir);
  writeLoadContest(packageDir, {
    teams: options.teams, nowMs: Date.now(), remainingMs: options.remainingMs, durationMs: 5 * 3_600_000, freezeMs: options.freezeMs,
  });
  await importContestPackage(host.ctx, packageDir, { actor: 'load-test' });
  const sharedHash = hashPassword(LOAD_TEAM_PASSWORD);
  host.ctx.store.write((tx) => {
    for (const teamId of loadTeamIds(options.teams)) {
      const data = { id: teamId, username: teamId, type: 'team', team_id: teamId };
      upsertAccount(tx.db, LOAD_CONTEST_ID, { id: teamId, data: JSON.stringify(data), username: teamId, type: 'team', teamId, passwordHash: sharedHash });
      tx.emit({ contestId: LOAD_CONTEST_ID, type: 'accounts', id: teamId, data, audience: 'jury' });
    }
  });
  const url = await host.listen();

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host.close().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('message', (message: unknown) => {
    if ((message as { op?: unknown } | null)?.op === 'stop') stop();
  });
  process.on('disconnect', stop); // the parent died: do not outlive it
  process.send!({ op: 'ready', url, dataDir } satisfies LoadHostMessage);
}

serveLoadHost(JSON.parse(process.argv[2] ?? '{}') as LoadHostOptions).catch((err: unknown) => {
  process.send?.({ op: 'failed', error: (err as Error).stack ?? String(err) } satisfies LoadHostMessage);
  process.exit(1);
});
