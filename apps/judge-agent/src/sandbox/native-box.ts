/**
 * A box of the native backend: a private tmpfs working directory owned by a leased uid, and
 * runs that happen one at a time (a box has one uid; run two programs at once in two boxes).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Box, RunResult, RunSpec } from './sandbox.js';
import { boxFileMethods } from './box-files.js';
import { unmountBoxTmpfs } from './box-mount.js';
import { runNative, type RunContext } from './native-run.js';
import type { UidLease } from './uid-pool.js';

export interface NativeBoxParts {
  /** Directory holding the box mount and judge-only scratch files. */
  rootDir: string;
  hostDir: string;
  lease: UidLease;
  /** Everything a run needs except the per-run name. */
  runContext: Omit<RunContext, 'runName'>;
  /** Prefix of the cgroup names of this box's runs. */
  runNamePrefix: string;
}

export function createNativeBox(parts: NativeBoxParts): Box {
  let running: Promise<RunResult> | null = null;
  let runCount = 0;
  let destroyed: Promise<void> | null = null;
  const { hostDir } = parts;

  const assertUsable = () => {
    if (destroyed) throw new Error('box was destroyed');
    if (running) throw new Error('box is busy with a run: put files in only between runs');
  };

  return {
    hostDir,
    ...boxFileMethods(hostDir, assertUsable),
    async run(spec: RunSpec) {
      if (destroyed) return { ok: false, internalError: 'native sandbox: box was destroyed' };
      if (running) return { ok: false, internalError: 'native sandbox: box is already running a program' };
      runCount += 1;
      running = runNative({ ...parts.runContext, runName: `${parts.runNamePrefix}-${runCount}` }, spec);
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    destroy() {
      destroyed ??= (async () => {
        if (running) await running;
        await unmountBoxTmpfs(hostDir);
        await rm(parts.rootDir, { recursive: true, force: true });
        parts.lease.release();
      })();
      return destroyed;
    },
  };
}

/** Paths of a box's pieces under its root directory. */
export function boxLayout(rootDir: string): { hostDir: string; scratchErrorFile: string } {
  return { hostDir: join(rootDir, 'box'), scratchErrorFile: join(rootDir, 'stderr') };
}
