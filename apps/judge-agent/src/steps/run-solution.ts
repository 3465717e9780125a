import type { BigIntStats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Box, RunResult, RunSpec } from '../sandbox/sandbox';
import { resetBox, snapshotBox, type BoxSnapshot } from './box-reset';
import type { CompiledProgram } from './compile-program';
import { wallTimeLimitMs } from './judge-constants';

export interface SolutionLimits {
  timeLimitMs: number;
  memoryLimitBytes: number;
  outputLimitBytes: number;
}

/** Where the team's output of a non-interactive run lands in its box. */
export const SOLUTION_OUTPUT_FILE = '.output';

/**
 * Runs the compiled program once in its box, in the sandbox, with the problem's limits: CPU time
 * = time limit (all processes), wall = 2 × time limit + 1 s, memory = memory limit (stack
 * included), output capped at the output limit. Stderr is discarded. Every run starts from the
 * box as it was before the program's first run (files a run wrote or changed are undone, so test
 * cases cannot pass state to each other), and a compiled executable is put back as the compiler
 * made it (root-owned, read-only to the program).
 */
export async function runSolution(program: CompiledProgram, stdin: RunSpec['stdin'], stdout: RunSpec['stdout'], limits: SolutionLimits): Promise<RunResult> {
  const keep = new Set<string>([SOLUTION_OUTPUT_FILE]);
  if (program.executable !== null) keep.add(program.executable.path);
  if (stdin && 'boxFile' in stdin) keep.add(stdin.boxFile);
  if (stdout && 'boxFile' in stdout) keep.add(stdout.boxFile);
  try {
    const snapshot = snapshots.get(program.box);
    if (snapshot === undefined) snapshots.set(program.box, await snapshotBox(program.box, keep));
    else await resetBox(program.box, snapshot, keep);
  } catch (error) {
    return { ok: false, internalError: `could not reset the box between runs: ${(error as Error).message}` };
  }
  if (program.executable !== null) {
    try {
      await restoreExecutable(program.box, program.executable);
    } catch (error) {
      return { ok: false, internalError: `could not put the executable back in the box: ${(error as Error).message}` };
    }
  }
  return program.box.run({
    argv: program.argv,
    env: program.env,
    limits: {
      cpuTimeMs: limits.timeLimitMs,
      wallTimeMs: wallTimeLimitMs(limits.timeLimitMs),
      memoryBytes: limits.memoryLimitBytes,
      processes: program.processes,
      outputBytes: limits.outputLimitBytes,
    },
    stdin,
    stdout,
    stderr: null,
  });
}

/** Each box's files before its program's first run. */
const snapshots = new WeakMap<Box, BoxSnapshot>();

/** Identity of the executable the judge last wrote into each box (so it is rewritten only when touched). */
const writtenExecutables = new WeakMap<Box, string>();

function identity(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.ctimeNs}:${info.size}:${info.uid}:${info.mode}`;
}

/**
 * Puts the executable back unless the judge's own copy is untouched. A file the judge wrote
 * (owned by the judge, mode 0755) cannot be changed in place by the program, only removed,
 * replaced or renamed over, and each of those changes its inode or its ctime.
 */
async function restoreExecutable(box: Box, executable: { path: string; content: Buffer }): Promise<void> {
  const hostPath = join(box.hostDir, executable.path);
  const current = await lstat(hostPath, { bigint: true }).catch(() => null);
  if (current !== null && current.isFile() && writtenExecutables.get(box) === identity(current)) return;
  await box.writeFile(executable.path, executable.content, 0o755);
  writtenExecutables.set(box, identity(await lstat(hostPath, { bigint: true })));
}
