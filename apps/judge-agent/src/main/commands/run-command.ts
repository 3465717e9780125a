import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { findLanguage, languageForFile } from '../../languages/languages';
import { CliError, createLocalSandbox, logLine, parseSeconds, printResult, withJsonOption, withSandboxOptions, EXIT_FAILURE } from '../cli-support';
import { judgeLocally, type LocalTestcaseReport } from '../judge-local';
import { missingExecutables } from '../language-availability';
import { createLocalFileStore } from '../local-file-store';
import { loadProblemPackage, ProblemPackageError, type ProblemPackage } from '../problem-package';
import { verifyProblem } from '../verify-problem';
import type { Sandbox } from '../../sandbox/sandbox';

interface RunOptions {
  problem: string;
  language?: string;
  entryPoint?: string;
  timeLimit?: number;
  json?: boolean;
  workDir: string;
}

/**
 * `judge run --problem DIR --language ID [--json] FILE...`: judges source files against a Kattis
 * problem package directory, with no host. Prints {verdict, score?, testcases, compileOutput}.
 * The time limit is --time-limit, else the package's, else (legacy packages) derived from the
 * package's accepted submissions.
 */
export function registerRunCommand(program: Command): void {
  const command = program.command('run')
    .description('judge source file(s) against a Kattis problem package directory')
    .argument('<files...>', 'source file(s) of the submission')
    .requiredOption('--problem <dir>', 'problem package directory')
    .option('--language <id>', 'language id (c, cpp, java, python3, javascript, ...); default from the file extension')
    .option('--entry-point <name>', 'entry point (Java main class, or main file)')
    .option('--time-limit <seconds>', 'time limit in seconds (overrides the package)', parseSeconds);
  withSandboxOptions(withJsonOption(command)).action(async (files: string[], options: RunOptions) => {
    const language = options.language !== undefined ? findLanguage(options.language) : languageForFile(files[0] ?? '');
    if (language === undefined) throw new CliError(options.language !== undefined ? `unknown language ${JSON.stringify(options.language)}` : 'cannot tell the language from the file name: pass --language');
    const missing = missingExecutables(language);
    if (missing.length > 0) throw new CliError(`${language.name} is not installed here (${missing.join(', ')} missing): apt-get install ${language.aptPackage}`);
    let pkg;
    try {
      pkg = await loadProblemPackage(resolve(options.problem));
    } catch (error) {
      if (error instanceof ProblemPackageError) throw new CliError(error.message);
      throw error;
    }
    const sandbox = createLocalSandbox(options);
    const timeLimitMs = options.timeLimit ?? pkg.timeLimitMs ?? (await deriveTimeLimit(pkg, sandbox));
    const store = createLocalFileStore();
    try {
      logLine(`judging ${files.join(' ')} (${language.id}) on ${pkg.name}, time limit ${timeLimitMs} ms`);
      const judgement = await judgeLocally(pkg, {
        languageId: language.id,
        entryPoint: options.entryPoint ?? null,
        files: files.map((file) => ({ path: basename(file), hostPath: resolve(file) })),
      }, {
        sandbox,
        store,
        timeLimitMs,
        onTestcase: (testcase) => logLine(`  ${testcase.name}: ${testcase.verdict} ${testcase.cpuTimeMs} ms`),
      });
      if (!judgement.ok) {
        printResult(options.json === true, { verdict: 'JE', error: judgement.failure }, `JE (judging error): ${judgement.failure}`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      const result = {
        verdict: judgement.verdict,
        ...(judgement.score !== undefined ? { score: judgement.score } : {}),
        testcases: judgement.testcases.map(({ name, verdict, cpuTimeMs, wallTimeMs, memoryBytes }) => ({ name, verdict, cpuTimeMs, wallTimeMs, memoryBytes })),
        compileOutput: judgement.compileOutput,
      };
      printResult(options.json === true, result, describe(judgement.verdict, judgement.score, judgement.testcases, judgement.compileOutput));
    } finally {
      await store.close();
    }
  });
}

/** A legacy package sets no time limit: derive it the Kattis way from its accepted submissions. */
async function deriveTimeLimit(pkg: ProblemPackage, sandbox: Sandbox): Promise<number> {
  logLine(`${pkg.name} sets no time limit: deriving one from submissions/accepted (or pass --time-limit SECONDS)`);
  const report = await verifyProblem(pkg, { sandbox, onlyAccepted: true, log: logLine });
  if (report.suggestion === null) throw new CliError(`${pkg.name}: the package sets no time limit and has no accepted submission to derive one from: pass --time-limit SECONDS`);
  logLine(`derived time limit: ${report.suggestion.timeLimitMs} ms (slowest accepted ${report.suggestion.slowestAcceptedMs} ms × ${report.suggestion.timeMultiplier})`);
  return report.suggestion.timeLimitMs;
}

function describe(verdict: string, score: number | undefined, testcases: LocalTestcaseReport[], compileOutput: string): string {
  const lines = [`${verdict}${score !== undefined ? ` (score ${score})` : ''}`];
  for (const testcase of testcases) {
    lines.push(`  ${testcase.verdict.padEnd(3)} ${testcase.name}  cpu ${testcase.cpuTimeMs} ms  wall ${testcase.wallTimeMs} ms  mem ${(testcase.memoryBytes / 1048576).toFixed(1)} MiB${testcase.judgeMessage ? `  ${testcase.judgeMessage.split('\n')[0]}` : ''}`);
  }
  if (compileOutput.trim() !== '') lines.push('compiler output:', compileOutput.trimEnd());
  return lines.join('\n');
}
