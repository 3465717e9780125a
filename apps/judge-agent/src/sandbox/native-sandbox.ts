/**
 * The native sandbox backend (DESIGN.md "Sandbox"): bubblewrap namespaces with a minimal
 * read-only root, a leased uid per box, rlimits via prlimit, cgroup (v1 or v2) limits and
 * accounting, and a tmpfs per box. Needs root; `doctor()` says what is missing.
 */
import { chmodSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Box, DoctorReport, Sandbox } from './sandbox.js';
import type { CgroupDriver } from './cgroups/cgroup-driver.js';
import { defaultCgroupRoot, detectCgroupDriver } from './cgroups/detect-cgroups.js';
import { isLeftByDeadJudge } from './cgroups/cgroup-files.js';
import { listBoxMounts, mountBoxTmpfs, unmountBoxTmpfs } from './box-mount.js';
import { boxLayout, createNativeBox } from './native-box.js';
import { leaseUid } from './uid-pool.js';
import { runDoctor } from './sandbox-doctor.js';
import { inheritableFds } from './inherited-fds.js';

export interface NativeSandboxOptions {
  /** The judge's work directory; boxes live in `<workDir>/boxes`. Created if missing (mode 0711). */
  workDir: string;
  /** Default /sys/fs/cgroup. */
  cgroupRoot?: string;
  /** Judge-owned parent cgroup (path under the root). Default `arena-judge`. */
  cgroupParent?: string;
  /** Box uids come from [firstUid, firstUid + uidCount). Default 60000 and 1000. */
  firstUid?: number;
  uidCount?: number;
  /** Where uid leases are kept; must be the same for every judge process on the machine. */
  uidLeaseDir?: string;
  /** Size of each box's tmpfs. Default 1 GiB (pages count against the writing run's memory). */
  boxBytes?: number;
  bwrapPath?: string;
  prlimitPath?: string;
  /** How often total CPU time is read from the cgroup. Default 10 ms. */
  cpuPollIntervalMs?: number;
}

const defaults = {
  cgroupRoot: defaultCgroupRoot,
  cgroupParent: 'arena-judge',
  firstUid: 60000,
  uidCount: 1000,
  uidLeaseDir: '/run/arena-judge/uid-leases',
  boxBytes: 1024 * 1024 * 1024,
  bwrapPath: '/usr/bin/bwrap',
  prlimitPath: '/usr/bin/prlimit',
  cpuPollIntervalMs: 10,
};

/** Config files a language toolchain reads from /etc (JVM, alternatives links, the loader cache). */
function findEtcPaths(): string[] {
  const java = readdirSync('/etc').filter((name) => name.startsWith('java-')).map((name) => `/etc/${name}`);
  return ['/etc/alternatives', '/etc/ld.so.cache', ...java].filter((path) => existsSync(path));
}

/** The box uid must be able to walk down to its box: every ancestor needs the x bit for others. */
function assertTraversable(dir: string): void {
  for (let current = dir; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(`sandbox uids cannot reach boxes under ${dir}: ${current} is not searchable by others (chmod o+x)`);
    }
    if (current === dirname(current)) return;
  }
}

let sharedDevNullFd: number | null = null;

/** One /dev/null fd for the whole process (O_CLOEXEC like every fd Node opens), never closed. */
function devNull(): number {
  sharedDevNullFd ??= openSync('/dev/null', 'r');
  return sharedDevNullFd;
}

export function createNativeSandbox(options: NativeSandboxOptions): Sandbox {
  const config = { ...defaults, ...options, workDir: resolve(options.workDir) };
  const boxesDir = join(config.workDir, 'boxes');
  const etcPaths = findEtcPaths();
  let boxCount = 0;
  let prepared: Promise<{ driver: CgroupDriver }> | null = null;

  /** Detects cgroups and readies the work dir once (a failed attempt is retried next time); throws with what to fix. */
  function prepare(): Promise<{ driver: CgroupDriver }> {
    prepared ??= prepareOnce().catch((error: unknown) => {
      prepared = null;
      throw error;
    });
    return prepared;
  }

  async function prepareOnce(): Promise<{ driver: CgroupDriver }> {
    const driver = detectCgroupDriver(config.cgroupRoot, config.cgroupParent);
    driver.prepare();
    for (const dir of [config.workDir, boxesDir]) {
      mkdirSync(dir, { recursive: true, mode: 0o711 });
      chmodSync(dir, 0o711);
    }
    assertTraversable(boxesDir);
    // Boxes of judge processes that died (their names carry the pid): unmount them wherever they
    // are (a crashed test may have used another work dir), and remove those in this work dir.
    for (const mountPoint of await listBoxMounts()) {
      if (isLeftByDeadJudge(basename(dirname(mountPoint)))) await unmountBoxTmpfs(mountPoint).catch(() => undefined);
    }
    for (const name of readdirSync(boxesDir)) {
      if (!isLeftByDeadJudge(name)) continue;
      await unmountBoxTmpfs(join(boxesDir, name, 'box')).catch(() => undefined);
      await rm(join(boxesDir, name), { recursive: true, force: true });
    }
    return { driver };
  }

  async function createBox(boxOptions: { cpu?: number } = {}): Promise<Box> {
    const { cpu } = boxOptions;
    if (cpu !== undefined && !(Number.isInteger(cpu) && cpu >= 0 && cpu < availableParallelism())) {
      throw new Error(`cannot pin a box to CPU ${cpu}: this machine has CPUs 0-${availableParallelism() - 1}`);
    }
    const { driver } = await prepare();
    const lease = leaseUid({ leaseDir: config.uidLeaseDir, firstUid: config.firstUid, count: config.uidCount });
    boxCount += 1;
    const name = `${process.pid}-${boxCount}-${lease.uid}`;
    const rootDir = join(boxesDir, `box-${name}`);
    const { hostDir, scratchErrorFile } = boxLayout(rootDir);
    try {
      mkdirSync(rootDir, { mode: 0o711 });
      mkdirSync(hostDir, { mode: 0o700 });
      await mountBoxTmpfs(hostDir, lease.uid, config.boxBytes);
    } catch (error) {
      await rm(rootDir, { recursive: true, force: true }).catch(() => undefined);
      lease.release();
      throw error;
    }
    return createNativeBox({
      rootDir,
      hostDir,
      lease,
      runNamePrefix: `run-${name}`,
      runContext: {
        driver,
        uid: lease.uid,
        boxDir: hostDir,
        ...(boxOptions.cpu === undefined ? {} : { cpu: boxOptions.cpu }),
        prlimitPath: config.prlimitPath,
        bwrapPath: config.bwrapPath,
        etcPaths,
        scratchErrorFile,
        cpuPollIntervalMs: config.cpuPollIntervalMs,
        devNullFd: devNull(),
        inheritedFds: inheritableFds(),
        setupTimeoutMs: 10_000,
        cleanupTimeoutMs: 5_000,
      },
    });
  }

  const sandbox: Sandbox = {
    backend: 'native',
    createBox,
    doctor: (): Promise<DoctorReport> => runDoctor({
      bwrapPath: config.bwrapPath,
      prlimitPath: config.prlimitPath,
      prepare: async () => (await prepare()).driver.describe(),
      smokeTest: async () => {
        const box = await createBox();
        try {
          return await box.run({
            argv: ['true'],
            limits: { cpuTimeMs: 1000, wallTimeMs: 5000, memoryBytes: 64 * 1024 * 1024, processes: 4, outputBytes: 1024 },
          });
        } finally {
          await box.destroy();
        }
      },
    }),
  };
  return sandbox;
}
