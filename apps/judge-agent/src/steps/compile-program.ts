import { readFile } from 'node:fs/promises';
import type { LanguageDefinition } from '../languages/languages';
import type { Box, ExecOutcome } from '../sandbox/sandbox';
import { expandTemplate, resolveEntryPoint, type SourceFile } from '../domain/command-template';
import { compileFailureNote, compileSucceeded } from '../domain/determine-verdict';
import { COMPILE_MEMORY_BYTES, COMPILE_MESSAGE_MAX_BYTES, COMPILE_OUTPUT_BYTES, COMPILE_PROCESSES, truncateText, wallTimeLimitMs } from './judge-constants';

/** A source file to put in the box: its path there and where its bytes are on the host. */
export interface ProgramSource {
  path: string;
  hostPath: string;
}

/** A program ready to run in its box. */
export interface CompiledProgram {
  box: Box;
  language: LanguageDefinition;
  argv: string[];
  env: Record<string, string>;
  processes: number;
  /**
   * The compiled executable (`./name` programs), kept by the judge and put back before every run:
   * a program that deletes or rewrites its own binary cannot turn the next run into a judging
   * error or into a different program.
   */
  executable: { path: string; content: Buffer } | null;
}

export type CompileStepResult =
  | { ok: true; compiled: true; program: CompiledProgram; output: string; outcome: ExecOutcome | null }
  | { ok: true; compiled: false; output: string; outcome: ExecOutcome | null }
  | { ok: false; internalError: string };

export interface CompileOptions {
  entryPoint: string | null;
  compileTimeLimitMs: number;
  /** Memory limit the program will RUN with (JVM flags are derived from it). */
  runMemoryLimitBytes: number;
}

/** Path segments a submitted file may use: no `..`, no hidden names (the judge's own files start with `.`). */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
const MAX_SOURCE_BYTES_READ = 4 * 1048576;
/** Bigger executables than this are not kept (they stay a compile error). */
const MAX_EXECUTABLE_BYTES = 256 * 1048576;

/** True if `path` is a relative path made of safe segments. */
export function isSafeSourcePath(path: string): boolean {
  return path.length > 0 && path.length <= 255 && path.split('/').every((segment) => SAFE_SEGMENT.test(segment) && segment !== '..');
}

/**
 * Puts the sources in `box` and compiles them there, in the sandbox, with the compile limits
 * (CPU and wall `compileTimeLimitMs`, 2 GiB memory). A compiler failing, hitting a limit or an
 * unresolvable entry point is a compile error (`compiled: false`, messages for the team cut to
 * 64 KiB); only a sandbox failure is `ok: false`. Languages without a compile step "compile"
 * without running anything.
 */
export async function compileProgram(box: Box, language: LanguageDefinition, sources: readonly ProgramSource[], options: CompileOptions): Promise<CompileStepResult> {
  const bad = sources.find((source) => !isSafeSourcePath(source.path));
  if (bad !== undefined) return { ok: true, compiled: false, output: `Invalid file name ${JSON.stringify(bad.path)}: use letters, digits, _ . + - and /.\n`, outcome: null };
  const files: SourceFile[] = [];
  try {
    for (const source of sources) {
      await box.copyIn(source.hostPath, source.path, 0o644);
      const bytes = await readFile(source.hostPath);
      files.push({ path: source.path, content: bytes.subarray(0, MAX_SOURCE_BYTES_READ).toString('utf8') });
    }
  } catch (error) {
    return { ok: false, internalError: `could not put the sources in the box: ${(error as Error).message}` };
  }
  const entry = resolveEntryPoint(files, options.entryPoint, language.entryPoint);
  if (!entry.ok) return { ok: true, compiled: false, output: `${entry.error}\n`, outcome: null };
  const ownFiles = files.map((file) => file.path).filter((path) => language.extensions.some((extension) => path.endsWith(`.${extension}`)));
  const values = { files: ownFiles.length > 0 ? ownFiles : [entry.main], main: entry.main, entry: entry.entry };
  let argv: string[];
  let compileArgv: string[] | null;
  try {
    argv = expandTemplate(language.run, { ...values, memoryLimitBytes: options.runMemoryLimitBytes });
    compileArgv = language.compile === null ? null : expandTemplate(language.compile, { ...values, memoryLimitBytes: COMPILE_MEMORY_BYTES });
  } catch (error) {
    return { ok: false, internalError: `language ${language.id}: ${(error as Error).message}` };
  }
  const env = { ...language.env };
  const program: CompiledProgram = { box, language, argv, env, processes: language.runProcesses, executable: null };
  if (compileArgv === null) return { ok: true, compiled: true, program, output: '', outcome: null };

  const limits = { cpuTimeMs: options.compileTimeLimitMs, memoryBytes: COMPILE_MEMORY_BYTES };
  const run = await box.run({
    argv: compileArgv,
    env,
    limits: { cpuTimeMs: limits.cpuTimeMs, wallTimeMs: wallTimeLimitMs(limits.cpuTimeMs), memoryBytes: limits.memoryBytes, processes: COMPILE_PROCESSES, outputBytes: COMPILE_OUTPUT_BYTES },
    stdin: null,
    stdout: { boxFile: '.compile-stdout' },
    stderr: { boxFile: '.compile-stderr' },
  });
  if (!run.ok) return { ok: false, internalError: `sandbox failed while compiling: ${run.internalError}` };
  let messages: string;
  try {
    const stdout = await box.readFile('.compile-stdout', COMPILE_MESSAGE_MAX_BYTES);
    const stderr = await box.readFile('.compile-stderr', COMPILE_MESSAGE_MAX_BYTES);
    messages = Buffer.concat([stdout ?? Buffer.alloc(0), stderr ?? Buffer.alloc(0)]).subarray(0, COMPILE_MESSAGE_MAX_BYTES).toString('utf8');
  } catch (error) {
    return { ok: false, internalError: `could not read the compiler's messages: ${(error as Error).message}` };
  }
  const compileLimits = { timeLimitMs: limits.cpuTimeMs, memoryLimitBytes: limits.memoryBytes };
  if (!compileSucceeded(run.outcome)) {
    return { ok: true, compiled: false, output: truncateText(compileFailureNote(run.outcome, compileLimits) + messages, COMPILE_MESSAGE_MAX_BYTES), outcome: run.outcome };
  }
  const executablePath = argv[0]?.startsWith('./') ? argv[0].slice(2) : null;
  if (executablePath !== null) {
    const content = await box.readFile(executablePath, MAX_EXECUTABLE_BYTES).catch(() => null);
    if (content === null) return { ok: true, compiled: false, output: truncateText(`The compiler produced no ${executablePath}.\n${messages}`, COMPILE_MESSAGE_MAX_BYTES), outcome: run.outcome };
    program.executable = { path: executablePath, content };
  }
  return { ok: true, compiled: true, program, output: messages, outcome: run.outcome };
}
