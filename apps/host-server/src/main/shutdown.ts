import type { Logger } from 'pino';
import type { Host } from './build-host';

/**
 * Closes a serving host within `graceMs`: stops accepting, lets in-flight requests finish, and
 * once the grace period is over cuts the connections still open. Then closes sockets, checkpoints
 * the WAL and closes the database (`host.close`). Resolves true on a clean close, false if the
 * close itself failed (logged).
 */
export async function shutdownHost(host: Host, graceMs: number, log: Logger): Promise<boolean> {
  const server = host.http.server;
  const cut = setTimeout(() => {
    log.warn({ graceMs }, 'shutdown grace period over: closing remaining connections');
    server.closeAllConnections();
  }, graceMs);
  // A keep-alive connection whose in-flight request just finished would otherwise stay open
  // until the grace period ends: close connections as soon as they fall idle.
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  try {
    await host.close();
    return true;
  } catch (err) {
    log.error({ err }, 'error while closing the host');
    return false;
  } finally {
    clearTimeout(cut);
    clearInterval(sweep);
  }
}

/** How often a closing host looks for connections that have fallen idle. */
const IDLE_SWEEP_MS = 50;

/**
 * Runs `onSignal` once on the first SIGTERM or SIGINT. A second signal while shutting down
 * exits at once with code 130, for an operator who does not want to wait.
 */
export function onShutdownSignal(onSignal: (signal: NodeJS.Signals) => void, log: Logger): void {
  let received = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) {
      log.warn({ signal }, 'second signal: exiting without finishing the shutdown');
      process.exit(130);
    }
    received = true;
    log.info({ signal }, 'shutting down');
    onSignal(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
