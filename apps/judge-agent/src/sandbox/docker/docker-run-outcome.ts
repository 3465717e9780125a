/**
 * Turns a runner report into an ExecOutcome (pure), with the same rules as the native backend
 * (`decideOutcome`). The memory verdict comes from the container cgroup's OOM-kill count as the
 * runner read it; only when the runner cannot see the cgroup does an unexplained SIGKILL with a
 * peak at the limit count as OOM. `State.OOMKilled` is never consulted (Podman does not set it).
 */
import { decideOutcome } from '../run-outcome.js';
import type { ExecOutcome, RunLimits } from '../sandbox.js';
import { waitStatusToExitStatus, type RunnerReport } from './runner-protocol.js';

/** Peak RSS at or above this share of the limit, with an unexplained SIGKILL, counts as OOM when the cgroup is invisible. */
const OOM_PEAK_SHARE = 0.9;
const SIGKILL_STATUS = 128 + 9;

export function dockerOutcome(report: RunnerReport, limits: RunLimits, largestOutputBytes: number): ExecOutcome {
  const exitStatus = waitStatusToExitStatus(report.waitStatus);
  const inferredOom = report.oomKills === null
    && report.killedFor === null
    && exitStatus === SIGKILL_STATUS
    && report.peakMemoryBytes >= limits.memoryBytes * OOM_PEAK_SHARE;
  return decideOutcome({
    killedFor: report.killedFor,
    exitStatus,
    oomKills: report.oomKills ?? (inferredOom ? 1 : 0),
    cpuTimeMs: report.cpuTimeMs,
    wallTimeMs: report.wallTimeMs,
    // ru_maxrss also counts shared file pages (libc, the binary) that the memory cgroup charged to
    // whoever read them first; what the run can have used is capped by its limit.
    peakMemoryBytes: Math.min(report.peakMemoryBytes, limits.memoryBytes),
    largestOutputBytes,
  }, limits);
}
