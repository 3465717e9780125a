/**
 * The machines of the whole-contest test, each a real process on loopback: a `redis-server`, the
 * host (`serve` with a config file pointing at that Redis, plain HTTP on 127.0.0.1, a temp data
 * dir with no contest) and one judge agent judging in the native sandbox. The host starts empty
 * and prints its one-time setup code: the proctor uploads the contest package through the
 * console's "First run" panel with it, then logs in as the package's admin.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import yazl from 'yazl';
import { killHost, spawnHost, type HostProcess } from '../../apps/host-server/test/ops-support';
import { startRedisServer, type RedisServer } from '../../apps/host-server/test/helpers/redis-server';
import { REPO, startJudge, stopJudge, type JudgeProcess } from './contest-client';

/** The three web apps the test drives, with the command that builds each. */
const BUILT_APPS = [
  { what: 'the proctor console', index: 'apps/host-server/web/console/dist/index.html', build: 'pnpm --filter @arena/web-console build' },
  { what: 'the contestant app', index: 'apps/contestant-desktop/dist/web/index.html', build: 'pnpm --filter @arena/contestant-desktop build:renderer' },
  { what: 'the projector', index: 'apps/host-server/web/scoreboard/dist/index.html', build: 'pnpm --filter @arena/web-scoreboard build' },
] as const;

/** Throws one message naming every web app that is not built, with the command to build it. */
export function requireBuiltApps(): void {
  const missing = BUILT_APPS.filter((app) => !existsSync(join(REPO, app.index)));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.map((app) => `${app.what} (${app.index}; \`${app.build}\`)`).join(', ')}: run \`pnpm build\` first`);
  }
}

export interface ContestStack {
  url: string;
  dataDir: string;
  redis: RedisServer;
  host: HostProcess;
  judge: JudgeProcess;
  /** The one-time setup code the host printed (its `serve --json` listening line) for the console's first run. */
  setupCode: string;
  /** Number of keys in the Redis database (the shared ranking lives there). */
  redisKeyCount(): number;
  /** Stops the judge, the host and Redis (each by its PID) and deletes the data dir. Safe to call twice. */
  close(): Promise<void>;
}

/** The setup code in the host's `serve --json` listening line; fails when the host printed none. */
function printedSetupCode(host: HostProcess): string {
  for (const line of host.stdoutLines()) {
    const parsed = JSON.parse(line) as { event?: unknown; setupCode?: unknown };
    if (parsed.event === 'listening' && typeof parsed.setupCode === 'string') return parsed.setupCode;
  }
  throw new Error(`the host printed no setup code (it should, with no contest):\n${host.stdoutLines().join('\n')}`);
}

/** Starts Redis, the host (no contest yet) and one judge agent. */
export async function startContestStack(): Promise<ContestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-whole-contest-'));
  chmodSync(dataDir, 0o711); // sandbox uids must traverse to their boxes under it
  let redis: RedisServer | undefined;
  let host: HostProcess | undefined;
  try {
    redis = await startRedisServer();
    const configPath = join(dataDir, 'host.yaml');
    // JSON is YAML: the host reads it like its sample config.
    writeFileSync(configPath, JSON.stringify({
      dataDir: join(dataDir, 'host'), listenHost: '127.0.0.1', port: 0, tls: false, mdns: false,
      redisUrl: redis.url, logLevel: 'warn', backup: { intervalSeconds: 3600 },
    }, null, 2));
    host = await spawnHost(['--config', configPath]);
    const url = host.listening.url;
    const setupCode = printedSetupCode(host);
    const judgeKey = readFileSync(join(dataDir, 'host', 'judge-key'), 'utf8').trim();
    const judge = startJudge(['--host', url, '--work-dir', join(dataDir, 'judge'), '--cache-dir', join(dataDir, 'judge-cache')], judgeKey);
    const started = { redis, host };
    let closed = false;
    return {
      url, dataDir, redis, host, judge, setupCode,
      redisKeyCount() {
        const out = spawnSync('redis-cli', ['-p', String(started.redis.port), 'dbsize'], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`redis-cli dbsize failed: ${out.stderr}`);
        return Number(out.stdout.trim());
      },
      async close() {
        if (closed) return;
        closed = true;
        stopJudge(judge, 'SIGTERM');
        await Promise.race([judge.exited, new Promise((r) => setTimeout(r, 5000))]);
        stopJudge(judge);
        await killHost(started.host);
        await started.redis.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await killHost(host);
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** The contest package folder `dir` as a zip (paths relative to it, `/`-separated), in memory. */
export async function zipFolder(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const path of filesUnder(dir)) zip.addFile(path, relative(dir, path).split(sep).join('/'));
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
