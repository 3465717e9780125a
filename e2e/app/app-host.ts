import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from '../contest/contest-client';

/** The host CLI, run as its own process (e2e never imports an app's code). */
const HOST_CLI = join(REPO, 'apps/host-server/src/main/cli.ts');
/** The contestant renderer's browser build the host serves at /app. */
export const APP_DIST_INDEX = join(REPO, 'apps/contestant-desktop/dist/web/index.html');

export interface RunningHost {
  child: ChildProcess;
  url: string;
  stderr(): string;
  exited: Promise<number | string>;
}

/** Runs a host CLI command to completion. */
export async function hostCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOST_CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** `serve --json ARGS`: resolves once the host printed its listening line (with its URL). */
export function startHost(args: string[]): Promise<RunningHost> {
  if (!existsSync(APP_DIST_INDEX)) throw new Error(`the contestant app is not built (${APP_DIST_INDEX}); run pnpm build first`);
  const child = spawn(process.execPath, ['--import', 'tsx', HOST_CLI, 'serve', '--json', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      let parsed: { event?: unknown; url?: unknown };
      try {
        parsed = JSON.parse(line) as { event?: unknown; url?: unknown };
      } catch {
        return;
      }
      if (parsed.event === 'listening' && typeof parsed.url === 'string') resolve({ child, url: parsed.url, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`host exited (${code}) before listening:\n${stderr}`)));
  });
}

/** Kills the host started here (by its PID) and waits for it to exit. */
export async function stopHost(host: RunningHost | undefined): Promise<void> {
  if (!host) return;
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
  await host.exited;
}
