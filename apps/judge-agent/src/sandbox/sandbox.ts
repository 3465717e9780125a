/**
 * The one interface every sandbox backend implements (STYLE.md 4): `native-sandbox.ts`
 * (bubblewrap + cgroups + setpriv + prlimit) and `docker-sandbox.ts` (dockerode).
 *
 * Contract:
 * - Contestant code and validators run ONLY through `run`. There is no unsandboxed fallback.
 * - A box is a private, empty working directory owned by the run's uid. Files are put in with
 *   `writeFile`/`copyIn` before a run and read back with `readFile` after. Between runs of one
 *   box nothing a run wrote outside `/box` survives (fresh /tmp each run).
 * - `run` resolves `{ ok: false }` only when the SANDBOX failed (infrastructure); anything the
 *   program did (crash, limit, exit code) is `{ ok: true, outcome }` (STYLE.md 1).
 * - Every process a run started is dead when `run` resolves.
 */
export interface Sandbox {
  readonly backend: 'native' | 'docker';
  /** Creates a fresh box. `cpu` pins its runs to one CPU (for `--parallel`). */
  createBox(options?: { cpu?: number }): Promise<Box>;
  /** Checks the machine can sandbox at all; lists what is missing and how to fix it. */
  doctor(): Promise<DoctorReport>;
}

export interface Box {
  /** Host-side path of the box's working directory (mounted at `/box` inside). */
  readonly hostDir: string;
  writeFile(relativePath: string, content: string | Uint8Array, mode?: number): Promise<void>;
  copyIn(hostPath: string, relativePath: string, mode?: number): Promise<void>;
  readFile(relativePath: string, maxBytes: number): Promise<Buffer | null>;
  run(spec: RunSpec): Promise<RunResult>;
  /** Kills anything left and removes the box. Idempotent. */
  destroy(): Promise<void>;
}

export interface RunLimits {
  /** Total CPU time over all processes and threads of the run. */
  cpuTimeMs: number;
  wallTimeMs: number;
  memoryBytes: number;
  /** Max processes + threads alive at once. */
  processes: number;
  /** Largest file the program may write (RLIMIT_FSIZE) and cap on captured stdout/stderr. */
  outputBytes: number;
  /** Size of the private /tmp (counts against memory too). */
  tmpBytes?: number;
}

export interface RunSpec {
  /** argv[0] is looked up in the sandbox's PATH (/usr/bin, /bin). */
  argv: string[];
  env?: Record<string, string>;
  limits: RunLimits;
  /** Stdin: a file inside the box, a host file mounted read-only, or a pipe fd (interactive). */
  stdin?: { boxFile: string } | { hostFile: string } | { fd: number } | null;
  /** Where stdout goes: a file in the box (size-capped), or a pipe fd (interactive). */
  stdout?: { boxFile: string } | { fd: number } | null;
  stderr?: { boxFile: string } | null;
  /** Extra read-only mounts: host path -> absolute path inside the sandbox. */
  readOnlyMounts?: Array<{ hostPath: string; sandboxPath: string }>;
  /** Working directory inside the sandbox; defaults to /box. */
  cwd?: string;
}

export type ExitKind =
  | 'exited'          // exited by itself; see exitCode
  | 'signaled'        // killed by a signal it did not get from us; see signal
  | 'cpu-limit'       // total CPU time over the limit
  | 'wall-limit'      // wall time over the limit
  | 'memory-limit'    // memory cgroup hit its limit (OOM)
  | 'output-limit';   // wrote more than outputBytes

export interface ExecOutcome {
  kind: ExitKind;
  exitCode: number | null;
  signal: string | null;
  cpuTimeMs: number;
  wallTimeMs: number;
  peakMemoryBytes: number;
}

export type RunResult = { ok: true; outcome: ExecOutcome } | { ok: false; internalError: string };

export interface DoctorReport {
  ok: boolean;
  checks: Array<{ name: string; ok: boolean; detail: string; fix?: string }>;
}
