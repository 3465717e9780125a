/**
 * Small helpers for reading and writing cgroup control files, shared by both cgroup versions.
 * Control files are tiny kernel-backed files; synchronous access costs microseconds and keeps
 * the per-run hot path (the CPU poller) free of thread-pool round trips.
 */
import { existsSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { setImmediate as setImmediatePromise, setTimeout as sleep } from 'node:timers/promises';

export function readControl(path: string): string {
  return readFileSync(path, 'utf8');
}

export function writeControl(path: string, value: string | number): void {
  writeFileSync(path, String(value));
}

/** Reads a control file holding one integer (`max` reads as Infinity). */
export function readIntControl(path: string): number {
  const text = readControl(path).trim();
  if (text === 'max') return Number.POSITIVE_INFINITY;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${path}: expected a number, read "${text}"`);
  return value;
}

/** Parses "key value" lines (memory.events, cpu.stat, memory.oom_control) into a map. */
export function parseKeyValueLines(text: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined && /^\d+$/.test(value)) result.set(key, Number(value));
  }
  return result;
}

/** Pids listed in a `cgroup.procs` file; an absent file (group already removed) reads as none. */
export function readPids(procsPath: string): number[] {
  if (!existsSync(procsPath)) return [];
  return readControl(procsPath)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

/** SIGKILLs every pid, ignoring processes that are already gone. */
export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ESRCH: exited between listing and killing.
    }
  }
}

/**
 * Kills until every listed `cgroup.procs` is empty, then removes the directories (children
 * first as given). Retries EBUSY: tasks inside namespaces can take a few ms to leave.
 * Rejects with a clear message after `timeoutMs`.
 */
export async function emptyAndRemove(procsFiles: string[], dirs: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let attempt = 0;
  // Killed tasks leave within microseconds to a few ms: poll on the next event-loop turn at
  // first, then back off to at most 20 ms.
  const pause = () => (attempt++ < 20 ? setImmediatePromise() : sleep(Math.min(2 ** (attempt - 20), 20)));
  for (;;) {
    const alive = procsFiles.flatMap(readPids);
    if (alive.length === 0) break;
    killPids(alive);
    if (Date.now() > deadline) throw new Error(`processes ${alive.join(', ')} survived SIGKILL for ${timeoutMs} ms`);
    await pause();
  }
  for (const dir of dirs) {
    for (;;) {
      try {
        rmdirSync(dir);
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') break;
        if (code !== 'EBUSY' || Date.now() > deadline) throw new Error(`cannot remove cgroup ${dir}: ${String(error)}`);
        await pause();
      }
    }
  }
}

/**
 * Run groups and boxes are named `run-<judge pid>-…` / `box-<judge pid>-…`; one whose judge
 * process is gone was left by a crash. True if the pid in the name is no longer alive.
 */
export function isLeftByDeadJudge(name: string): boolean {
  const match = /^(?:run|box)-(\d+)-/.exec(name);
  if (!match) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

