#!/usr/bin/env node
/**
 * `arena judge` command line (`pnpm judge <command>`): the agent that judges for a host (`serve`), and
 * local judging tools that need no host.
 * stdout carries only a command's result (pure JSON with --json); logs go to stderr.
 */
import { Command } from 'commander';
import { runCli } from './cli-support';
import { registerDoctorCommand } from './commands/doctor-command';
import { registerImagesCommand } from './commands/images-command';
import { registerRunCommand } from './commands/run-command';
import { registerServeCommand } from './commands/serve-command';
import { registerVerifyProblemCommand } from './commands/verify-problem-command';

export function buildCliProgram(): Command {
  const program = new Command('arena-judge').description('Arena judge: judge submissions against Kattis problem packages, check this machine');

  // Commands register here, one line each.
  registerServeCommand(program);
  registerRunCommand(program);
  registerVerifyProblemCommand(program);
  registerDoctorCommand(program);
  registerImagesCommand(program);

  return program;
}

await runCli(buildCliProgram(), process.argv);
