import { networkInterfaces } from 'node:os';
import type { Command } from 'commander';
import { createCliLogger, parsePortArgument, printResult } from '../cli-output';
import { loadHostConfig, type ConfigFlags } from '../load-config';
import { onShutdownSignal } from '../shutdown';
import { startHostServer } from '../start-host-server';

interface ServeOptions {
  data?: string;
  port?: number;
  listen?: string;
  redis?: string;
  mdns: boolean;
  tls: boolean;
  config?: string;
  json?: boolean;
}

/**
 * `serve`: runs the host until SIGTERM/SIGINT. Prints one result when listening (with --json:
 * `{"event":"listening","url",...}` on one line), so scripts can wait for it; logs go to stderr.
 */
export function registerServeCommand(program: Command): void {
  program.command('serve')
    .description('serve contests on this machine (HTTPS + WSS, mDNS, periodic backups)')
    .option('--data <dir>', 'data directory (database, blobs, TLS, backups); may come from the config file')
    .option('--port <n>', 'TCP port (0 = any free port; default 8443)', parsePortArgument)
    .option('--listen <address>', 'address to listen on (default 0.0.0.0)')
    .option('--redis <url>', 'Redis URL for a shared ranking store (default: embedded)')
    .option('--no-mdns', 'do not advertise the host on the LAN')
    .option('--no-tls', 'serve plain HTTP (only on a trusted network)')
    .option('--config <file>', 'YAML or JSON config file (see config/host.sample.yaml)')
    .option('--json', 'print the listening line as JSON')
    .action(async (options: ServeOptions, command: Command) => {
      const fromCli = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
      const flags: ConfigFlags = {
        dataDir: options.data,
        port: options.port,
        listenHost: options.listen,
        redisUrl: options.redis,
        tls: fromCli('tls') ? options.tls : undefined,
        mdns: fromCli('mdns') ? options.mdns : undefined,
      };
      const config = loadHostConfig(options.config, flags);
      const log = createCliLogger(config.logLevel);
      const running = await startHostServer(config, log);

      onShutdownSignal(() => {
        void running.stop().then((clean) => {
          log.info({ clean }, 'host stopped');
          process.exit(clean ? 0 : 1);
        });
      }, log);

      const lanUrls = lanAddresses(running.config.listenHost).map((ip) => `${running.tlsFingerprint ? 'https' : 'http'}://${ip}:${running.port}`);
      log.info({ url: running.url, lanUrls, tls: running.tlsFingerprint !== null }, 'listening');
      printResult(Boolean(options.json), {
        event: 'listening', url: running.url, lanUrls, port: running.port, pid: process.pid, dataDir: running.config.dataDir,
        tls: running.tlsFingerprint !== null, fingerprint: running.tlsFingerprint, certPath: running.certPath,
        judgeKeyPath: running.judgeKeyPath, mdns: running.config.mdns, setupCode: running.setupCode,
      }, [
        `Arena host listening on ${running.url}`,
        ...lanUrls.map((url) => `  on the LAN: ${url}`),
        running.tlsFingerprint ? `TLS certificate SHA-256 fingerprint: ${running.tlsFingerprint}` : 'TLS off: plain HTTP',
        running.judgeKeyPath ? `judge key: ${running.judgeKeyPath}` : 'judge key: set in the config file',
        ...(running.setupCode ? [`No contest yet: open ${running.url}/console and enter setup code ${running.setupCode} to upload a contest package`] : []),
      ].join('\n'));
    });
}

/** Non-loopback IPv4 addresses clients on the LAN can use, when listening on all interfaces. */
function lanAddresses(listenHost: string): string[] {
  if (listenHost !== '0.0.0.0' && listenHost !== '::') return [];
  return Object.values(networkInterfaces()).flatMap((list) => list ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => address.address);
}
