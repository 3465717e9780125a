import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, createLocalSandbox, EXIT_FAILURE, logLine, parsePositiveInteger, parseSeconds, printResult, withJsonOption, withSandboxOptions } from '../cli-support';
import { loadProblemPackage, ProblemPackageError } from '../problem-package';
import { verifyProblem, type VerifyReport } from '../verify-problem';

interface VerifyCommandOptions {
  timeLimit?: number;
  parallel: number;
  json?: boolean;
  workDir: string;
}

/**
 * `judge verify-problem DIR [--json]`: judges every submission under submissions/<folder>/ and
 * reports each verdict that differs from the folder's (exit 1 if any), plus a time limit
 * suggestion from the accepted runs.
 */
export function registerVerifyProblemCommand(program: Command): void {
  const command = program.command('verify-problem')
    .description('judge every example submission of a problem package and report mismatches')
    .argument('<dir>', 'problem package directory')
    .option('--time-limit <seconds>', 'time limit in seconds (overrides the package; else derived)', parseSeconds)
    .option('--parallel <n>', 'submissions judged at once (one CPU each)', parsePositiveInteger, 1);
  withSandboxOptions(withJsonOption(command)).action(async (dir: string, options: VerifyCommandOptions) => {
    let pkg;
    try {
      pkg = await loadProblemPackage(resolve(dir));
    } catch (error) {
      if (error instanceof ProblemPackageError) throw new CliError(error.message);
      throw error;
    }
    const report = await verifyProblem(pkg, {
      sandbox: createLocalSandbox(options),
      ...(options.timeLimit !== undefined ? { timeLimitMs: options.timeLimit } : {}),
      parallel: options.parallel,
      log: logLine,
    });
    printResult(options.json === true, report, describe(report));
    if (report.mismatches > 0) process.exitCode = EXIT_FAILURE;
  });
}

function describe(report: VerifyReport): string {
  const lines = [`${report.problem}: time limit ${report.timeLimitMs} ms (${report.timeLimitSource})`];
  for (const submission of report.submissions) {
    const mark = submission.verdict === null ? 'skip' : submission.ok ? 'ok' : 'MISMATCH';
    const expected = submission.expected ?? 'any';
    lines.push(`  ${mark.padEnd(8)} ${submission.path}: expected ${expected}, got ${submission.verdict ?? '-'}${submission.score !== undefined ? ` (score ${submission.score})` : ''}  ${submission.maxCpuTimeMs} ms${submission.note ? `  ${submission.note.split('\n')[0]}` : ''}`);
  }
  if (report.suggestion !== null) {
    const s = report.suggestion;
    lines.push(`suggested time limit: ${s.timeLimitMs / 1000} s (slowest accepted ${s.slowestAcceptedMs} ms × ${s.timeMultiplier}, rounded up; time_limit_exceeded must exceed ${s.tleCheckLimitMs / 1000} s)`);
  } else {
    lines.push('no accepted run: no time limit suggestion');
  }
  lines.push(report.mismatches === 0 ? 'all submissions got their expected verdicts' : `${report.mismatches} submission(s) did not get their expected verdict`);
  return lines.join('\n');
}
