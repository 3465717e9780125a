import { InvalidArgumentError } from 'commander';
import pino, { type Logger } from 'pino';

/**
 * Writes a command's result to stdout: one line of JSON with `--json`, else the human text.
 * Nothing else may write to stdout, so `pnpm --silent host <cmd> --json | jq` always works.
 */
export function printResult(json: boolean, value: object, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

/** Structured logger for CLI commands: pino, always on stderr (fd 2). */
export function createCliLogger(level: string): Logger {
  return pino({ level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
}

/** commander argument parser for a TCP port (0 = any free port). */
export function parsePortArgument(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}
