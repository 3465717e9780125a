/**
 * Decides how a run ended from what the sandbox observed (pure). Limits the judge enforced
 * itself win over what the program's exit status looks like, and the kernel's OOM count wins
 * over everything: an OOM-killed program often just shows SIGKILL.
 */
import type { ExecOutcome, RunLimits } from './sandbox.js';
import { constants } from 'node:os';

export interface RunObservation {
  /** Why the judge killed the run, if it did. */
  killedFor: 'cpu-limit' | 'wall-limit' | null;
  /** bwrap's exit status: the program's exit code, or 128 + signal number if a signal killed it. */
  exitStatus: number;
  oomKills: number;
  cpuTimeMs: number;
  wallTimeMs: number;
  peakMemoryBytes: number;
  /** Largest size among the captured stdout/stderr files, 0 if none. */
  largestOutputBytes: number;
}

const signalNames = new Map<number, string>(
  Object.entries(constants.signals).map(([name, number]) => [number, name]),
);

/** Signal name for a 128+N exit status, or null when the status is a plain exit code. */
export function signalFromExitStatus(exitStatus: number): string | null {
  if (exitStatus <= 128) return null;
  return signalNames.get(exitStatus - 128) ?? null;
}

export function decideOutcome(observation: RunObservation, limits: RunLimits): ExecOutcome {
  const signal = signalFromExitStatus(observation.exitStatus);
  const measured = {
    cpuTimeMs: observation.cpuTimeMs,
    wallTimeMs: observation.wallTimeMs,
    peakMemoryBytes: observation.peakMemoryBytes,
  };
  const limited = (kind: ExecOutcome['kind']): ExecOutcome => ({ kind, exitCode: null, signal, ...measured });
  if (observation.oomKills > 0) return limited('memory-limit');
  if (observation.killedFor === 'cpu-limit' || observation.cpuTimeMs > limits.cpuTimeMs || signal === 'SIGXCPU') {
    return limited('cpu-limit');
  }
  if (observation.killedFor === 'wall-limit') return limited('wall-limit');
  if (signal === 'SIGXFSZ' || observation.largestOutputBytes >= limits.outputBytes) return limited('output-limit');
  if (signal !== null) return { kind: 'signaled', exitCode: null, signal, ...measured };
  return { kind: 'exited', exitCode: observation.exitStatus, signal: null, ...measured };
}
