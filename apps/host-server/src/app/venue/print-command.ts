import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a print command gets: the job's text and the values of its argv placeholders. */
export interface PrintInput {
  text: string;
  title: string;
  teamId: string;
  filename: string;
}

export type PrintOutcome = { ok: true } | { ok: false; error: string };

/** Output kept from a print command (per stream), for the console's error text. */
const MAX_OUTPUT_CHARS = 4000;

/** A file name safe to create in our own temp folder (the team chose the original). */
function safeFileName(filename: string): string {
  const cleaned = filename.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_').slice(0, 100);
  return cleaned === '' ? 'print.txt' : cleaned;
}

/**
 * Runs a print command: `argv` is spawned directly (never through a shell), with the placeholders
 * `{file}`, `{title}`, `{team}` and `{filename}` replaced inside each argument; the text is also
 * written to its stdin. Resolves (never rejects) with ok on exit status 0, else with an error
 * that says why (not found, exit status, signal, timeout) followed by what it wrote to stderr
 * and stdout. A command still running after `timeoutMs` is killed.
 */
export function runPrintCommand(argv: readonly string[], input: PrintInput, options: { timeoutMs: number; tempRoot: string }): Promise<PrintOutcome> {
  const usesFile = argv.some((a) => a.includes('{file}'));
  let tempDir: string | null = null;
  let filePath = '';
  if (usesFile) {
    mkdirSync(options.tempRoot, { recursive: true });
    tempDir = mkdtempSync(join(options.tempRoot, 'print-'));
    filePath = join(tempDir, safeFileName(input.filename));
    writeFileSync(filePath, input.text, { mode: 0o600 });
  }
  const values: Record<string, string> = { '{file}': filePath, '{title}': input.title, '{team}': input.teamId, '{filename}': input.filename };
  const args = argv.map((a) => a.replace(/\{(file|title|team|filename)\}/g, (m) => values[m] ?? m));
  const [command, ...rest] = args as [string, ...string[]];

  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    let timedOut = false;
    const finish = (outcome: PrintOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
      resolve(outcome);
    };
    const output = (): string => {
      const parts = [stderr.trim(), stdout.trim()].filter((p) => p !== '');
      return parts.length > 0 ? `: ${parts.join('\n')}` : '';
    };
    const child = spawn(command, rest, { shell: false, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { if (stdout.length < MAX_OUTPUT_CHARS) stdout += chunk.slice(0, MAX_OUTPUT_CHARS - stdout.length); });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { if (stderr.length < MAX_OUTPUT_CHARS) stderr += chunk.slice(0, MAX_OUTPUT_CHARS - stderr.length); });
    child.stdin.on('error', () => {
      // The command did not read its stdin (it prints {file}): not a failure by itself.
    });
    child.stdin.end(input.text);
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish({ ok: false, error: err.code === 'ENOENT' ? `print command not found: ${command}` : `print command ${command} could not start: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      if (timedOut) finish({ ok: false, error: `print command ${command} timed out after ${options.timeoutMs} ms${output()}` });
      else if (code === 0) finish({ ok: true });
      else if (code !== null) finish({ ok: false, error: `print command ${command} exited with status ${code}${output()}` });
      else finish({ ok: false, error: `print command ${command} was killed by ${signal ?? 'a signal'}${output()}` });
    });
  });
}
