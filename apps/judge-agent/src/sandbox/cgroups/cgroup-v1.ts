/**
 * cgroup v1 (one hierarchy per controller, e.g. Debian's "hybrid" layout): a run gets a group
 * in each of memory, pids and cpuacct (plus cpuset when pinned), all under a judge-owned
 * parent named `parentName`.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CgroupDriver, RunCgroup, RunGroupLimits } from './cgroup-driver.js';
import {
  emptyAndRemove, isLeftByDeadJudge, killPids, parseKeyValueLines, readControl, readIntControl, readPids, writeControl,
} from './cgroup-files.js';

const requiredControllers = ['memory', 'pids', 'cpuacct'] as const;

/** True if `root` looks like a v1 mount with every controller the sandbox needs. */
export function hasCgroupV1Controllers(root: string): boolean {
  return requiredControllers.every((name) => existsSync(join(root, name, 'cgroup.procs')));
}

export function createCgroupV1Driver(root: string, parentName: string): CgroupDriver {
  const parent = (controller: string) => join(root, controller, parentName);
  const hasCpuset = existsSync(join(root, 'cpuset', 'cpuset.cpus'));

  function prepare(): void {
    for (const controller of requiredControllers) mkdirSync(parent(controller), { recursive: true });
    if (hasCpuset && !existsSync(parent('cpuset'))) {
      mkdirSync(parent('cpuset'));
      // A v1 cpuset group accepts tasks only once cpus and mems are set.
      writeControl(join(parent('cpuset'), 'cpuset.cpus'), readControl(join(root, 'cpuset', 'cpuset.cpus')).trim());
      writeControl(join(parent('cpuset'), 'cpuset.mems'), readControl(join(root, 'cpuset', 'cpuset.mems')).trim());
    }
    for (const controller of [...requiredControllers, ...(hasCpuset ? ['cpuset'] : [])]) {
      for (const entry of readdirSync(parent(controller), { withFileTypes: true })) {
        if (!entry.isDirectory() || !isLeftByDeadJudge(entry.name)) continue;
        const dir = join(parent(controller), entry.name);
        void emptyAndRemove([join(dir, 'cgroup.procs')], [dir], 1000).catch(() => undefined);
      }
    }
  }

  function createRunGroup(name: string, limits: RunGroupLimits): RunCgroup {
    const controllers: string[] = [...requiredControllers];
    if (limits.cpu !== undefined) {
      if (!hasCpuset) throw new Error('CPU pinning needs the cpuset cgroup controller, which is not mounted');
      controllers.push('cpuset');
    }
    const dirs = controllers.map((controller) => join(parent(controller), name));
    const dir = (controller: string) => join(parent(controller), name);
    try {
      for (const path of dirs) mkdirSync(path);
      const memory = dir('memory');
      writeControl(join(memory, 'memory.limit_in_bytes'), limits.memoryBytes);
      // Without swap accounting a program could page out past the limit; with it, forbid swap.
      if (existsSync(join(memory, 'memory.memsw.limit_in_bytes'))) {
        writeControl(join(memory, 'memory.memsw.limit_in_bytes'), limits.memoryBytes);
      }
      writeControl(join(dir('pids'), 'pids.max'), limits.tasks);
      if (limits.cpu !== undefined) {
        writeControl(join(dir('cpuset'), 'cpuset.mems'), readControl(join(parent('cpuset'), 'cpuset.mems')).trim());
        writeControl(join(dir('cpuset'), 'cpuset.cpus'), limits.cpu);
      }
    } catch (error) {
      void emptyAndRemove([], dirs, 500).catch(() => undefined);
      throw error;
    }
    const procsFiles = dirs.map((path) => join(path, 'cgroup.procs'));
    let destroyed: Promise<void> | null = null;
    return {
      join(pid) {
        for (const procs of procsFiles) writeControl(procs, pid);
      },
      cpuUsageNs: () => readIntControl(join(dir('cpuacct'), 'cpuacct.usage')),
      peakMemoryBytes: () => readIntControl(join(dir('memory'), 'memory.max_usage_in_bytes')),
      oomKillCount() {
        const control = parseKeyValueLines(readControl(join(dir('memory'), 'memory.oom_control')));
        const kills = control.get('oom_kill');
        if (kills !== undefined) return kills;
        // Kernels before 4.13 lack the counter: a process stuck under OOM is the best sign.
        return control.get('under_oom') ?? 0;
      },
      pids: () => [...new Set(procsFiles.flatMap(readPids))],
      killAll: () => killPids([...new Set(procsFiles.flatMap(readPids))]),
      destroy(timeoutMs) {
        destroyed ??= emptyAndRemove(procsFiles, dirs, timeoutMs);
        return destroyed;
      },
    };
  }

  return {
    version: 1,
    describe: () => `cgroup v1: ${[...requiredControllers, ...(hasCpuset ? ['cpuset'] : [])].map(parent).join(', ')}`,
    prepare,
    createRunGroup,
  };
}
