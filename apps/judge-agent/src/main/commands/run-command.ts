import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { findLanguage, languageForFile } from '../../languages/languages';
import { CliError, createLocalSandbox, logLine, parseSeconds, printResult, withJsonOption, withSandboxOptions, EXIT_FAILURE } from '../cli-support';
import { judgeLocally, type LocalTestcaseReport } from '../judge-local';
import { missingExecutables } from '../language-availability';
import { createLocalFileStore } from '../local-file-store';
import { loadProblemPackage, ProblemPackageError } from '../problem-package';

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
 * The time limit is --time-limit, else the package's; a legacy package without one needs the flag.
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
    const timeLimitMs = options.timeLimit ?? pkg.timeLimitMs;
    if (timeLimitMs === null) throw new CliError(`${pkg.name}: the package sets no time limit (legacy format): pass --time-limit SECONDS, or run verify-problem to derive one`);
    const store = createLocalFileStore();
    try {
      logLine(`judging ${files.join(' ')} (${language.id}) on ${pkg.name}, time limit ${timeLimitMs} ms`);
      const judgement = await judgeLocally(pkg, {
        languageId: language.id,
        entryPoint: options.entryPoint ?? null,
        files: files.map((file) => ({ path: basename(file), hostPath: resolve(file) })),
      }, {
        sandbox: createLocalSandbox({ workDir: options.workDir }),
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

function describe(verdict: string, score: number | undefined, testcases: LocalTestcaseReport[], compileOutput: string): string {
  const lines = [`${verdict}${score !== undefined ? ` (score ${score})` : ''}`];
  for (const testcase of testcases) {
    lines.push(`  ${testcase.verdict.padEnd(3)} ${testcase.name}  cpu ${testcase.cpuTimeMs} ms  wall ${testcase.wallTimeMs} ms  mem ${(testcase.memoryBytes / 1048576).toFixed(1)} MiB${testcase.judgeMessage ? `  ${testcase.judgeMessage.split('\n')[0]}` : ''}`);
  }
  if (compileOutput.trim() !== '') lines.push('compiler output:', compileOutput.trimEnd());
  return lines.join('\n');
}
