import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import { applyClockCommand } from '../../app/clock/clock-service';
import { importContestPackage } from '../../app/import/import-contest';
import type { HostContext } from '../../app/host-context';
import { createCliLogger, parsePortArgument, printResult } from '../cli-output';
import { loadHostConfig } from '../load-config';
import { onShutdownSignal } from '../shutdown';
import { startHostServer } from '../start-host-server';
import { ensureWebAppsBuilt } from './ensure-web-apps-built';
import { pickJudgeSandbox, type SandboxChoice } from './pick-judge-sandbox';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const DEMO_PACKAGE = resolve(repoRoot, 'e2e/fixtures/contests/sample');
const JUDGE_CLI = resolve(repoRoot, 'apps/judge-agent/src/main/cli.ts');

interface StartOptions {
  data: string;
  port: number;
  tls: boolean;
  mdns: boolean;
  judge: boolean;
  json?: boolean;
}

/**
 * `start` (what `pnpm start` runs): a whole Arena on this machine for trying it out — a host
 * with the demo contest imported and running, the embedded ranking store, and one local judge
 * agent in its own process with the native sandbox. If the sandbox cannot work here the judge
 * says why and how to fix it and the host keeps running without judging: contestant code never
 * runs unsandboxed. Ctrl-C stops both.
 */
export function registerStartCommand(program: Command): void {
  program.command('start')
    .description('demo: a host with the demo contest and a local judge (Ctrl-C stops everything)')
    .option('--data <dir>', 'data directory of the demo', resolve(repoRoot, '.data/demo'))
    .option('--port <n>', 'TCP port', parsePortArgument, 8080)
    .option('--tls', 'serve HTTPS with the self-signed certificate (default: plain HTTP on the demo)', false)
    .option('--no-mdns', 'do not advertise the host on the LAN')
    .option('--no-judge', 'do not start a local judge agent')
    .option('--json', 'print the URLs as one line of JSON')
    .action(async (options: StartOptions) => {
      const config = loadHostConfig(undefined, { dataDir: options.data, port: options.port, tls: options.tls, mdns: options.mdns });
      const log = createCliLogger(config.logLevel);
      ensureWebAppsBuilt(repoRoot, log);
      const running = await startHostServer(config, log);
      const contestId = await ensureDemoContest(running.host.ctx, log);

      let judge: ChildProcess | null = null;
      let sandbox: SandboxChoice | null = null;
      if (options.judge) {
        sandbox = await pickJudgeSandbox(['--import', 'tsx', JUDGE_CLI], repoRoot);
        if (sandbox.ok) judge = startLocalJudge(running.url, running.host.ctx.config.judgeKey ?? '', running.tlsFingerprint, sandbox.backend, log);
      }

      onShutdownSignal(() => {
        const judgeExited = judge && judge.exitCode === null
          ? new Promise<void>((done) => { judge!.once('exit', () => done()); judge!.kill('SIGTERM'); })
          : Promise.resolve();
        void judgeExited.then(() => running.stop()).then((clean) => process.exit(clean ? 0 : 1));
      }, log);

      const base = running.url;
      printResult(Boolean(options.json), {
        event: 'started', url: base, contestId, fingerprint: running.tlsFingerprint,
        scoreboard: `${base}/scoreboard`, resolver: `${base}/scoreboard?resolver`, api: `${base}/api/contests/${contestId}`,
        console: `${base}/console`, app: `${base}/app`,
        accounts: { team: ['team1', 'team1pass'], jury: ['jury', 'jurypass'], admin: ['admin', 'adminpass'] },
        judge: sandbox === null ? null : sandbox.ok ? { sandbox: sandbox.backend } : { sandbox: null, reasons: sandbox.reasons },
      }, [
        '',
        `Arena demo is running (contest "${contestId}", data in ${running.config.dataDir})`,
        `  proctor console:  ${base}/console      (admin / adminpass, jury / jurypass)`,
        `  contestant app:   ${base}/app          (team1 / team1pass ... team4 / team4pass)`,
        `  projector board:  ${base}/scoreboard   (resolver: ${base}/scoreboard?resolver, jury / jurypass)`,
        `  Contest API:      ${base}/api/contests/${contestId}`,
        running.tlsFingerprint ? `  TLS fingerprint:  ${running.tlsFingerprint}` : '  TLS off (demo): plain HTTP',
        ...judgeLines(sandbox),
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'));
    });
}

/** What the banner says about the local judge. */
function judgeLines(sandbox: SandboxChoice | null): string[] {
  if (sandbox === null) return ['  judge: not started (--no-judge)'];
  if (sandbox.ok) return [`  judge: one local agent (${sandbox.backend} sandbox); its log lines are prefixed [judge]`];
  return [
    '  judge: NOT started — no usable sandbox on this machine, and contestant code never runs unsandboxed:',
    ...sandbox.reasons.map((r) => `    - ${r}`),
    '    Fix what is listed (`pnpm judge doctor` explains each check; README "Judges"), then restart.',
  ];
}

/** Imports the demo contest on first start and starts its clock; later starts reuse it. */
async function ensureDemoContest(ctx: HostContext, log: Logger): Promise<string> {
  const existing = ctx.store.db.prepare('SELECT id FROM contests ORDER BY created_ms LIMIT 1').get() as { id: string } | undefined;
  if (existing) return existing.id;
  if (!existsSync(DEMO_PACKAGE)) throw new Error(`demo contest package missing at ${DEMO_PACKAGE}`);
  const report = await importContestPackage(ctx, DEMO_PACKAGE);
  const contestId = report.contestId;
  applyClockCommand(ctx, contestId, { action: 'start' }, 'demo');
  log.info({ contestId }, 'demo contest imported and started');
  return contestId;
}

/** Runs `judge serve` for this host in a child process, its output prefixed on stderr. */
function startLocalJudge(url: string, judgeKey: string, fingerprint: string | null, backend: 'native' | 'docker', log: Logger): ChildProcess {
  const args = ['--import', 'tsx', JUDGE_CLI, 'serve', '--host', url, '--sandbox', backend];
  if (fingerprint) args.push('--fingerprint', fingerprint);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ARENA_JUDGE_KEY: judgeKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, '[judge] '));
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  child.on('exit', (code, signal) => {
    if (signal === 'SIGTERM' || signal === 'SIGINT' || code === 0) return;
    log.error({ code }, 'the local judge stopped: submissions stay queued until a judge connects (see its message above; `pnpm judge doctor` says what is missing)');
  });
  return child;
}
