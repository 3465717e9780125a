/**
 * Picks the cgroup driver for this machine at start: v2 when the root is a unified mount
 * (`cgroup.controllers` exists), else v1 with memory, pids and cpuacct hierarchies.
 */
import type { CgroupDriver } from './cgroup-driver.js';
import { createCgroupV1Driver, hasCgroupV1Controllers } from './cgroup-v1.js';
import { createCgroupV2Driver, isCgroupV2 } from './cgroup-v2.js';

export const defaultCgroupRoot = '/sys/fs/cgroup';

/** Throws with what is missing when neither layout is usable. */
export function detectCgroupDriver(root: string, parentName: string): CgroupDriver {
  if (isCgroupV2(root)) return createCgroupV2Driver(root, parentName);
  if (hasCgroupV1Controllers(root)) return createCgroupV1Driver(root, parentName);
  throw new Error(
    `no usable cgroups under ${root}: need cgroup v2 (cgroup.controllers) or v1 hierarchies memory, pids and cpuacct`,
  );
}
