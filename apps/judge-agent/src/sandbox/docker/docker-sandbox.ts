/**
 * The docker sandbox backend (DESIGN.md "Sandbox"): one container per box (a box = one
 * submission: compile, then every test case), started from a language family's judge image,
 * with `arena-runner` inside measuring and limiting each run. Talks to the engine with dockerode
 * at DOCKER_HOST or the default socket (Docker Engine, Docker Desktop, Podman's Docker API).
 */
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Docker from 'dockerode';
import type { Box, DoctorReport, Sandbox } from '../sandbox.js';
import { isLeftByDeadJudge } from '../cgroups/cgroup-files.js';
import { mountBoxTmpfs, unmountBoxTmpfs } from '../box-mount.js';
import { leaseUid } from '../uid-pool.js';
import { createDockerBox } from './docker-box.js';
import { runDockerDoctor } from './docker-doctor.js';
import { DEFAULT_JUDGE_IMAGE, imageForArgv, JUDGE_IMAGE_FAMILIES, programImages } from './judge-images.js';

export interface DockerSandboxOptions {
  /** The judge's work directory; boxes live in `<workDir>/docker-boxes`. */
  workDir: string;
  /** Engine client; default `new Docker()` (DOCKER_HOST, else the default socket). */
  docker?: Docker;
  /** Overrides the image of every box (test images); default: per language family. */
  image?: string;
  /** Extra read-only binds `host:container` for every container (test images made of the host's /usr). */
  extraBinds?: string[];
  /** Box uids come from [firstUid, firstUid + uidCount). Default 62000 and 1000 (native uses 60000…). */
  firstUid?: number;
  uidCount?: number;
  uidLeaseDir?: string;
  /** Size of each box's tmpfs (when the judge is root; otherwise the box is a plain directory). Default 1 GiB. */
  boxBytes?: number;
  /** /tmp size in the container when a run does not say. Default 64 MiB. */
  tmpBytes?: number;
  /** How long a container may take to start and report ready. Default 30 s. */
  startTimeoutMs?: number;
  /** How long past a run's wall limit the agent waits for the runner before killing the container. Default 5 s. */
  replyGraceMs?: number;
}

const MIB = 1024 * 1024;
const OWNER_LABEL = 'org.arena.judge.owner-pid';

export function createDockerSandbox(options: DockerSandboxOptions): Sandbox {
  const config = {
    firstUid: 62000,
    uidCount: 1000,
    uidLeaseDir: '/run/arena-judge/docker-uid-leases',
    boxBytes: 1024 * MIB,
    tmpBytes: 64 * MIB,
    startTimeoutMs: 30_000,
    replyGraceMs: 5_000,
    extraBinds: [] as string[],
    ...options,
    workDir: resolve(options.workDir),
  };
  const docker = options.docker ?? new Docker();
  const boxesDir = join(config.workDir, 'docker-boxes');
  const images = programImages();
  const isRoot = process.getuid?.() === 0;
  let boxCount = 0;
  const engine = { canUpdate: true };
  let prepared: Promise<void> | null = null;

  function imageFor(argv: readonly string[]): string {
    return config.image ?? imageForArgv(argv, images, DEFAULT_JUDGE_IMAGE);
  }

  function prepare(): Promise<void> {
    prepared ??= prepareOnce().catch((error: unknown) => {
      prepared = null;
      throw error;
    });
    return prepared;
  }

  /** Readies the work dir and removes what judges that died left: containers and box dirs. */
  async function prepareOnce(): Promise<void> {
    for (const dir of [config.workDir, boxesDir]) {
      mkdirSync(dir, { recursive: true, mode: 0o711 });
      chmodSync(dir, 0o711);
    }
    const containers = await docker.listContainers({ all: true, filters: { label: [OWNER_LABEL] } });
    for (const info of containers) {
      const name = `box-${info.Labels[OWNER_LABEL] ?? ''}-`;
      if (isLeftByDeadJudge(name)) await docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined);
    }
    for (const name of readdirSync(boxesDir)) {
      if (!isLeftByDeadJudge(name)) continue;
      await unmountBoxTmpfs(join(boxesDir, name, 'box')).catch(() => undefined);
      await rm(join(boxesDir, name), { recursive: true, force: true });
    }
  }

  async function createBox(boxOptions: { cpu?: number } = {}): Promise<Box> {
    await prepare();
    const lease = leaseUid({ leaseDir: config.uidLeaseDir, firstUid: config.firstUid, count: config.uidCount });
    boxCount += 1;
    const rootDir = join(boxesDir, `box-${process.pid}-${boxCount}-${lease.uid}`);
    const hostDir = join(rootDir, 'box');
    try {
      mkdirSync(rootDir, { mode: 0o711 });
      mkdirSync(hostDir, { mode: 0o700 });
      if (isRoot) await mountBoxTmpfs(hostDir, lease.uid, config.boxBytes);
      else chmodSync(hostDir, 0o777);
    } catch (error) {
      await rm(rootDir, { recursive: true, force: true }).catch(() => undefined);
      lease.release();
      throw error;
    }
    return createDockerBox({
      docker,
      engine,
      rootDir,
      hostDir,
      mounted: isRoot,
      lease,
      imageFor,
      extraBinds: config.extraBinds,
      ...(boxOptions.cpu === undefined ? {} : { cpu: boxOptions.cpu }),
      labels: { [OWNER_LABEL]: String(process.pid), 'org.arena.judge.box': String(boxCount) },
      defaultTmpBytes: config.tmpBytes,
      startTimeoutMs: config.startTimeoutMs,
      replyGraceMs: config.replyGraceMs,
    });
  }

  return {
    backend: 'docker',
    createBox,
    doctor: (): Promise<DoctorReport> => runDockerDoctor({
      docker,
      images: config.image === undefined ? [...new Set(JUDGE_IMAGE_FAMILIES.map((family) => family.image))] : [config.image],
      defaultImage: config.image ?? DEFAULT_JUDGE_IMAGE,
      createBox,
    }),
  };
}
