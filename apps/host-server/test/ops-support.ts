import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** Repository root (where `node --import tsx` resolves the workspace). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_PATH = fileURLToPath(new URL('../src/main/cli.ts', import.meta.url));

export interface ListeningLine {
  event: 'listening';
  url: string;
  port: number;
  pid: number;
  tls: boolean;
  fingerprint: string | null;
  judgeKeyPath: string | null;
}

export interface HostProcess {
  readonly child: ChildProcess;
  readonly listening: ListeningLine;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Every line the process wrote to stdout so far. */
  stdoutLines(): string[];
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_PATH, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Spawns `serve --json ...` and waits for its listening line on stdout. Rejects with the
 * process's stderr if it exits first.
 */
export function spawnHost(args: string[]): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_PATH, 'serve', '--json', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const stdoutLines: string[] = [];
    lines.on('line', (line) => {
      stdoutLines.push(line);
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        reject(new Error(`host wrote a non-JSON line to stdout: ${line}`));
        return;
      }
      if ((parsed as { event?: unknown }).event === 'listening') {
        resolve({ child, listening: parsed as ListeningLine, stderr: () => stderr, stdoutLines: () => [...stdoutLines], exited });
      }
    });
    void exited.then((code) => reject(new Error(`host exited (${code}) before listening:\n${stderr}`)));
  });
}

/** Stops a host process started by `spawnHost` if it is still running (SIGKILL) and waits. */
export async function killHost(host: HostProcess | undefined): Promise<void> {
  if (!host) return;
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
  await host.exited;
}
