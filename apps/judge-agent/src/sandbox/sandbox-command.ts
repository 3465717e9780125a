/**
 * Builds the command line of one sandboxed run (pure, no I/O):
 *   prlimit (hard rlimits as a backstop) → bwrap (namespaces, minimal read-only root) → program.
 * The caller spawns it as the box's uid with an empty environment, fds 3 (bwrap's info-fd:
 * reports the sandbox's pid) and 4 (bwrap's block-fd: holds the program until the sandbox has
 * been moved into its cgroups).
 */
import type { RunLimits } from './sandbox.js';

export const infoFd = 3;
export const blockFd = 4;

/** Open-file limit: enough for a JVM, small enough to stop descriptor exhaustion games. */
const openFilesLimit = 512;

export interface SandboxCommandInput {
  prlimitPath: string;
  bwrapPath: string;
  /** Host directory mounted read-write at /box. */
  boxDir: string;
  argv: string[];
  env: Record<string, string>;
  /** Working directory inside the sandbox. */
  cwd: string;
  limits: RunLimits;
  readOnlyMounts: Array<{ hostPath: string; sandboxPath: string }>;
  /** Host paths under /etc bound read-only at the same place if present (e.g. JVM config). */
  etcPaths: string[];
}

export interface SandboxCommand {
  file: string;
  args: string[];
}

const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** CPU rlimit in whole seconds: soft a second above the limit (SIGXCPU), hard a second later (SIGKILL). */
export function cpuRlimitSeconds(cpuTimeMs: number): { soft: number; hard: number } {
  const soft = Math.ceil(cpuTimeMs / 1000) + 1;
  return { soft, hard: soft + 1 };
}

/** Throws on a spec the sandbox cannot express safely (a judge bug, not a program's fault). */
export function validateCommandInput(input: SandboxCommandInput): void {
  if (input.argv.length === 0 || input.argv[0] === '') throw new Error('argv must name a program');
  for (const name of Object.keys(input.env)) {
    if (!envNamePattern.test(name)) throw new Error(`invalid environment variable name: "${name}"`);
  }
  const { limits } = input;
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value <= 0)) throw new Error(`limit ${name} must be a positive integer, got ${value}`);
  }
  if (!input.cwd.startsWith('/')) throw new Error(`cwd must be an absolute sandbox path, got "${input.cwd}"`);
  for (const mount of input.readOnlyMounts) {
    if (!mount.hostPath.startsWith('/') || !mount.sandboxPath.startsWith('/')) {
      throw new Error(`read-only mounts need absolute paths: ${mount.hostPath} -> ${mount.sandboxPath}`);
    }
  }
}

export function buildSandboxCommand(input: SandboxCommandInput): SandboxCommand {
  validateCommandInput(input);
  const { limits } = input;
  const cpu = cpuRlimitSeconds(limits.cpuTimeMs);
  const prlimitArgs = [
    `--cpu=${cpu.soft}:${cpu.hard}`,
    `--fsize=${limits.outputBytes}`,
    '--core=0',
    `--nofile=${openFilesLimit}`,
    // The stack is limited only by the memory limit.
    `--stack=${limits.memoryBytes}`,
    // No --nproc: RLIMIT_NPROC counts every process of the uid, including the exiting sandbox
    // processes of the previous run, and made back-to-back runs fail to start. The pids cgroup
    // limits processes and threads of the run exactly.
  ];
  const bwrapArgs = [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--cap-drop', 'ALL',
    '--hostname', 'box',
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/lib', '/lib',
    '--symlink', 'usr/lib64', '/lib64',
    '--symlink', 'usr/bin', '/bin',
    '--symlink', 'usr/sbin', '/sbin',
    '--dir', '/etc',
    ...input.etcPaths.flatMap((path) => ['--ro-bind-try', path, path]),
    '--proc', '/proc',
    '--dev', '/dev',
    '--size', String(limits.tmpBytes ?? limits.memoryBytes),
    '--perms', '1777',
    '--tmpfs', '/tmp',
    '--bind', input.boxDir, '/box',
    ...input.readOnlyMounts.flatMap((mount) => ['--ro-bind', mount.hostPath, mount.sandboxPath]),
    // The sandbox root is bwrap's own tmpfs: read-only, so nothing can be stored outside /box and /tmp.
    '--remount-ro', '/',
    '--chdir', input.cwd,
    '--clearenv',
    '--setenv', 'PATH', '/usr/bin:/bin',
    '--setenv', 'HOME', '/box',
    ...Object.entries(input.env).flatMap(([name, value]) => ['--setenv', name, value]),
    '--info-fd', String(infoFd),
    '--block-fd', String(blockFd),
    '--',
    ...input.argv,
  ];
  return { file: input.prlimitPath, args: [...prlimitArgs, input.bwrapPath, ...bwrapArgs] };
}
