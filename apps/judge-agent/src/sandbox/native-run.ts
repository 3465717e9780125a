/**
 * One sandboxed run of the native backend: cgroups, spawn, handshake, watchdogs, cleanup.
 *
 * Sequence: create the run's cgroups → spawn `prlimit … bwrap …` as the box uid with an empty
 * environment → bwrap sets up its namespaces and reports the sandbox init's pid on the info fd,
 * then waits on the block fd → the judge moves that pid into the cgroups and releases it → the
 * init forks the program, born inside the cgroups. CPU time is polled from the cgroup (every
 * process and thread counts), wall time has a timer; either kills the whole group. When bwrap
 * exits, everything left in the group is killed and the groups are removed.
 *
 * Any failure of this machinery resolves `{ ok: false, internalError }`, never a verdict.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { CgroupDriver, RunCgroup } from './cgroups/cgroup-driver.js';
import { decideOutcome, type RunObservation } from './run-outcome.js';
import type { RunResult, RunSpec } from './sandbox.js';
import { buildSandboxCommand, infoFd } from './sandbox-command.js';
import { boxPath, createBoxOutput, openBoxInput } from './box-files.js';
import { findProgram } from './program-path.js';
import { stdioCoveringInherited } from './inherited-fds.js';

export interface RunContext {
  driver: CgroupDriver;
  uid: number;
  boxDir: string;
  /** Unique among live runs on the machine; names the cgroups. */
  runName: string;
  cpu?: number;
  prlimitPath: string;
  bwrapPath: string;
  etcPaths: string[];
  /** Judge-only file that takes the run's stderr when the spec discards it (bwrap's own errors land there too). */
  scratchErrorFile: string;
  cpuPollIntervalMs: number;
  /** Inheritable fds of the judge process (scanned when the box was made: a scan costs ms). */
  inheritedFds: number[];
  /** An open fd of /dev/null, put in place of those fds in the child so the program never sees them. */
  devNullFd: number;
  /** How long bwrap may take to set up before the run counts as a sandbox failure. */
  setupTimeoutMs: number;
  cleanupTimeoutMs: number;
}

/** fds opened for the run, closed when it ends. */
interface RunFds {
  stdin: number | 'ignore';
  stdout: number | 'ignore';
  stderr: number;
  /** Host path of the file behind fd 2 (bwrap's own error messages land there). */
  stderrPath: string;
  toClose: number[];
  captured: number[];
}

function openRunFds(context: RunContext, spec: RunSpec): RunFds {
  const fds: RunFds = {
    stdin: 'ignore', stdout: 'ignore', stderr: -1, toClose: [], captured: [],
    stderrPath: spec.stderr ? boxPath(context.boxDir, spec.stderr.boxFile) : context.scratchErrorFile,
  };
  try {
    const stdin = spec.stdin;
    if (stdin && 'boxFile' in stdin) fds.stdin = openBoxInput(context.boxDir, stdin.boxFile);
    else if (stdin && 'hostFile' in stdin) fds.stdin = openSync(stdin.hostFile, 'r');
    else if (stdin && 'fd' in stdin) fds.stdin = stdin.fd;
    if (typeof fds.stdin === 'number' && !(stdin && 'fd' in stdin)) fds.toClose.push(fds.stdin);
    const stdout = spec.stdout;
    if (stdout && 'boxFile' in stdout) {
      fds.stdout = createBoxOutput(context.boxDir, stdout.boxFile);
      fds.toClose.push(fds.stdout);
      fds.captured.push(fds.stdout);
    } else if (stdout && 'fd' in stdout) fds.stdout = stdout.fd;
    fds.stderr = spec.stderr
      ? createBoxOutput(context.boxDir, spec.stderr.boxFile)
      : openSync(context.scratchErrorFile, 'w', 0o600);
    fds.toClose.push(fds.stderr);
    if (spec.stderr) fds.captured.push(fds.stderr);
    return fds;
  } catch (error) {
    closeAll(fds.toClose);
    throw error;
  }
}

