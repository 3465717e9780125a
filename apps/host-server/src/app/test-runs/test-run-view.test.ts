import { describe, expect, it } from 'vitest';
import type { TestRunRow } from '../../adapters/sqlite/repos/test-run-repo';
import { withCase, type StoredTestRunCase } from './test-run-cases';
import { testRunView } from './test-run-view';

const blobs: Record<string, string> = { in1: '1 2\n', ans1: '3\n', in2: 'x'.repeat(70_000) };
const read = (sha: string) => blobs[sha];

function row(overrides: Partial<TestRunRow> = {}): TestRunRow {
  return {
    contestId: 'c', id: 'tr-1', teamId: 't1', problemId: 'p', languageId: 'cpp', files: '[]', zipSha256: 'z', entryPoint: null,
    input: null, state: 'pending', verdict: null, compileOutput: '', cases: '[]', error: null, createdMs: 5, finishedMs: null,
    queueState: 'queued', ...overrides,
  };
}

const sample = (index: number, inputSha256: string, answerSha256: string): StoredTestRunCase => ({
  testcaseId: `s${index}`, index, label: `sample ${index + 1}`, verdict: 'AC', cpuTimeMs: 1, output: 'out', inputSha256, answerSha256,
});

describe('testRunView', () => {
  it.each([
    ['pending, queued', { state: 'pending', queueState: 'queued' }, 'queued'],
    ['pending, leased', { state: 'pending', queueState: 'leased' }, 'judging'],
    ['done', { state: 'done', queueState: 'done', verdict: 'WA' }, 'done'],
    ['failed', { state: 'failed', queueState: 'done', error: 'judge broke' }, 'failed'],
  ] as const)('%s → %s', (_name, overrides, state) => {
    const view = testRunView(row(overrides), read);
    expect(view.state).toBe(state);
    // A verdict only when done; an error only when failed.
    expect(view.verdict).toBe(state === 'done' ? 'WA' : null);
    expect(view.error).toBe(state === 'failed' ? 'judge broke' : null);
  });

  it('shows sample cases in judging order with input and expected answer (long text cut), custom input without one', () => {
    const cases = withCase(withCase([], sample(1, 'in2', 'ans1')), sample(0, 'in1', 'ans1'));
    const view = testRunView(row({ cases: JSON.stringify(cases) }), read);
    expect(view.cases.map((c) => c.label)).toEqual(['sample 1', 'sample 2']);
    expect(view.cases[0]).toMatchObject({ input: '1 2\n', expected: '3\n', output: 'out' });
    expect(view.cases[1]!.input.length).toBeLessThan(66_000);
    expect(view.cases[1]!.input).toMatch(/truncated\]$/);

    const custom: StoredTestRunCase = { testcaseId: 'custom', index: 0, label: 'custom input', verdict: 'AC', cpuTimeMs: 2, output: '42\n', inputSha256: null, answerSha256: null };
    expect(testRunView(row({ input: '40 2\n', cases: JSON.stringify([custom]) }), read).cases)
      .toEqual([{ label: 'custom input', verdict: 'AC', cpuTimeMs: 2, input: '40 2\n', output: '42\n', expected: null }]);
  });

  it('a repeated case replaces the stored one; a broken stored value reads as no cases', () => {
    const first = sample(0, 'in1', 'ans1');
    expect(withCase([first], { ...first, verdict: 'WA' })).toEqual([{ ...first, verdict: 'WA' }]);
    expect(testRunView(row({ cases: '{not json' }), read).cases).toEqual([]);
  });
});
