/**
 * The create options of a judge container (pure). Everything the issue asks of a container is
 * here in one place: no network, memory = memory + swap, a pids limit, read-only root, size-capped
 * tmpfs for /tmp, no capabilities but the three the runner needs to start programs as the box's
 * non-root uid and to kill them (SETUID, SETGID, KILL), no-new-privileges, an init as PID 1, explicit
 * nofile and nproc ulimits (Podman needs both), no container log (the runner's stdout is the
 * protocol; programs write to files in the box), and never AutoRemove (exit codes get lost).
 */
import type { ContainerCreateOptions } from 'dockerode';
import { RUNNER_PATH_IN_IMAGE } from './runner-protocol.js';

/** What a container is shaped for; a run needing a different shape gets a fresh container. */
export interface ContainerShape {
  image: string;
  memoryBytes: number;
  /** Largest `processes` a run may ask for in this container. */
  processes: number;
  tmpBytes: number;
  /** Directories inside the container that hold read-only mounted files (e.g. /judge). */
  readOnlyDirs: string[];
}

export interface ContainerPlacement {
  /** Host directory mounted read-write at /box. */
  boxHostDir: string;
  /** Host directory mounted read-only at /arena-io (staged stdin files). */
  ioHostDir: string;
  /** Host staging directory for each of `shape.readOnlyDirs`, same order. */
  readOnlyHostDirs: string[];
  uid: number;
  /** Extra read-only binds "host:container" (test images made of the host's /usr). */
  extraBinds: string[];
  cpu?: number;
  labels: Record<string, string>;
}

/** Added to a run's memory limit for the runner and the init: none, so a program never gets more than its limit (it gets ~1 MiB less). */
export const RUNNER_MEMORY_BYTES = 0;
/** Processes of the container beside the run: init, the runner and its scratch cleaner. */
export const HELPER_PROCESSES = 3;
export const OPEN_FILES_LIMIT = 256;
export const IO_DIR_IN_CONTAINER = '/arena-io';

export function shapeKey(shape: ContainerShape): string {
  return JSON.stringify([shape.image, shape.memoryBytes, shape.processes, shape.tmpBytes, [...shape.readOnlyDirs].sort()]);
}

/**
 * The limits of a running container changed in place (`container.update`) to fit `next`, or null
 * when `next` needs a fresh container: another image, /tmp size or mounts, or more processes
 * than the container's nproc ulimit was made for.
 */
export function inPlaceUpdate(current: ContainerShape, next: ContainerShape): { Memory: number; MemorySwap: number; PidsLimit: number } | null {
  const mounts = (shape: ContainerShape) => JSON.stringify([shape.image, shape.tmpBytes, [...shape.readOnlyDirs].sort()]);
  if (mounts(current) !== mounts(next) || next.processes > current.processes) return null;
  const memory = next.memoryBytes + RUNNER_MEMORY_BYTES;
  return { Memory: memory, MemorySwap: memory, PidsLimit: next.processes + HELPER_PROCESSES };
}

export function buildContainerOptions(shape: ContainerShape, placement: ContainerPlacement): ContainerCreateOptions {
  const memory = shape.memoryBytes + RUNNER_MEMORY_BYTES;
  const pids = shape.processes + HELPER_PROCESSES;
  return {
    Image: shape.image,
    Cmd: [RUNNER_PATH_IN_IMAGE],
    // The runner is root with three capabilities; every program runs as placement.uid (see arena-runner.c).
    User: '0:0',
    Env: ['PATH=/usr/bin:/bin'],
    WorkingDir: '/box',
    OpenStdin: true,
    StdinOnce: false,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    NetworkDisabled: true,
    Labels: placement.labels,
    HostConfig: {
      NetworkMode: 'none',
      Memory: memory,
      MemorySwap: memory,
      MemorySwappiness: 0,
      PidsLimit: pids,
      ReadonlyRootfs: true,
      Binds: [
        `${placement.boxHostDir}:/box:rw`,
        `${placement.ioHostDir}:${IO_DIR_IN_CONTAINER}:ro`,
        ...shape.readOnlyDirs.map((dir, index) => `${placement.readOnlyHostDirs[index]}:${dir}:ro`),
        ...placement.extraBinds.map((bind) => `${bind}:ro`),
      ],
      Tmpfs: { '/tmp': `size=${shape.tmpBytes},mode=1777,exec` },
      ShmSize: 1024 * 1024,
      CapDrop: ['ALL'],
      CapAdd: ['SETUID', 'SETGID', 'KILL'],
      SecurityOpt: ['no-new-privileges'],
      Init: true,
      Ulimits: [
        { Name: 'nofile', Soft: OPEN_FILES_LIMIT, Hard: OPEN_FILES_LIMIT },
        { Name: 'nproc', Soft: pids + 64, Hard: pids + 64 },
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
      Privileged: false,
      ...(placement.cpu === undefined ? {} : { CpusetCpus: String(placement.cpu) }),
    },
  };
}
