import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { LANGUAGES, type LanguageDefinition } from '../../languages/languages';
import type { Sandbox } from '../../sandbox/sandbox';
import { compileProgram } from '../../steps/compile-program';
import { runSolution, SOLUTION_OUTPUT_FILE } from '../../steps/run-solution';
import { createLocalSandbox, EXIT_FAILURE, printResult, withJsonOption, withSandboxOptions } from '../cli-support';
import { missingExecutables } from '../language-availability';

/** A program per language that prints `ok`, to prove compiler and runtime work in the sandbox. */
const HELLO: Readonly<Record<string, { file: string; source: string }>> = {
  c: { file: 'hello.c', source: '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n' },
  cpp: { file: 'hello.cpp', source: '#include <iostream>\nint main() { std::cout << "ok\\n"; }\n' },
  java: { file: 'Hello.java', source: 'public class Hello { public static void main(String[] a) { System.out.println("ok"); } }\n' },
  python3: { file: 'hello.py', source: 'print("ok")\n' },
  javascript: { file: 'hello.js', source: 'console.log("ok");\n' },
  kotlin: { file: 'hello.kt', source: 'fun main() { println("ok") }\n' },
  rust: { file: 'hello.rs', source: 'fn main() { println!("ok"); }\n' },
  go: { file: 'hello.go', source: 'package main\nimport "fmt"\nfunc main() { fmt.Println("ok") }\n' },
};

interface LanguageCheck {
  language: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/** `judge doctor`: can this machine sandbox, and which languages work in the sandbox? */
export function registerDoctorCommand(program: Command): void {
  const command = program.command('doctor').description('check the sandbox and every language\'s compiler, and say what to install');
  withSandboxOptions(withJsonOption(command)).action(async (options: { json?: boolean; workDir: string }) => {
    const sandbox = createLocalSandbox(options);
    const report = await sandbox.doctor();
    const languages: LanguageCheck[] = [];
    for (const language of LANGUAGES) languages.push(report.ok ? await checkLanguage(sandbox, language) : notTried(language));
    const ok = report.ok && languages.filter((check) => ['c', 'cpp', 'java', 'python3', 'javascript'].includes(check.language)).every((check) => check.ok);
    const lines = ['sandbox:'];
    for (const check of report.checks) lines.push(`  ${check.ok ? 'ok ' : 'NO '} ${check.name}: ${check.detail}${check.fix ? `\n       fix: ${check.fix}` : ''}`);
    lines.push('languages:');
    for (const check of languages) lines.push(`  ${check.ok ? 'ok ' : 'NO '} ${check.language}: ${check.detail}${check.fix ? `\n       fix: ${check.fix}` : ''}`);
    printResult(options.json === true, { ok, sandbox: report, languages }, lines.join('\n'));
    if (!ok) process.exitCode = EXIT_FAILURE;
  });
}

function notTried(language: LanguageDefinition): LanguageCheck {
  return { language: language.id, ok: false, detail: 'not tried: the sandbox does not work' };
}

async function checkLanguage(sandbox: Sandbox, language: LanguageDefinition): Promise<LanguageCheck> {
  const missing = missingExecutables(language);
  if (missing.length > 0) return { language: language.id, ok: false, detail: `${missing.join(', ')} not found in /usr/bin or /bin`, fix: `apt-get install -y ${language.aptPackage}` };
  const hello = HELLO[language.id];
  if (hello === undefined) return { language: language.id, ok: true, detail: 'installed (no test program)' };
  const dir = await mkdtemp(join(tmpdir(), 'arena-doctor-'));
  const box = await sandbox.createBox();
  try {
    await writeFile(join(dir, hello.file), hello.source);
    const compiled = await compileProgram(box, language, [{ path: hello.file, hostPath: join(dir, hello.file) }], { entryPoint: null, compileTimeLimitMs: 60_000, runMemoryLimitBytes: 512 * 1048576 });
    if (!compiled.ok) return { language: language.id, ok: false, detail: compiled.internalError };
    if (!compiled.compiled) return { language: language.id, ok: false, detail: `a hello-world does not compile: ${compiled.output.slice(0, 500)}`, fix: `apt-get install -y ${language.aptPackage}` };
    const run = await runSolution(compiled.program, null, { boxFile: SOLUTION_OUTPUT_FILE }, { timeLimitMs: 5000, memoryLimitBytes: 512 * 1048576, outputLimitBytes: 1 << 20 });
    if (!run.ok) return { language: language.id, ok: false, detail: run.internalError };
    const output = (await box.readFile(SOLUTION_OUTPUT_FILE, 100))?.toString('utf8').trim();
    if (run.outcome.kind !== 'exited' || run.outcome.exitCode !== 0 || output !== 'ok') {
      return { language: language.id, ok: false, detail: `a hello-world ran badly: ${run.outcome.kind} exit ${run.outcome.exitCode}, output ${JSON.stringify(output)}` };
    }
    const compileMs = compiled.outcome === null ? 0 : Math.round(compiled.outcome.wallTimeMs);
    return { language: language.id, ok: true, detail: `compiles (${compileMs} ms) and runs (${Math.round(run.outcome.wallTimeMs)} ms) in the sandbox` };
  } finally {
    await box.destroy().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
