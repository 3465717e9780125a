import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isCompatibleHost, PROTOCOL_VERSION, type DiscoveredHost } from '@arena/protocol';
import { InvalidArgumentError, type Command } from 'commander';
import pino from 'pino';
import { downloadWithKey } from '../../agent/download';
import { FileCache } from '../../agent/file-cache';
import { JudgeAgent, type JudgeFn } from '../../agent/judge-agent';
import { createJudgeMetrics } from '../../agent/judge-metrics';
import { startJudgeMetricsServer } from '../../agent/judge-metrics-server';
import { pinHostCertificate, type PinnedTls } from '../../agent/tls-pin';
import { browseArenaHosts, hostUrl } from '@arena/lan-discovery';
import { LANGUAGES } from '../../languages/languages';
import { judgeSubmission } from '../../steps/judge-submission';
import { CliError, createLocalSandbox, logLine, parsePositiveInteger, withSandboxOptions } from '../cli-support';
import { missingExecutables } from '../language-availability';

interface ServeOptions {
  host?: string;
  key?: string;
  fingerprint?: string;
  contest?: string;
  parallel: number;
  sandbox: string;
  cacheDir: string;
  cacheMb: number;
  discoverSeconds: number;
  workDir: string;
  metricsPort?: number;
  metricsHost: string;
}

/**
 * `judge serve`: finds the host (mDNS, or --host), pins its TLS certificate, checks the sandbox,
 * then pulls and judges jobs until SIGTERM/SIGINT, when it gives held jobs back and exits.
 */
