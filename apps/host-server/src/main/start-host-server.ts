import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { PROTOCOL_VERSION, type DiscoveryInfo } from '@arena/protocol';
import { advertiseArenaHost, type MdnsAdvertiser } from '../adapters/mdns/mdns-discovery';
import { ensureTlsCertificate } from '../adapters/tls/self-signed-certificate';
import { parseHostConfig, type HostConfig } from '../app/host-config';
import type { Store } from '../adapters/sqlite/store';
import { activeSetupCode } from '../app/venue/setup-upload';
import { startBackupScheduler, type BackupScheduler } from './backup-scheduler';
import { buildHost, type Host } from './build-host';
import { acquireDataDirLock } from './data-dir-lock';
import { ensureJudgeKey } from './judge-key';
import { shutdownHost } from './shutdown';

export interface RunningHost {
  readonly host: Host;
  readonly config: HostConfig;
  /** Base URL, `https://127.0.0.1:PORT` (or http with TLS off). */
  readonly url: string;
  readonly port: number;
  /** SHA-256 fingerprint of the TLS certificate, `AB:CD:...`; null without TLS. */
  readonly tlsFingerprint: string | null;
  readonly certPath: string | null;
  /** Where the generated judge key lives; null when the config file sets `judgeKey`. */
  readonly judgeKeyPath: string | null;
  readonly backups: BackupScheduler;
  /** One-time code for the console's first-run upload while the host has no contest; else null. */
  readonly setupCode: string | null;
  /** Graceful stop (see `shutdownHost`); resolves true when everything closed cleanly. */
  stop(): Promise<boolean>;
}

/**
 * Starts a host on `config.dataDir`: takes the data-dir lock, fills in the judge key, creates or
 * loads the TLS certificate, builds and listens, advertises over mDNS and schedules backups.
 * Fails (and releases what it took) if another host runs on the same data dir.
 */
export async function startHostServer(loaded: HostConfig, log: Logger): Promise<RunningHost> {
  const lock = acquireDataDirLock(loaded.dataDir);
  const undo: Array<() => Promise<unknown> | unknown> = [() => lock.release()];
  try {
    let config = loaded;
    let judgeKeyPath: string | null = null;
    if (config.judgeKey === null) {
      const judgeKey = ensureJudgeKey(config.dataDir);
      judgeKeyPath = judgeKey.path;
      config = parseHostConfig({ ...config, judgeKey: judgeKey.key });
      log.info({ path: judgeKey.path, created: judgeKey.created }, judgeKey.created ? 'generated judge key' : 'using judge key');
    }

    const tls = config.tls ? await ensureTlsCertificate(join(config.dataDir, 'tls')) : null;
    if (tls) log.info({ certPath: tls.certPath, fingerprint: tls.fingerprint256, created: tls.created }, 'TLS certificate');

    const host = await buildHost(config, { log, http: tls ? { tls: { key: tls.key, cert: tls.cert } } : {} });
    undo.push(() => host.close());
    const url = await host.listen();
    const address = host.http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;

    const mdns = config.mdns ? startAdvertising(host.ctx.store, port, tls?.fingerprint256 ?? null, log) : null;
    if (mdns) undo.push(() => mdns.stop());

    const backups = startBackupScheduler({
      db: host.ctx.store.db, dir: join(config.dataDir, 'backups'), intervalSeconds: config.backup.intervalSeconds,
      keep: config.backup.keep, clock: host.ctx.clock, log,
    });

    let stopping: Promise<boolean> | null = null;
    return {
      host, config, url, port, tlsFingerprint: tls?.fingerprint256 ?? null, certPath: tls?.certPath ?? null, judgeKeyPath, backups,
      setupCode: activeSetupCode(host.ctx),
      stop() {
        stopping ??= (async () => {
          await mdns?.stop();
          await backups.stop();
          const clean = await shutdownHost(host, config.shutdownGraceMs, log);
          lock.release();
          return clean;
        })();
        return stopping;
      },
    };
  } catch (err) {
    for (const fn of undo.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
    throw err;
  }
}

function startAdvertising(store: Store, port: number, fingerprint: string | null, log: Logger): MdnsAdvertiser {
  const currentInfo = (): DiscoveryInfo => {
    const contest = currentContest(store);
    return { contestId: contest?.id ?? null, contestName: contest?.name ?? null, protocolVersion: PROTOCOL_VERSION, port, tls: fingerprint !== null, tlsFingerprint: fingerprint };
  };
  let advertised = currentInfo();
  const advertiser = advertiseArenaHost({
    name: `Arena on ${hostname()} (${port})`,
    info: advertised,
    onError: (err) => log.warn({ err }, 'mDNS advertising failed; clients must be given the address by hand'),
  });
  // Re-announce only when the advertised contest changes, not on every clock or state event.
  const unsubscribe = store.onEvents((events) => {
    if (!events.some((e) => e.type === 'contest')) return;
    const next = currentInfo();
    if (next.contestId === advertised.contestId && next.contestName === advertised.contestName) return;
    advertised = next;
    log.info({ contestId: next.contestId }, 'mDNS advertisement updated');
    advertiser.update(next);
  });
  log.info({ type: '_arena._tcp', port }, 'advertising over mDNS');
  return {
    update: (info) => advertiser.update(info),
    async stop() {
      unsubscribe();
      await advertiser.stop();
    },
  };
}

/** The contest advertised on the LAN: the most recently created one, if any. */
function currentContest(store: Store): { id: string; name: string | null } | null {
  const row = store.db.prepare('SELECT id, data FROM contests ORDER BY created_ms DESC LIMIT 1').get() as { id: string; data: string } | undefined;
  if (!row) return null;
  let name: string | null = null;
  try {
    const data = JSON.parse(row.data) as { name?: unknown; formal_name?: unknown };
    name = typeof data.name === 'string' ? data.name : typeof data.formal_name === 'string' ? data.formal_name : null;
  } catch {
    name = null;
  }
  return { id: row.id, name };
}
