/**
 * The line protocol between the judge agent and `arena-runner` inside a container
 * (see runner/arena-runner.c). Pure: encodes requests, parses replies. A reply comes from
 * inside a container, so it is `unknown` text until it parses here.
 */
import { z } from 'zod';

export const RUNNER_PREFIX = 'ARENA1';
/** Where images keep the runner (a static binary, see build/judge-images/). */
export const RUNNER_PATH_IN_IMAGE = '/arena/arena-runner';

export interface RunnerRequest {
  /** Unprivileged uid (and gid) the program runs as. */
  uid: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  cpuTimeMs: number;
  wallTimeMs: number;
  /** RLIMIT_FSIZE; 0 = none. */
  fileSizeBytes: number;
  /** RLIMIT_NPROC for the run's uid (processes + threads of the run). */
  processes: number;
  openFiles: number;
  /** Paths inside the container; empty = /dev/null. */
  stdinPath: string;
  stdoutPath: string;
  stderrPath: string;
}

function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** One request line (ends with a newline). Throws on a NUL byte, which no argv can carry. */
export function encodeRunnerRequest(request: RunnerRequest): string {
  const fields: Array<[string, string]> = [
    ['uid', String(request.uid)],
    ['cpu_ms', String(Math.max(1, Math.ceil(request.cpuTimeMs)))],
    ['wall_ms', String(Math.max(1, Math.ceil(request.wallTimeMs)))],
    ['fsize', String(request.fileSizeBytes)],
    ['nproc', String(request.processes)],
    ['nofile', String(request.openFiles)],
    ['stdin', request.stdinPath],
    ['stdout', request.stdoutPath],
    ['stderr', request.stderrPath],
    ['cwd', request.cwd],
    ...Object.entries(request.env).map(([key, value]): [string, string] => ['env', `${key}=${value}`]),
    ...request.argv.map((arg): [string, string] => ['arg', arg]),
  ];
  for (const [key, value] of fields) {
    if (value.includes('\0')) throw new Error(`runner request field ${key} contains a NUL byte`);
  }
  return `${RUNNER_PREFIX} ${fields.map(([key, value]) => hex(`${key}=${value}`)).join(' ')}\n`;
}

const okReply = z.object({
  status: z.coerce.number().int().min(0),
  cpu_us: z.coerce.number().int().min(0),
  wall_us: z.coerce.number().int().min(0),
  maxrss_kb: z.coerce.number().int().min(0),
  oom: z.coerce.number().int().min(-1),
  killed: z.enum(['none', 'cpu', 'wall']),
  clean: z.enum(['0', '1']),
});

export interface RunnerReport {
  /** Raw wait status of the program (see `waitStatusToExitStatus`). */
  waitStatus: number;
  cpuTimeMs: number;
  wallTimeMs: number;
  /** Largest RSS of any process of the run. */
  peakMemoryBytes: number;
  /** OOM kills of the container's memory cgroup during the run; null when the runner cannot see the cgroup. */
  oomKills: number | null;
  killedFor: 'cpu-limit' | 'wall-limit' | null;
  /** False when the runner could not empty /tmp: the container must not be reused. */
  scratchClean: boolean;
}

export type RunnerReply =
  | { kind: 'ready' }
  | { kind: 'ok'; report: RunnerReport }
  | { kind: 'error'; message: string }
  | { kind: 'invalid'; line: string };

/** Parses one line the runner wrote (without the newline). Lines of other origin are `invalid`. */
export function parseRunnerReply(line: string): RunnerReply {
  const parts = line.trim().split(' ');
  if (parts[0] !== RUNNER_PREFIX) return { kind: 'invalid', line };
  if (parts[1] === 'ready' && parts.length === 2) return { kind: 'ready' };
  if (parts[1] === 'error' && parts.length === 3 && /^([0-9a-f]{2})*$/.test(parts[2] ?? '')) {
    return { kind: 'error', message: Buffer.from(parts[2] ?? '', 'hex').toString('utf8') };
  }
  if (parts[1] !== 'ok') return { kind: 'invalid', line };
  const fields = Object.fromEntries(parts.slice(2).map((part) => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq), part.slice(eq + 1)];
  }));
  const parsed = okReply.safeParse(fields);
  if (!parsed.success) return { kind: 'invalid', line };
  const value = parsed.data;
  return {
    kind: 'ok',
    report: {
      waitStatus: value.status,
      cpuTimeMs: value.cpu_us / 1000,
      wallTimeMs: value.wall_us / 1000,
      peakMemoryBytes: value.maxrss_kb * 1024,
      oomKills: value.oom < 0 ? null : value.oom,
      killedFor: value.killed === 'none' ? null : value.killed === 'cpu' ? 'cpu-limit' : 'wall-limit',
      scratchClean: value.clean === '1',
    },
  };
}

/** A Linux wait status as a shell-style exit status: the exit code, or 128 + signal number. */
export function waitStatusToExitStatus(waitStatus: number): number {
  const signal = waitStatus & 0x7f;
  if (signal === 0) return (waitStatus >> 8) & 0xff;
  return 128 + signal;
}