export function registerServeCommand(program: Command): void {
  const command = program.command('serve')
    .description('judge submissions for an Arena host on this network')
    .option('--host <url>', 'host URL (default: find it over mDNS)')
    .option('--key <key>', 'judge key (default: $ARENA_JUDGE_KEY); the host prints where it keeps it')
    .option('--fingerprint <sha256>', 'TLS certificate fingerprint of the host, required with an https --host (the host prints it)')
    .option('--contest <id>', 'with mDNS: only consider hosts serving this contest id (several contests on one network)')
    .option('--parallel <n>', 'submissions judged at once, each pinned to its own CPU', parsePositiveInteger, 1)
    .option('--cache-dir <dir>', 'testdata cache directory', join(process.env.HOME ?? '/tmp', '.cache', 'arena-judge'))
    .option('--cache-mb <mb>', 'testdata cache size bound in MiB', (v) => parsePositiveIntegerMb(v), 2048)
    .option('--discover-seconds <s>', 'how long to browse mDNS for hosts', (v) => Number(v), 3)
    .option('--metrics-port <port>', 'serve Prometheus metrics at http://<metrics-host>:<port>/metrics (default: off; 0 = any free port)', parsePort)
    .option('--metrics-host <address>', 'address the metrics port listens on', '0.0.0.0');
  withSandboxOptions(command).action(async (options: ServeOptions) => {
    const log = pino({ level: process.env.ARENA_LOG_LEVEL ?? 'info' }, pino.destination(2));
    const key = options.key ?? process.env.ARENA_JUDGE_KEY;
    if (!key) throw new CliError('no judge key: pass --key KEY or set ARENA_JUDGE_KEY (the host keeps it in <data>/judge-key)');

    // Metrics read the agent at scrape time; the server starts only once the agent exists.
    const live: { agent: JudgeAgent | null } = { agent: null };
    const metrics = options.metricsPort === undefined ? null
      : createJudgeMetrics({ connected: () => live.agent?.connected ?? false, leases: () => live.agent?.busy ?? 0 });
    const localSandbox = createLocalSandbox(options);
    const sandbox = metrics ? metrics.instrumentSandbox(localSandbox) : localSandbox;
    const doctor = await sandbox.doctor();
    if (!doctor.ok) {
      const problems = doctor.checks.filter((c) => !c.ok).map((c) => `  ${c.name}: ${c.detail}${c.fix ? ` (fix: ${c.fix})` : ''}`);
      throw new CliError(`the sandbox cannot run here, so this machine cannot judge (contestant code never runs unsandboxed):\n${problems.join('\n')}`);
    }

    const { url, fingerprint } = await chooseHost(options, log);
    const tls: PinnedTls | null = url.protocol === 'https:' ? await pinHostCertificate(url, fingerprint ?? '') : null;
    const cache = new FileCache({
      dir: options.cacheDir,
      maxBytes: options.cacheMb * 1024 * 1024,
      download: (sha) => downloadWithKey(new URL(`/judge/files/${sha}`, url), key, tls, 1024 * 1024 * 1024),
    });
    const cpus = availableParallelism();
    const judgeJob: JudgeFn = async (job, run) => {
      const outcome = await judgeSubmission(job, {
        sandbox,
        fetchFile: (sha) => cache.get(sha),
        boxOptions: options.parallel > 1 ? { cpu: run.worker % cpus } : {},
        signal: run.signal,
        onTestcase: async ({ leaseId: _lease, ...report }) => run.onTestcase(report),
      });
      if (!outcome.ok) return { ok: false, reason: outcome.failure };
      const { leaseId: _lease, ...result } = outcome.result;
      return { ok: true, result };
    };
    const judge = metrics ? metrics.instrumentJudge(judgeJob) : judgeJob;
    const languages = LANGUAGES.filter((l) => missingExecutables(l).length === 0).map((l) => l.id);
    const agent = new JudgeAgent({
      hostUrl: url,
      hello: { key, agentId: `${hostname()}-${process.pid}`, hostname: hostname(), sandbox: sandbox.backend, parallel: options.parallel, languages },
      tls, judge, log,
    });
    live.agent = agent;
    const metricsServer = metrics && options.metricsPort !== undefined
      ? await startJudgeMetricsServer(metrics.registry, { host: options.metricsHost, port: options.metricsPort })
      : null;
    if (metricsServer) log.info({ url: `${metricsServer.url}/metrics` }, 'serving metrics');
    log.info({ host: url.origin, parallel: options.parallel, languages }, 'judge agent starting');
    agent.start();
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info({ signal, busy: agent.busy }, 'stopping: giving held jobs back');
        agent.stop().then(resolve, resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    await metricsServer?.close();
    log.info('judge agent stopped');
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}

function parsePositiveIntegerMb(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 16) throw new CliError('--cache-mb must be a whole number of MiB, at least 16');
  return n;
}

async function chooseHost(options: ServeOptions, log: pino.Logger): Promise<{ url: URL; fingerprint: string | null }> {
  if (options.host) {
    let url: URL;
    try {
      url = new URL(options.host);
    } catch {
      throw new CliError(`--host must be a URL like https://10.0.0.2:8443, got ${JSON.stringify(options.host)}`);
    }
    if (url.protocol === 'https:' && !options.fingerprint) {
      throw new CliError('an https --host needs --fingerprint (printed by the host at start and on the projector footer), so the judge can check it talks to the real host');
    }
    return { url, fingerprint: options.fingerprint ?? null };
  }
  logLine(`looking for Arena hosts on the network (${options.discoverSeconds} s)...`);
  const found = await browseArenaHosts(options.discoverSeconds * 1000, (name, error) => log.warn({ name, error }, 'ignoring an invalid Arena advertisement'));
  const forContest = options.contest === undefined ? found : found.filter((h) => h.info.contestId === options.contest);
  const compatible = forContest.filter((h) => isCompatibleHost(h.info));
  for (const h of forContest.filter((x) => !isCompatibleHost(x.info))) {
    log.warn({ name: h.name, protocolVersion: h.info.protocolVersion }, `host speaks protocol ${h.info.protocolVersion}, this judge ${PROTOCOL_VERSION}: skipped`);
  }
  if (compatible.length === 0) {
    const which = options.contest === undefined ? 'no Arena host' : `no Arena host serving contest ${JSON.stringify(options.contest)}`;
    throw new CliError(`${which} found on this network: start one, or pass --host URL (and --fingerprint for https)`);
  }
  const chosen = compatible.length === 1 ? compatible[0]! : await askWhich(compatible);
  logLine(`using host ${chosen.name} at ${hostUrl(chosen).origin}${chosen.info.contestName ? ` (${chosen.info.contestName})` : ''}`);
  return { url: hostUrl(chosen), fingerprint: chosen.info.tlsFingerprint };
}

async function askWhich(hosts: DiscoveredHost[]): Promise<DiscoveredHost> {
  const lines = hosts.map((h, i) => `  ${i + 1}. ${h.name} at ${hostUrl(h).origin}${h.info.contestName ? ` — ${h.info.contestName}` : ''}${h.info.tlsFingerprint ? `\n     fingerprint ${h.info.tlsFingerprint}` : ''}`);
  if (!process.stdin.isTTY) throw new CliError(`several Arena hosts found; pass --host to pick one:\n${lines.join('\n')}`);
  process.stderr.write(`several Arena hosts found:\n${lines.join('\n')}\n`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (;;) {
      const answer = Number(await rl.question(`which one (1-${hosts.length})? `));
      if (Number.isInteger(answer) && answer >= 1 && answer <= hosts.length) return hosts[answer - 1]!;
    }
  } finally {
    rl.close();
  }
}