function closeAll(fds: number[]): void {
  for (const fd of fds) {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
}

/** Resolves with the sandbox init's host pid once bwrap reports it; rejects if bwrap dies or stalls first. */
function awaitSandboxPid(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const info = child.stdio[infoFd] as Readable;
    let text = '';
    const timer = setTimeout(() => finish(new Error(`bwrap did not start the sandbox within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => finish(new Error(`bwrap exited (status ${code}) before the program started`));
    const onError = (error: Error) => finish(new Error(`cannot start the sandbox: ${error.message}`));
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /"child-pid"\s*:\s*(\d+)/.exec(text);
      if (match) finish(null, Number(match[1]));
    };
    function finish(error: Error | null, pid = 0) {
      clearTimeout(timer);
      info.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolve(pid);
    }
    info.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function exitStatusOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const done = () => resolve(child.exitCode ?? 128 + signalNumber(child.signalCode));
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', done);
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === null ? 0 : constants.signals[signal];
}

function largestSize(fds: number[]): number {
  return fds.reduce((largest, fd) => Math.max(largest, fstatSync(fd).size), 0);
}

/** The first 2000 bytes of a run's stderr file (it may be as large as the output limit). */
async function readErrorHead(path: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(2000), 0, 2000, 0);
      return buffer.subarray(0, bytesRead).toString('utf8').trim();
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

/**
 * bwrap reports a failure after the handshake (a mount, chdir or exec) as exit status 1 with a
 * "bwrap: " line on stderr. The program could print the same, but that only costs it a rejudge.
 */
async function lateSandboxFailure(exitStatus: number, stderrPath: string): Promise<string | null> {
  if (exitStatus !== 1) return null;
  const head = await readErrorHead(stderrPath);
  return head.startsWith('bwrap: ') ? head.split('\n')[0] ?? head : null;
}

export async function runNative(context: RunContext, spec: RunSpec): Promise<RunResult> {
  let cgroup: RunCgroup | null = null;
  let fds: RunFds | null = null;
  let child: ChildProcess | null = null;
  try {
    const cwd = spec.cwd ?? '/box';
    const readOnlyMounts = spec.readOnlyMounts ?? [];
    const command = buildSandboxCommand({
      prlimitPath: context.prlimitPath,
      bwrapPath: context.bwrapPath,
      boxDir: context.boxDir,
      argv: spec.argv,
      env: spec.env ?? {},
      cwd,
      limits: spec.limits,
      readOnlyMounts,
      etcPaths: context.etcPaths,
    });
    // bwrap cannot tell "program not found" apart from the program exiting 1: check first.
    const programError = findProgram(spec.argv[0] ?? '', { boxDir: context.boxDir, cwd, readOnlyMounts });
    if (programError !== null) return { ok: false, internalError: programError };

    cgroup = context.driver.createRunGroup(context.runName, {
      memoryBytes: spec.limits.memoryBytes,
      tasks: spec.limits.processes + 1,
      ...(context.cpu === undefined ? {} : { cpu: context.cpu }),
    });
    fds = openRunFds(context, spec);
    // uid/gid here make libuv call setgroups(0), setgid and setuid in the child before exec:
    // what `setpriv --reuid --regid --clear-groups` would do, without one more exec per run.
    child = spawn(command.file, command.args, {
      uid: context.uid,
      gid: context.uid,
      env: {},
      cwd: '/',
      stdio: stdioCoveringInherited([fds.stdin, fds.stdout, fds.stderr, 'pipe', 'pipe'], context.inheritedFds, context.devNullFd),
    });
    // The handshake pipes break when bwrap dies early; that shows up as an exit, not as a crash.
    for (const stream of [child.stdio[3], child.stdio[4]]) stream?.on('error', () => undefined);
    const exited = exitStatusOf(child);
    let sandboxPid: number;
    try {
      sandboxPid = await awaitSandboxPid(child, context.setupTimeoutMs);
    } catch (error) {
      const detail = await readErrorHead(fds.stderrPath);
      throw new Error(`${(error as Error).message}${detail ? `: ${detail}` : ''}`);
    }
    try {
      cgroup.join(sandboxPid);
    } catch (error) {
      // The sandbox died during setup (e.g. a mount failed); bwrap said why on stderr.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000))]);
      const detail = await readErrorHead(fds.stderrPath);
      throw new Error(`the sandbox ended during setup (${(error as Error).message})${detail ? `: ${detail}` : ''}`);
    }
    const baselineCpuNs = cgroup.cpuUsageNs();
    const startedAt = process.hrtime.bigint();
    (child.stdio[4] as Writable).end('go');

    let killedFor: RunObservation['killedFor'] = null;
    const runGroup = cgroup;
    const killRun = (reason: 'cpu-limit' | 'wall-limit') => {
      killedFor ??= reason;
      try {
        process.kill(sandboxPid, 'SIGKILL'); // the pid namespace's init: takes every process inside with it
      } catch {
        // Already gone.
      }
      try {
        runGroup.killAll();
      } catch {
        // Reported by the final cleanup if processes survive.
      }
    };
    const cpuLimitNs = spec.limits.cpuTimeMs * 1e6;
    const poller = setInterval(() => {
      try {
        if (runGroup.cpuUsageNs() - baselineCpuNs > cpuLimitNs) killRun('cpu-limit');
      } catch {
        // The group is being removed after a kill; the exit handler takes over.
      }
    }, context.cpuPollIntervalMs);
    const wallTimer = setTimeout(() => killRun('wall-limit'), spec.limits.wallTimeMs);

    const exitStatus = await exited;
    const wallTimeMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
    clearInterval(poller);
    clearTimeout(wallTimer);
    runGroup.killAll(); // daemons the program left behind
    const stats = readStats(runGroup, baselineCpuNs);
    await runGroup.destroy(context.cleanupTimeoutMs);
    const lateFailure = killedFor === null ? await lateSandboxFailure(exitStatus, fds.stderrPath) : null;
    if (lateFailure !== null) return { ok: false, internalError: `native sandbox: ${lateFailure}` };
    const observation: RunObservation = {
      killedFor,
      exitStatus,
      oomKills: stats.oomKills,
      cpuTimeMs: stats.cpuTimeMs,
      wallTimeMs,
      peakMemoryBytes: stats.peakMemoryBytes,
      largestOutputBytes: largestSize(fds.captured),
    };
    return { ok: true, outcome: decideOutcome(observation, spec.limits) };
  } catch (error) {
    return { ok: false, internalError: `native sandbox: ${(error as Error).message}` };
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (cgroup) await cgroup.destroy(context.cleanupTimeoutMs).catch(() => undefined);
    if (fds) closeAll(fds.toClose);
  }
}

interface RunStats {
  oomKills: number;
  cpuTimeMs: number;
  peakMemoryBytes: number;
}

function readStats(group: RunCgroup, baselineCpuNs: number): RunStats {
  return {
    oomKills: group.oomKillCount(),
    cpuTimeMs: Math.max(0, group.cpuUsageNs() - baselineCpuNs) / 1e6,
    peakMemoryBytes: group.peakMemoryBytes(),
  };
}
