/**
 * `doctor()` of the native backend: checks, one by one, what sandboxing needs on this machine
 * and says how to fix what is missing. Ends with a real sandboxed run of `true`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { DoctorReport, RunResult } from './sandbox.js';

const run = promisify(execFile);

type Check = DoctorReport['checks'][number];

export interface DoctorInput {
  bwrapPath: string;
  prlimitPath: string;
  /** Readies cgroups and the work dir; resolves with a description of the cgroups in use. */
  prepare(): Promise<string>;
  /** Runs `true` in a fresh box. */
  smokeTest(): Promise<RunResult>;
}

function readSysctl(path: string): number | null {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return null;
  }
}

async function checkBwrap(bwrapPath: string): Promise<Check> {
  const fix = 'apt-get install bubblewrap (version 0.8 or newer)';
  try {
    const { stdout } = await run(bwrapPath, ['--version']);
    const match = /(\d+)\.(\d+)/.exec(stdout);
    const modern = match !== null && (Number(match[1]) > 0 || Number(match[2]) >= 8);
    return modern
      ? { name: 'bubblewrap', ok: true, detail: stdout.trim() }
      : { name: 'bubblewrap', ok: false, detail: `${stdout.trim()} lacks --size and --disable-userns`, fix };
  } catch {
    return { name: 'bubblewrap', ok: false, detail: `${bwrapPath} not found or not runnable`, fix };
  }
}

function checkUserNamespaces(): Check {
  const name = 'user namespaces';
  const max = readSysctl('/proc/sys/user/max_user_namespaces');
  if (max === 0) return { name, ok: false, detail: 'user.max_user_namespaces is 0', fix: 'sysctl -w user.max_user_namespaces=15000' };
  if (readSysctl('/proc/sys/kernel/unprivileged_userns_clone') === 0) {
    return { name, ok: false, detail: 'kernel.unprivileged_userns_clone is 0', fix: 'sysctl -w kernel.unprivileged_userns_clone=1' };
  }
  if (readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === 1) {
    return {
      name, ok: false, detail: 'AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+)',
      fix: 'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or add an AppArmor profile allowing userns for bwrap',
    };
  }
  return { name, ok: true, detail: `enabled (max ${max ?? 'unknown'})` };
}

export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const checks: Check[] = [];
  const isRoot = process.getuid?.() === 0;
  checks.push(isRoot
    ? { name: 'root', ok: true, detail: 'running as root' }
    : { name: 'root', ok: false, detail: 'the native sandbox creates cgroups, mounts box tmpfs and switches uids', fix: 'run arena-judge as root' });
  checks.push(await checkBwrap(input.bwrapPath));
  checks.push(existsSync(input.prlimitPath)
    ? { name: 'prlimit', ok: true, detail: input.prlimitPath }
    : { name: 'prlimit', ok: false, detail: `${input.prlimitPath} not found`, fix: 'apt-get install util-linux' });
  checks.push(checkUserNamespaces());
  let prepared = false;
  try {
    checks.push({ name: 'cgroups', ok: true, detail: await input.prepare() });
    prepared = true;
  } catch (error) {
    checks.push({
      name: 'cgroups', ok: false, detail: (error as Error).message,
      fix: 'mount cgroup v2 at /sys/fs/cgroup with memory and pids controllers (or v1 memory, pids, cpuacct) and run as root',
    });
  }
  if (prepared && checks.every((check) => check.ok)) {
    try {
      const result = await input.smokeTest();
      checks.push(result.ok && result.outcome.kind === 'exited' && result.outcome.exitCode === 0
        ? { name: 'sandboxed run', ok: true, detail: `true ran in ${result.outcome.wallTimeMs.toFixed(1)} ms` }
        : { name: 'sandboxed run', ok: false, detail: result.ok ? `true ended as ${result.outcome.kind}` : result.internalError });
    } catch (error) {
      checks.push({ name: 'sandboxed run', ok: false, detail: (error as Error).message });
    }
  }
  return { ok: checks.every((check) => check.ok), checks };
}
