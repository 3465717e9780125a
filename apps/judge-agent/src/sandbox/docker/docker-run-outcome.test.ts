import { describe, expect, it } from 'vitest';
import type { RunLimits } from '../sandbox';
import { dockerOutcome } from './docker-run-outcome';
import type { RunnerReport } from './runner-protocol';

const MIB = 1024 * 1024;
const limits: RunLimits = { cpuTimeMs: 1000, wallTimeMs: 3000, memoryBytes: 64 * MIB, processes: 16, outputBytes: MIB };
const base: RunnerReport = { waitStatus: 0, cpuTimeMs: 10, wallTimeMs: 20, peakMemoryBytes: 4 * MIB, oomKills: 0, killedFor: null, scratchClean: true };

describe('dockerOutcome', () => {
  it.each<[string, Partial<RunnerReport>, number, string]>([
    ['clean exit', {}, 0, 'exited'],
    ['exit code 3', { waitStatus: 3 << 8 }, 0, 'exited'],
    ['segfault', { waitStatus: 11 }, 0, 'signaled'],
    ['cgroup OOM kill', { waitStatus: 9, oomKills: 1, peakMemoryBytes: 60 * MIB }, 0, 'memory-limit'],
    ['OOM counted even when the program exited', { waitStatus: 1 << 8, oomKills: 1 }, 0, 'memory-limit'],
    ['SIGKILL at the limit, cgroup invisible', { waitStatus: 9, oomKills: null, peakMemoryBytes: 63 * MIB }, 0, 'memory-limit'],
    ['SIGKILL far below the limit, cgroup invisible', { waitStatus: 9, oomKills: null, peakMemoryBytes: 5 * MIB }, 0, 'signaled'],
    ['SIGKILL far below the limit, cgroup says no OOM', { waitStatus: 9, oomKills: 0, peakMemoryBytes: 63 * MIB }, 0, 'signaled'],
    ['runner killed it for CPU', { waitStatus: 9, killedFor: 'cpu-limit', cpuTimeMs: 1005 }, 0, 'cpu-limit'],
    ['runner killed it for wall time', { waitStatus: 9, killedFor: 'wall-limit', peakMemoryBytes: 63 * MIB, oomKills: null }, 0, 'wall-limit'],
    ['RLIMIT_CPU backstop', { waitStatus: 24 }, 0, 'cpu-limit'],
    ['file size limit', { waitStatus: 25 }, 0, 'output-limit'],
    ['output file at the cap', {}, MIB, 'output-limit'],
  ])('%s', (_name, report, largestOutputBytes, kind) => {
    expect(dockerOutcome({ ...base, ...report }, limits, largestOutputBytes).kind).toBe(kind);
  });

  it('caps the peak (RSS, which counts shared library pages) at the memory limit', () => {
    expect(dockerOutcome({ ...base, waitStatus: 9, oomKills: 1, peakMemoryBytes: 64 * MIB + 65536 }, limits, 0).peakMemoryBytes).toBe(64 * MIB);
    expect(dockerOutcome({ ...base, peakMemoryBytes: 10 * MIB }, limits, 0).peakMemoryBytes).toBe(10 * MIB);
  });

  it('passes the measurements through', () => {
    expect(dockerOutcome({ ...base, waitStatus: 2 << 8 }, limits, 0)).toEqual({ kind: 'exited', exitCode: 2, signal: null, cpuTimeMs: 10, wallTimeMs: 20, peakMemoryBytes: 4 * MIB });
  });
});
