import { describe, expect, it } from 'vitest';
import {
  compileFailureNote, compileSucceeded, determineInteractiveVerdict, determineVerdict, firstFailureVerdict,
  validatorExitVerdict, type CheckVerdict, type RunOutcome, type TestcaseVerdict,
} from './determine-verdict';

const limits = { timeLimitMs: 1000, memoryLimitBytes: 256 * 1048576 };

function run(partial: Partial<RunOutcome>): RunOutcome {
  return { kind: 'exited', exitCode: 0, cpuTimeMs: 100, wallTimeMs: 120, peakMemoryBytes: 10 * 1048576, ...partial };
}

describe('determineVerdict', () => {
  it.each([
    ['clean run, accepted', run({}), 'accepted', 'AC'],
    ['clean run, wrong answer', run({}), 'wrong-answer', 'WA'],
    ['cpu limit', run({ kind: 'cpu-limit', exitCode: null, cpuTimeMs: 1010 }), null, 'TLE'],
    ['wall limit (sleeping)', run({ kind: 'wall-limit', exitCode: null, cpuTimeMs: 3 }), null, 'TLE'],
    ['exited just over the CPU limit before the kill', run({ cpuTimeMs: 1001 }), 'accepted', 'TLE'],
    ['exactly at the CPU limit is fine', run({ cpuTimeMs: 1000 }), 'accepted', 'AC'],
    ['non-zero exit', run({ exitCode: 1 }), null, 'RTE'],
    ['exit code 42 is still a crash for a solution', run({ exitCode: 42 }), null, 'RTE'],
    ['signal (segfault)', run({ kind: 'signaled', exitCode: null }), null, 'RTE'],
    ['memory cgroup OOM', run({ kind: 'memory-limit', exitCode: null }), null, 'MLE'],
    ['crash at the memory limit', run({ exitCode: 134, peakMemoryBytes: limits.memoryLimitBytes }), null, 'MLE'],
    ['output limit', run({ kind: 'output-limit', exitCode: null }), null, 'OLE'],
    ['output limit wins over time', run({ kind: 'output-limit', exitCode: null, cpuTimeMs: 5000 }), null, 'OLE'],
    ['memory limit wins over time', run({ kind: 'memory-limit', exitCode: null, cpuTimeMs: 5000 }), null, 'MLE'],
    ['time wins over crash', run({ exitCode: 1, cpuTimeMs: 1500 }), null, 'TLE'],
    ['crash wins over the check', run({ exitCode: 3 }), 'accepted', 'RTE'],
  ] as Array<[string, RunOutcome, CheckVerdict, TestcaseVerdict]>)('%s → %s', (_name, outcome, check, verdict) => {
    expect(determineVerdict(outcome, check, limits)).toBe(verdict);
  });

  it('refuses a clean run that was never checked', () => {
    expect(() => determineVerdict(run({}), null, limits)).toThrow(/checked/);
  });
});

describe('determineInteractiveVerdict', () => {
  it.each([
    ['validator accepted, clean', run({}), 'accepted', 'AC'],
    ['validator WA, clean', run({}), 'wrong-answer', 'WA'],
    ['validator WA, solution crashed', run({ exitCode: 1 }), 'wrong-answer', 'WA'],
    ['validator WA, solution timed out', run({ kind: 'wall-limit', exitCode: null }), 'wrong-answer', 'WA'],
    ['validator accepted, solution crashed', run({ kind: 'signaled', exitCode: null }), 'accepted', 'RTE'],
    ['validator accepted, solution over CPU', run({ kind: 'cpu-limit', exitCode: null }), 'accepted', 'TLE'],
    ['validator accepted, solution OOM', run({ kind: 'memory-limit', exitCode: null }), 'accepted', 'MLE'],
    ['validator accepted, solution flooded', run({ kind: 'output-limit', exitCode: null }), 'accepted', 'OLE'],
  ] as Array<[string, RunOutcome, 'accepted' | 'wrong-answer', TestcaseVerdict]>)('%s → %s', (_name, outcome, validator, verdict) => {
    expect(determineInteractiveVerdict(outcome, validator, limits)).toBe(verdict);
  });
});

describe('validatorExitVerdict', () => {
  it.each([
    [{ kind: 'exited', exitCode: 42 }, 'accepted'],
    [{ kind: 'exited', exitCode: 43 }, 'wrong-answer'],
    [{ kind: 'exited', exitCode: 0 }, 'judge-error'],
    [{ kind: 'exited', exitCode: 1 }, 'judge-error'],
    [{ kind: 'signaled', exitCode: null }, 'judge-error'],
    [{ kind: 'cpu-limit', exitCode: null }, 'judge-error'],
    [{ kind: 'wall-limit', exitCode: 42 }, 'judge-error'],
    [{ kind: 'memory-limit', exitCode: null }, 'judge-error'],
  ] as const)('%j → %s', (outcome, meaning) => {
    expect(validatorExitVerdict(outcome)).toBe(meaning);
  });
});

describe('compile', () => {
  it.each([
    [{ kind: 'exited', exitCode: 0 }, true],
    [{ kind: 'exited', exitCode: 1 }, false],
    [{ kind: 'cpu-limit', exitCode: null }, false],
    [{ kind: 'wall-limit', exitCode: null }, false],
    [{ kind: 'memory-limit', exitCode: null }, false],
    [{ kind: 'output-limit', exitCode: null }, false],
    [{ kind: 'signaled', exitCode: null }, false],
  ] as const)('%j succeeded = %s', (outcome, ok) => {
    expect(compileSucceeded(outcome)).toBe(ok);
  });

  it('explains limit failures and stays silent on plain errors', () => {
    const compileLimits = { timeLimitMs: 60_000, memoryLimitBytes: 2 * 1073741824 };
    expect(compileFailureNote({ kind: 'wall-limit', exitCode: null }, compileLimits)).toContain('60 s');
    expect(compileFailureNote({ kind: 'memory-limit', exitCode: null }, compileLimits)).toContain('2048 MiB');
    expect(compileFailureNote({ kind: 'exited', exitCode: 1 }, compileLimits)).toBe('');
  });
});

describe('firstFailureVerdict', () => {
  it.each([
    [[], 'AC'],
    [['AC', 'AC'], 'AC'],
    [['AC', 'WA', 'TLE'], 'WA'],
    [['TLE', 'WA'], 'TLE'],
    [['AC', 'AC', 'RTE'], 'RTE'],
  ] as Array<[TestcaseVerdict[], TestcaseVerdict]>)('%j → %s', (verdicts, verdict) => {
    expect(firstFailureVerdict(verdicts)).toBe(verdict);
  });
});
