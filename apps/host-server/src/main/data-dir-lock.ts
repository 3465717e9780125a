import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../app/errors';

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** Path of the pid file a running host keeps in its data directory. */
export function lockFilePath(dataDir: string): string {
  return join(dataDir, 'host.pid');
}

/**
 * Returns the pid of a live host serving `dataDir`, or null. A pid file left by a host that died
 * (kill -9, power loss) names a dead process and counts as no host.
 */
export function runningHostPid(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(lockFilePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  return isAlive(pid) && looksLikeArenaHost(pid) ? pid : null;
}

/**
 * Marks `dataDir` as served by this process (pid file). Throws AppError `conflict` when another
 * live host already serves it. A stale pid file from a dead host is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockFilePath(dataDir);
  const other = runningHostPid(dataDir);
  if (other !== null) throw new AppError('conflict', `another Arena host (pid ${other}) is running on ${dataDir}; stop it first`);
  rmSync(path, { force: true });
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError('conflict', `another Arena host is starting on ${dataDir} right now; stop it first`);
    }
    throw err;
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      try {
        if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true });
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

/**
 * After a crash the pid in a stale lock file may have been reused by an unrelated process
 * (common in containers). Where /proc exists, only a process running an Arena `serve`/`start`/
 * `restore` command counts; elsewhere any live process does (refusing is the safe side).
 */
function looksLikeArenaHost(pid: number): boolean {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return true;
  }
  return args.some((arg) => arg === 'serve' || arg === 'start' || arg === 'restore');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
