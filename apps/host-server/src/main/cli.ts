#!/usr/bin/env node
/**
 * `arena host` command line (`pnpm host <command>`). stdout carries only a command's result
 * (pure JSON with --json); every log line goes to stderr. Bad usage exits 2, a failed command 1.
 */
import { Command } from 'commander';
import { registerBackupCommand } from './commands/backup-command';
import { registerImportCommand } from './commands/import-command';
import { registerRestoreCommand } from './commands/restore-command';
import { registerScoreboardCommand } from './commands/scoreboard-command';
import { registerServeCommand } from './commands/serve-command';
import { registerStartCommand } from './commands/start-command';
import { runCli } from './cli-runner';

function buildCliProgram(): Command {
  const program = new Command('arena-host')
    .description('Arena contest host: serve a contest on the LAN, back up and restore its data');

  // Commands register here, one line each.
  registerServeCommand(program);
  registerStartCommand(program);
  registerBackupCommand(program);
  registerRestoreCommand(program);
  registerScoreboardCommand(program);
  registerImportCommand(program);

  return program;
}

await runCli(buildCliProgram(), process.argv);
