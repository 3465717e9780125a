import { describe, expect, it } from 'vitest';
import { decideOutcome, signalFromExitStatus, type RunObservation } from './run-outcome.js';
import type { RunLimits } from './sandbox.js';

const limits: RunLimits = { cpuTimeMs: 1000, wallTimeMs: 3000, memoryBytes: 64 << 20, processes: 8, outputBytes: 1000 };
const clean: RunObservation = {
  killedFor: null, exitStatus: 0, oomKills: 0, cpuTimeMs: 10, wallTimeMs: 20, peakMemoryBytes: 1 << 20, largestOutputBytes: 10,
};

describe('decideOutcome', () => {
  it.each<[string, Partial<RunObservation>, string, number | null, string | null]>([
    ['clean exit', {}, 'exited', 0, null],
    ['non-zero exit', { exitStatus: 3 }, 'exited', 3, null],
    ['exit 255 is an exit code, not a signal', { exitStatus: 255 }, 'exited', 255, null],
    ['SIGSEGV', { exitStatus: 128 + 11 }, 'signaled', null, 'SIGSEGV'],
    ['SIGKILL not from the judge', { exitStatus: 137 }, 'signaled', null, 'SIGKILL'],
    ['OOM kill', { exitStatus: 137, oomKills: 1 }, 'memory-limit', null, 'SIGKILL'],
    ['OOM kill of a child while main exits 0', { oomKills: 1 }, 'memory-limit', null, null],
    ['OOM wins over a CPU kill', { killedFor: 'cpu-limit', oomKills: 2, exitStatus: 137 }, 'memory-limit', null, 'SIGKILL'],
    ['judge killed for CPU', { killedFor: 'cpu-limit', exitStatus: 137, cpuTimeMs: 1005 }, 'cpu-limit', null, 'SIGKILL'],
    ['CPU over the limit though it exited', { cpuTimeMs: 1001 }, 'cpu-limit', null, null],
    ['SIGXCPU from the rlimit backstop', { exitStatus: 128 + 24 }, 'cpu-limit', null, 'SIGXCPU'],
    ['judge killed for wall time', { killedFor: 'wall-limit', exitStatus: 137 }, 'wall-limit', null, 'SIGKILL'],
    ['CPU over the limit beats wall kill', { killedFor: 'wall-limit', exitStatus: 137, cpuTimeMs: 1200 }, 'cpu-limit', null, 'SIGKILL'],
    ['SIGXFSZ from the file size rlimit', { exitStatus: 128 + 25 }, 'output-limit', null, 'SIGXFSZ'],
    ['captured output reached the cap', { largestOutputBytes: 1000 }, 'output-limit', null, null],
  ])('%s', (_name, change, kind, exitCode, signal) => {
    const outcome = decideOutcome({ ...clean, ...change }, limits);
    expect(outcome).toMatchObject({ kind, exitCode, signal });
  });

  it('passes the measurements through', () => {
    expect(decideOutcome(clean, limits)).toMatchObject({ cpuTimeMs: 10, wallTimeMs: 20, peakMemoryBytes: 1 << 20 });
  });
});

describe('signalFromExitStatus', () => {
  it.each([[0, null], [1, null], [128, null], [129, 'SIGHUP'], [137, 'SIGKILL'], [200, null]])('%i -> %s', (status, name) => {
    expect(signalFromExitStatus(status)).toBe(name);
  });
});
