/**
 * What the native sandbox needs from the kernel's control groups, for one run: limits, joining,
 * accounting, OOM detection and a kill-everything cleanup. One implementation per cgroup version
 * (`cgroup-v1.ts`, `cgroup-v2.ts`); `detect-cgroups.ts` picks one at start.
 *
 * Every method may throw on an I/O error; the caller turns that into a sandbox (infrastructure)
 * failure, never into a verdict.
 */
export interface CgroupDriver {
  readonly version: 1 | 2;
  /** Human-readable list of the directories in use, for `doctor()` and error messages. */
  describe(): string;
  /** Creates the judge-owned parent group(s) if missing and removes empty groups left by dead judges. */
  prepare(): void;
  /** Creates a fresh group for one run with its limits set. `name` must be unique among live runs. */
  createRunGroup(name: string, limits: RunGroupLimits): RunCgroup;
}

export interface RunGroupLimits {
  memoryBytes: number;
  /** pids.max: every process and thread in the group, including the sandbox's own init. */
  tasks: number;
  /** Pin to this CPU (cpuset), if set. */
  cpu?: number;
}

export interface RunCgroup {
  /** Moves one process into the group; the children it creates afterwards are born inside. */
  join(pid: number): void;
  /** Total CPU time (user + system) of every task that ever ran in the group, in nanoseconds. */
  cpuUsageNs(): number;
  /** Highest memory usage seen (kernel peak counter, or the maximum of samples where absent). */
  peakMemoryBytes(): number;
  /** How many processes the kernel's OOM killer killed in this group. */
  oomKillCount(): number;
  /** Pids (host namespace) currently in the group. */
  pids(): number[];
  /** SIGKILLs every process in the group now (cgroup.kill on v2), without waiting. */
  killAll(): void;
  /**
   * SIGKILLs every process in the group until it is empty, then removes the group.
   * Rejects if the group cannot be emptied or removed within `timeoutMs`. Idempotent.
   */
  destroy(timeoutMs: number): Promise<void>;
}
