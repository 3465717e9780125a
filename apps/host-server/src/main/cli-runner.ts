import { CommanderError, type Command } from 'commander';
import { AppError } from '../app/errors';

/** Exit code for bad usage (unknown command, unknown or malformed flag). */
export const EXIT_USAGE = 2;
/** Exit code for a command that was understood but failed. */
export const EXIT_FAILURE = 1;

/**
 * Parses argv and runs the chosen command. Help goes to stdout; usage errors print one clear
 * line to stderr and exit 2; an error thrown by a command prints `error: <message>` to stderr
 * and exits 1 (an AppError's message as is, anything else with its message too: this is a
 * local operator tool, not a network edge).
 */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  configureRecursively(program);
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" with exit code 0 in commander's exitOverride mode.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`error: ${describeError(err)}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}

function configureRecursively(command: Command): void {
  command
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
    });
  for (const sub of command.commands) configureRecursively(sub);
}

function describeError(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
