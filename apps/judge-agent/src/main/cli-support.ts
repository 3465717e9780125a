/**
 * Shared plumbing of the `arena judge` command line: stdout carries only a command's result
 * (one line of JSON with --json), every log line goes to stderr. Bad usage exits 2, a command
 * that failed (judging error, broken package, mismatch, missing tools) exits 1.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError, InvalidArgumentError, Option, type Command } from 'commander';
import { createDockerSandbox } from '../sandbox/docker/docker-sandbox';
import { createNativeSandbox } from '../sandbox/native-sandbox';
import type { Sandbox } from '../sandbox/sandbox';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error a command reports as one line (`error: ...`) with exit code 1. */
export class CliError extends Error {}

export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  configure(program);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}

function configure(command: Command): void {
  command.exitOverride().showHelpAfterError('(run with --help for usage)').configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
  });
  for (const sub of command.commands) configure(sub);
}

/** Writes the result to stdout: JSON with `--json`, else the human text. */
export function printResult(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

/** A log line on stderr (never stdout). */
export function logLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** commander parser: seconds (may be fractional) → milliseconds. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new InvalidArgumentError('must be a number of seconds, e.g. 1 or 2.5');
  return Math.round(seconds * 1000);
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 64) throw new InvalidArgumentError('must be a whole number from 1 to 64');
  return number;
}

/** Adds the sandbox options every judging command shares. */
export function withSandboxOptions(command: Command): Command {
  return command
    .option('--work-dir <dir>', 'judge work directory (boxes live here)', join(tmpdir(), 'arena-judge'))
    .addOption(new Option('--sandbox <backend>', 'sandbox backend: native (bubblewrap + cgroups) or docker (containers via DOCKER_HOST or the default socket)').choices(['native', 'docker']).default('native'));
}

/** The sandbox the command line chose (native unless `--sandbox docker`). Nothing runs without one. */
export function createLocalSandbox(options: { workDir: string; sandbox?: string }): Sandbox {
  return options.sandbox === 'docker' ? createDockerSandbox({ workDir: options.workDir }) : createNativeSandbox({ workDir: options.workDir });
}

export function withJsonOption(command: Command): Command {
  return command.option('--json', 'print the result as one line of JSON on stdout');
}
