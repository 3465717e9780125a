/**
 * A box of the docker backend: a host directory (a size-capped tmpfs when the judge is root)
 * mounted at /box in the box's container, and the container itself, started at the first run
 * and reused for every later run (compile, then every test case). A run with other limits gets
 * them by `container.update` where the engine can (Docker Engine), else a fresh container
 * (Podman 4.3: compile and test cases then use two); other read-only mount directories, another
 * /tmp size, or a run after one whose scratch space could not be emptied get a fresh container.
 *
 * Files go in and out on the host side (box-files.ts, safe against planted links). Inputs from
 * outside the box (stdin files, read-only mounts) are copied into judge-owned directories that
 * the container sees read-only.
 */
import { chownSync, closeSync, fchownSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { chmod, copyFile, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type Docker from 'dockerode';
import type { Box, RunResult, RunSpec } from '../sandbox.js';
import { boxFileMethods, boxPath, createBoxOutput } from '../box-files.js';
import { unmountBoxTmpfs } from '../box-mount.js';
import type { UidLease } from '../uid-pool.js';
import { buildContainerOptions, inPlaceUpdate, IO_DIR_IN_CONTAINER, OPEN_FILES_LIMIT, shapeKey, type ContainerShape } from './container-config.js';
import { dockerOutcome } from './docker-run-outcome.js';
import { connectRunPipes, type RunPipes } from './interactive-pipes.js';
import { startRunnerSession, type RunnerSession } from './runner-session.js';

export interface DockerBoxParts {
  docker: Docker;
  /** Directory holding the box mount and the judge's staging directories. */
  rootDir: string;
  hostDir: string;
  /** True when hostDir is a tmpfs the box mounted (unmounted on destroy). */
  mounted: boolean;
  lease: UidLease;
  /** Shared by the sandbox's boxes: whether the engine changes a container's limits in place (learnt at the first try). */
  engine: { canUpdate: boolean };
  /** The image for a box whose first run is `argv`. */
  imageFor(argv: readonly string[]): string;
  extraBinds: string[];
  cpu?: number;
  labels: Record<string, string>;
  defaultTmpBytes: number;
  startTimeoutMs: number;
  /** How long past the wall limit the agent waits for the runner before killing the container. */
  replyGraceMs: number;
}

interface StagedRun {
  shape: ContainerShape;
  stdinPath: string;
  stdoutPath: string;
  stderrPath: string;
  /** Host paths of the captured output files (for the output-limit check). */
  captured: string[];
  /** Relays to the judge's pipe fds (interactive runs). */
  pipes: RunPipes;
}

/** How long, after a run, what the program wrote to a pipe may take to reach the judge's side. */
const PIPE_DRAIN_MS = 2000;

export function createDockerBox(parts: DockerBoxParts): Box {
  const { hostDir, rootDir } = parts;
  const ioDir = join(rootDir, 'io');
  let image: string | null = null;
  let session: RunnerSession | null = null;
  let sessionKey = '';
  let sessionShape: ContainerShape | null = null;
  let readOnlyDirs: string[] = [];
  let running: Promise<RunResult> | null = null;
  let destroyed: Promise<void> | null = null;

  const assertUsable = () => {
    if (destroyed) throw new Error('box was destroyed');
    if (running) throw new Error('box is busy with a run: put files in only between runs');
  };

  function stagingDir(index: number): string {
    return join(rootDir, `ro-${index}`);
  }

  /**
   * Readies a judge-owned staging directory the box uid may read and nobody else may. Emptied,
   * never replaced: a running container's bind mount holds on to the directory itself.
   */
  function readyStagingDir(dir: string): void {
    mkdirSync(dir, { recursive: true, mode: process.getuid?.() === 0 ? 0o500 : 0o755 });
    if (process.getuid?.() === 0) chownSync(dir, parts.lease.uid, parts.lease.uid);
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  }

  async function stage(spec: RunSpec): Promise<StagedRun> {
    const mounts = spec.readOnlyMounts ?? [];
    const dirs = [...new Set(mounts.map((mount) => posix.dirname(mount.sandboxPath)))].sort();
    for (const dir of dirs) {
      if (!posix.isAbsolute(dir) || dir === '/' || dir === '/box' || dir.startsWith('/box/') || dir === IO_DIR_IN_CONTAINER) {
        throw new Error(`read-only mounts must go to a directory of their own outside /box, not ${dir}`);
      }
    }
    readOnlyDirs = dirs;
    readyStagingDir(ioDir);
    for (let index = 0; index < dirs.length; index++) readyStagingDir(stagingDir(index));
    for (const mount of mounts) {
      const target = join(stagingDir(dirs.indexOf(posix.dirname(mount.sandboxPath))), posix.basename(mount.sandboxPath));
      await copyFile(mount.hostPath, target);
      await chmod(target, 0o444);
    }
    const stdin = spec.stdin;
    const stdout = spec.stdout;
    let stdinPath = '';
    if (stdin && 'hostFile' in stdin) {
      const target = join(ioDir, 'stdin');
      await copyFile(stdin.hostFile, target);
      await chmod(target, 0o444);
      stdinPath = `${IO_DIR_IN_CONTAINER}/stdin`;
    } else if (stdin && 'boxFile' in stdin) {
      const info = lstatSync(boxPath(hostDir, stdin.boxFile), { throwIfNoEntry: false });
      if (info === undefined || !info.isFile()) throw new Error(`stdin file is missing or not a regular file: ${stdin.boxFile}`);
      stdinPath = posix.join('/box', posix.normalize(stdin.boxFile));
    }
    const captured: string[] = [];
    const output = (file: { boxFile: string } | null | undefined): string => {
      if (!file || !('boxFile' in file)) return '';
      const fd = createBoxOutput(hostDir, file.boxFile);
      try {
        fchownSync(fd, parts.lease.uid, parts.lease.uid);
      } finally {
        closeSync(fd);
      }
      captured.push(boxPath(hostDir, file.boxFile));
      return posix.join('/box', posix.normalize(file.boxFile));
    };
    const stdoutPath = output(stdout && 'boxFile' in stdout ? stdout : null);
    const stderrPath = output(spec.stderr);
    image ??= parts.imageFor(spec.argv);
    const shape: ContainerShape = {
      image,
      memoryBytes: spec.limits.memoryBytes,
      processes: spec.limits.processes,
      tmpBytes: spec.limits.tmpBytes ?? parts.defaultTmpBytes,
      readOnlyDirs: dirs,
    };
    // Last: nothing after this may fail, or the relays would be left open.
    const pipes = await connectRunPipes({
      ioHostDir: ioDir,
      ioDirInContainer: IO_DIR_IN_CONTAINER,
      uid: parts.lease.uid,
      stdinFd: stdin && 'fd' in stdin ? stdin.fd : null,
      stdoutFd: stdout && 'fd' in stdout ? stdout.fd : null,
    });
    return { shape, stdinPath: pipes.stdinPath || stdinPath, stdoutPath: pipes.stdoutPath || stdoutPath, stderrPath, captured, pipes };
  }

  async function closeSession(): Promise<void> {
    const current = session;
    session = null;
    sessionKey = '';
    sessionShape = null;
    if (current) await current.close();
  }

  async function sessionFor(shape: ContainerShape): Promise<RunnerSession> {
    const key = shapeKey(shape);
    if (session && !session.isDead() && key === sessionKey) return session;
    // Compile, then test cases: other limits, same mounts. Docker Engine changes them in place
    // (one container per submission); an engine that cannot (Podman 4.3) gets a fresh container.
    const update = session && !session.isDead() && sessionShape && parts.engine.canUpdate ? inPlaceUpdate(sessionShape, shape) : null;
    if (session && update) {
      if (await session.updateLimits(update)) {
        sessionKey = key;
        sessionShape = shape;
        return session;
      }
      parts.engine.canUpdate = false;
    }
    await closeSession();
    session = await startRunnerSession(parts.docker, buildContainerOptions(shape, {
      boxHostDir: hostDir,
      ioHostDir: ioDir,
      readOnlyHostDirs: readOnlyDirs.map((_, index) => stagingDir(index)),
      uid: parts.lease.uid,
      extraBinds: parts.extraBinds,
      labels: parts.labels,
      ...(parts.cpu === undefined ? {} : { cpu: parts.cpu }),
    }), parts.startTimeoutMs);
    sessionKey = key;
    sessionShape = shape;
    return session;
  }

  function largestSize(paths: string[]): number {
    return paths.reduce((largest, path) => Math.max(largest, lstatSync(path, { throwIfNoEntry: false })?.size ?? 0), 0);
  }

  async function runOnce(spec: RunSpec): Promise<RunResult> {
    let staged: StagedRun | null = null;
    try {
      staged = await stage(spec);
      const current = await sessionFor(staged.shape);
      return await requestRun(spec, staged, current);
    } catch (error) {
      const message = (error as Error).message;
      const hint = /no such image|image not known|not found/i.test(message) ? ' (build the judge images with `pnpm judge images build`, or load them with `pnpm judge images load <dir>`)' : '';
      return { ok: false, internalError: `docker sandbox: ${message}${hint}` };
    } finally {
      await staged?.pipes.finish(PIPE_DRAIN_MS);
    }
  }

  async function requestRun(spec: RunSpec, staged: StagedRun, current: RunnerSession): Promise<RunResult> {
    try {
      const reply = await current.request({
        uid: parts.lease.uid,
        argv: spec.argv,
        env: { PATH: '/usr/bin:/bin', ...spec.env },
        cwd: spec.cwd ?? '/box',
        cpuTimeMs: spec.limits.cpuTimeMs,
        wallTimeMs: spec.limits.wallTimeMs,
        fileSizeBytes: spec.limits.outputBytes,
        processes: spec.limits.processes,
        openFiles: Math.min(64, OPEN_FILES_LIMIT),
        stdinPath: staged.stdinPath,
        stdoutPath: staged.stdoutPath,
        stderrPath: staged.stderrPath,
      }, spec.limits.wallTimeMs + parts.replyGraceMs);
      if (reply.kind !== 'ok') {
        // The runner itself is fine after an error reply (e.g. exec failed); anything else is not.
        if (reply.kind !== 'error') await closeSession();
        const detail = reply.kind === 'error' ? reply.message : `unexpected reply ${reply.kind}`;
        return { ok: false, internalError: `docker sandbox: the runner could not run ${JSON.stringify(spec.argv[0])}: ${detail}` };
      }
      if (!reply.report.scratchClean) await closeSession();
      return { ok: true, outcome: dockerOutcome(reply.report, spec.limits, largestSize(staged.captured)) };
    } catch (error) {
      // The runner did not answer in time or the container died: kill it, the run is a sandbox failure.
      await closeSession().catch(() => undefined);
      return { ok: false, internalError: `docker sandbox: ${(error as Error).message}` };
    }
  }

  return {
    hostDir,
    ...boxFileMethods(hostDir, assertUsable),
    async run(spec) {
      if (destroyed) return { ok: false, internalError: 'docker sandbox: box was destroyed' };
      if (running) return { ok: false, internalError: 'docker sandbox: box is already running a program' };
      running = runOnce(spec);
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    destroy() {
      destroyed ??= (async () => {
        if (running) await running.catch(() => undefined);
        await closeSession();
        if (parts.mounted) await unmountBoxTmpfs(hostDir);
        await rm(rootDir, { recursive: true, force: true });
        parts.lease.release();
      })();
      return destroyed;
    },
  };
}
