/**
 * cgroup v2 (one unified hierarchy): a run gets one leaf group under a judge-owned parent,
 * with the memory and pids controllers (and cpuset when pinned) enabled on the way down.
 * CPU time comes from `cpu.stat`, which v2 keeps for every group.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CgroupDriver, RunCgroup, RunGroupLimits } from './cgroup-driver.js';
import {
  emptyAndRemove, isLeftByDeadJudge, killPids, parseKeyValueLines, readControl, readIntControl, readPids, writeControl,
} from './cgroup-files.js';

/** True if `root` is a cgroup v2 mount. */
export function isCgroupV2(root: string): boolean {
  return existsSync(join(root, 'cgroup.controllers'));
}

/** Controllers listed in a `cgroup.controllers` / `cgroup.subtree_control` file. */
function readControllerList(path: string): Set<string> {
  return new Set(readControl(path).split(/\s+/).filter((name) => name !== ''));
}

/** Makes sure `dir` passes `wanted` controllers on to its children. */
function enableForChildren(dir: string, wanted: string[]): void {
  const enabled = readControllerList(join(dir, 'cgroup.subtree_control'));
  const missing = wanted.filter((name) => !enabled.has(name));
  if (missing.length > 0) writeControl(join(dir, 'cgroup.subtree_control'), missing.map((name) => `+${name}`).join(' '));
}

export function createCgroupV2Driver(root: string, parentName: string): CgroupDriver {
  const parent = join(root, parentName);
  let withCpuset = false;

  function prepare(): void {
    const available = readControllerList(join(root, 'cgroup.controllers'));
    for (const needed of ['memory', 'pids']) {
      if (!available.has(needed)) throw new Error(`cgroup v2 at ${root} lacks the ${needed} controller`);
    }
    withCpuset = available.has('cpuset');
    const wanted = withCpuset ? ['memory', 'pids', 'cpuset'] : ['memory', 'pids'];
    enableForChildren(dirname(parent), wanted);
    mkdirSync(parent, { recursive: true });
    enableForChildren(parent, wanted);
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      if (!entry.isDirectory() || !isLeftByDeadJudge(entry.name)) continue;
      const dir = join(parent, entry.name);
      void emptyAndRemove([join(dir, 'cgroup.procs')], [dir], 1000).catch(() => undefined);
    }
  }

  function createRunGroup(name: string, limits: RunGroupLimits): RunCgroup {
    if (limits.cpu !== undefined && !withCpuset) throw new Error('CPU pinning needs the cpuset cgroup controller, which is not available');
    const dir = join(parent, name);
    mkdirSync(dir);
    try {
      writeControl(join(dir, 'memory.max'), limits.memoryBytes);
      if (existsSync(join(dir, 'memory.swap.max'))) writeControl(join(dir, 'memory.swap.max'), 0);
      writeControl(join(dir, 'pids.max'), limits.tasks);
      if (limits.cpu !== undefined) writeControl(join(dir, 'cpuset.cpus'), limits.cpu);
    } catch (error) {
      void emptyAndRemove([], [dir], 500).catch(() => undefined);
      throw error;
    }
    const procs = join(dir, 'cgroup.procs');
    const hasPeakFile = () => existsSync(join(dir, 'memory.peak'));
    let sampledPeakBytes = 0;
    let destroyed: Promise<void> | null = null;
    const sampleMemory = () => {
      if (!hasPeakFile()) sampledPeakBytes = Math.max(sampledPeakBytes, readIntControl(join(dir, 'memory.current')));
    };
    return {
      join: (pid) => writeControl(procs, pid),
      cpuUsageNs() {
        // The poller calls this every few ms: also the sampling point for kernels without memory.peak.
        sampleMemory();
        return (parseKeyValueLines(readControl(join(dir, 'cpu.stat'))).get('usage_usec') ?? 0) * 1000;
      },
      peakMemoryBytes() {
        if (hasPeakFile()) return readIntControl(join(dir, 'memory.peak'));
        sampleMemory();
        return sampledPeakBytes;
      },
      oomKillCount: () => parseKeyValueLines(readControl(join(dir, 'memory.events'))).get('oom_kill') ?? 0,
      pids: () => readPids(procs),
      killAll() {
        if (existsSync(join(dir, 'cgroup.kill'))) writeControl(join(dir, 'cgroup.kill'), 1);
        killPids(readPids(procs));
      },
      destroy(timeoutMs) {
        destroyed ??= (async () => {
          // cgroup.kill (Linux 5.14+) kills the whole group at once, racing no fork.
          if (existsSync(join(dir, 'cgroup.kill'))) writeControl(join(dir, 'cgroup.kill'), 1);
          await emptyAndRemove([procs], [dir], timeoutMs);
        })();
        return destroyed;
      },
    };
  }

  return { version: 2, describe: () => `cgroup v2: ${parent}`, prepare, createRunGroup };
}
