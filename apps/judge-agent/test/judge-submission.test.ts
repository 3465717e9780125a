/**
 * The judging flow of `judgeSubmission` (order, stopping, verdict precedence, judging errors),
 * with a scripted FakeSandbox: no program runs here. The native sandbox end to end is in
 * judge-submission-native.test.ts and verify-problems.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JudgeJob, type TestcaseResult } from '@arena/protocol';
import { judgeSubmission } from '../src/steps/judge-submission';
import { createValidatorCache } from '../src/steps/validator-program';
import { createLocalFileStore, type LocalFileStore } from '../src/main/local-file-store';
import { createFakeSandbox, type FakeProgram, type FakeReply, type FakeRun } from './support/fake-sandbox';

let dir: string;
let store: LocalFileStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'arena-judge-flow-'));
  store = createLocalFileStore();
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  await writeFile(join(dir, name), content);
  return store.add(join(dir, name));
}

/** Test cases "a b" → answer a+b. Listed out of ordinal order on purpose. */
async function makeJob(overrides: { languageId?: string; problem?: Partial<JudgeJob['problem']>; kind?: JudgeJob['kind']; customInput?: string | null } = {}): Promise<JudgeJob> {
  const cases = [['secret/2', 2, '10 20', '30'], ['sample/1', 0, '1 2', '3'], ['secret/1', 1, '5 5', '10']] as const;
  const testcases = [];
  for (const [name, ordinal, input, answer] of cases) {
    testcases.push({ id: `t${ordinal}`, name, ordinal, inputSha256: await file(`${ordinal}.in`, `${input}\n`), answerSha256: await file(`${ordinal}.ans`, `${answer}\n`), isSample: ordinal === 0, extra: [] });
  }
  return JudgeJob.parse({
    leaseId: 'lease-1', kind: overrides.kind ?? 'submission', contestId: 'c', submissionId: 's1', problemId: 'p', languageId: overrides.languageId ?? 'cpp', entryPoint: null,
    source: [{ path: 'a.cpp', sha256: await file('a.cpp', 'int main() {}') }],
    limits: { timeLimitMs: 1000, memoryLimitBytes: 256 << 20, outputLimitBytes: 1 << 20, compileTimeLimitMs: 10_000, validatorTimeLimitMs: 5000, validatorMemoryLimitBytes: 256 << 20 },
    problem: { validation: 'default', validatorFlags: [], validator: [], scoring: 'pass-fail', stopAtFirstFailure: true, testGroups: [], ...overrides.problem },
    testcases,
    customInput: overrides.customInput ?? null,
  });
}

/** A successful compile: the compiler leaves the executable the run argv names. */
const compiled: FakeReply = { files: { solution: 'fake executable' } };
const isCompile = (run: FakeRun) => run.argv[0] === 'g++' || (run.argv[0] === 'python3' && run.argv.includes('py_compile'));
const sumOf = (stdin: Buffer) => stdin.toString().trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0);

/** A "program": compiles fine, prints the sum, except where `quirks` says otherwise per input. */
function adder(quirks: Record<string, FakeReply> = {}): FakeProgram {
  return (run) => {
    if (isCompile(run)) return compiled;
    const input = run.stdin.toString().trim();
    return quirks[input] ?? { stdout: `${sumOf(run.stdin)}\n` };
  };
}

async function judge(job: JudgeJob, program: FakeProgram) {
  const sandbox = createFakeSandbox(program);
  const streamed: TestcaseResult[] = [];
  // A fresh validator cache per job: the scripted validators differ while their files do not.
  const outcome = await judgeSubmission(job, { sandbox, fetchFile: (sha) => store.fetchFile(sha), onTestcase: (result) => void streamed.push(result), validatorCache: createValidatorCache() });
  return { outcome, streamed, sandbox };
}

describe('judgeSubmission flow', () => {
  it('judges every test case in ordinal order and accepts', async () => {
    const { outcome, streamed, sandbox } = await judge(await makeJob(), adder());
    expect(outcome).toMatchObject({ ok: true, result: { leaseId: 'lease-1', verdict: 'AC', compileOutput: '' } });
    expect(streamed.map((result) => result.testcaseId)).toEqual(['t0', 't1', 't2']);
    expect(streamed.every((result) => result.verdict === 'AC' && result.leaseId === 'lease-1')).toBe(true);
    expect(sandbox.boxes.every((box) => box.runs.length > 0)).toBe(true);
  });

  it('stops at the first failure for pass-fail problems', async () => {
    const { outcome, streamed } = await judge(await makeJob(), adder({ '5 5': { stdout: '11\n' } }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'WA' } });
    expect(streamed.map((result) => [result.testcaseId, result.verdict])).toEqual([['t0', 'AC'], ['t1', 'WA']]);
    expect(streamed[1]?.judgeMessage).toContain('expected "10", got "11"');
  });

  it('goes on after a failure when told to, keeping the first failure as the verdict', async () => {
    const job = await makeJob({ problem: { stopAtFirstFailure: false } });
    const { outcome, streamed } = await judge(job, adder({ '1 2': { kind: 'cpu-limit', cpuTimeMs: 1010 }, '5 5': { stdout: '0\n' } }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'TLE', maxCpuTimeMs: 1010 } });
    expect(streamed.map((result) => result.verdict)).toEqual(['TLE', 'WA', 'AC']);
  });

  it.each([
    [{ kind: 'signaled' as const }, 'RTE'],
    [{ exitCode: 1, stdout: '3\n' }, 'RTE'],
    [{ kind: 'memory-limit' as const }, 'MLE'],
    [{ kind: 'output-limit' as const }, 'OLE'],
    [{ kind: 'wall-limit' as const }, 'TLE'],
  ])('a run ending %j is %s whatever it printed', async (reply, verdict) => {
    const { outcome } = await judge(await makeJob(), adder({ '1 2': reply }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict } });
  });

  it('puts the executable back before every run, whatever the previous run did to it', async () => {
    const seen: string[] = [];
    const program: FakeProgram = async (run) => {
      if (isCompile(run)) return compiled;
      seen.push((await run.box.readFile('solution', 100))?.toString() ?? 'missing');
      // What a real program can do to a file it does not own in its own directory: remove or replace it.
      await rm(join(run.box.hostDir, 'solution'));
      return { stdout: `${sumOf(run.stdin)}\n`, files: seen.length === 1 ? {} : { solution: 'replaced by the program' } };
    };
    const { outcome } = await judge(await makeJob(), program);
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'AC' } });
    expect(seen).toEqual(['fake executable', 'fake executable', 'fake executable']);
  });

  it('a compiler that exits 0 without producing the executable is a compile error', async () => {
    const { outcome } = await judge(await makeJob(), (run) => (isCompile(run) ? {} : { stdout: '3\n' }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'CE', compileOutput: expect.stringContaining('produced no solution') } });
  });

  it('reports a compile error with the compiler output and runs nothing', async () => {
    const { outcome, streamed, sandbox } = await judge(await makeJob(), (run) => (isCompile(run) ? { exitCode: 1, files: { '.compile-stderr': 'a.cpp:1: error: expected ;' } } : { stdout: '3\n' }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'CE', compileOutput: 'a.cpp:1: error: expected ;' }, testcases: [] });
    expect(streamed).toEqual([]);
    expect(sandbox.boxes[0]?.runs).toHaveLength(1);
  });

  it('a compiler over its time limit is a compile error, said so', async () => {
    const { outcome } = await judge(await makeJob(), (run) => (isCompile(run) ? { kind: 'wall-limit' } : {}));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'CE' } });
    expect(outcome.ok && outcome.result.compileOutput).toContain('longer than the 10 s limit');
  });

  it('a sandbox failure while compiling is a judging error, not CE', async () => {
    const { outcome } = await judge(await makeJob(), (run) => (isCompile(run) ? { internalError: 'cgroup vanished' } : { stdout: '3\n' }));
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('cgroup vanished') });
  });

  it('a sandbox failure on a test case is a judging error, not a verdict', async () => {
    const { outcome } = await judge(await makeJob(), adder({ '5 5': { internalError: 'bwrap died' } }));
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('bwrap died') });
  });

  it('an unknown language or an unfetchable file is a judging error', async () => {
    expect((await judge(await makeJob({ languageId: 'cobol' }), adder())).outcome).toEqual({ ok: false, failure: expect.stringContaining('cobol') });
    const job = await makeJob();
    const outcome = await judgeSubmission(job, { sandbox: createFakeSandbox(adder()), fetchFile: async () => { throw new Error('host unreachable'); } });
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('host unreachable') });
  });

  it('stops between test cases once aborted, as a judging error', async () => {
    const controller = new AbortController();
    const job = await makeJob();
    const streamed: TestcaseResult[] = [];
    const outcome = await judgeSubmission(job, {
      sandbox: createFakeSandbox(adder()),
      fetchFile: (sha) => store.fetchFile(sha),
      signal: controller.signal,
      onTestcase: (result) => {
        streamed.push(result);
        controller.abort();
      },
    });
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('aborted') });
    expect(streamed).toHaveLength(1);
  });

  it('broken default-validator flags are a judging error', async () => {
    const { outcome } = await judge(await makeJob({ problem: { validatorFlags: ['float_tolerance'] } }), adder());
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('float_tolerance') });
  });

  it('a test run returns the output and checks nothing', async () => {
    const job = await makeJob({ kind: 'test-run', customInput: '40 2\n' });
    const { outcome, streamed } = await judge(job, adder());
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'AC' } });
    expect(streamed).toEqual([expect.objectContaining({ testcaseId: 'custom', output: '42\n', verdict: 'AC' })]);
  });

  it('a test run without custom input checks its test cases (the samples) and returns each output', async () => {
    const job = await makeJob({ kind: 'test-run', customInput: null, problem: { stopAtFirstFailure: false } });
    const { outcome, streamed } = await judge(job, adder({ '1 2': { stdout: '4\n' } }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'WA' } });
    expect(streamed.map((r) => [r.testcaseId, r.verdict, r.output])).toEqual([['t0', 'WA', '4\n'], ['t1', 'AC', '10\n'], ['t2', 'AC', '30\n']]);
  });
});

describe('judgeSubmission with a custom validator (scripted)', () => {
  /** Validator runs are `sh -c ... feedbackDir validator-argv... input answer feedbackDir/ flags`. */
  function withValidator(decide: (teamOutput: string, flags: string[]) => { exitCode: number; judge?: string; team?: string; score?: string }): FakeProgram {
    return (run) => {
      if (isCompile(run)) return compiled;
      if (run.argv[0] === 'sh') {
        const feedbackDir = run.argv[4] ?? '';
        const flags = run.argv.slice(run.argv.indexOf(`${feedbackDir}/`) + 1);
        const decision = decide(run.stdin.toString(), flags);
        const files: Record<string, string> = {};
        if (decision.judge !== undefined) files[`${feedbackDir}/judgemessage.txt`] = decision.judge;
        if (decision.team !== undefined) files[`${feedbackDir}/teammessage.txt`] = decision.team;
        if (decision.score !== undefined) files[`${feedbackDir}/score.txt`] = decision.score;
        return { exitCode: decision.exitCode, files };
      }
      return { stdout: `${sumOf(run.stdin)}\n` };
    };
  }

  async function customJob(problem: Partial<JudgeJob['problem']> = {}) {
    return makeJob({ problem: { validation: 'custom', validator: [{ path: 'validator.py', sha256: await file('validator.py', 'import sys') }], validatorFlags: ['strict'], ...problem } });
  }

  it('exit 42 accepts, 43 rejects with the messages; flags reach the validator', async () => {
    const seenFlags: string[][] = [];
    const { outcome, streamed } = await judge(await customJob(), withValidator((output, flags) => {
      seenFlags.push(flags);
      return output.trim() === '10' ? { exitCode: 43, judge: 'ten is wrong', team: 'try again' } : { exitCode: 42 };
    }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'WA' } });
    expect(streamed[1]).toMatchObject({ verdict: 'WA', judgeMessage: 'ten is wrong', teamMessage: 'try again' });
    expect(seenFlags).toEqual([['strict'], ['strict']]);
  });

  it('any other validator exit is a judging error', async () => {
    const { outcome } = await judge(await customJob(), withValidator(() => ({ exitCode: 1, judge: 'assertion failed' })));
    expect(outcome).toEqual({ ok: false, failure: expect.stringMatching(/exited with code 1.*assertion failed/s) });
  });

  it('scores from score.txt aggregate over test groups; scoring problems run every case', async () => {
    const job = await customJob({
      scoring: 'score',
      testGroups: [{ path: 'secret', maxScore: 100, aggregation: 'sum', requirePass: [] }],
    });
    const { outcome, streamed } = await judge(job, withValidator((output) => (output.trim() === '10' ? { exitCode: 43 } : { exitCode: 42, score: output.trim() === '30' ? '0.5' : '1' })));
    expect(streamed.map((result) => [result.verdict, result.score])).toEqual([['AC', 1], ['WA', undefined], ['AC', 0.5]]);
    // secret/1 rejected (0 of 1), secret/2 accepted with 0.5 of 1 → 25 of 100.
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'WA', score: 25 } });
  });

  it('without a cache of its own, a job reuses the validator an earlier job of this process built', async () => {
    const job = await makeJob({ problem: { validation: 'custom', validator: [{ path: 'validator.py', sha256: await file('shared-validator.py', '# shared across jobs') }] } });
    let validatorCompiles = 0;
    const program = withValidator(() => ({ exitCode: 42 }));
    const counting: FakeProgram = (run) => {
      if (run.argv.includes('validator.py') && run.argv.includes('py_compile')) validatorCompiles++;
      return program(run);
    };
    for (let i = 0; i < 2; i++) {
      const outcome = await judgeSubmission(job, { sandbox: createFakeSandbox(counting), fetchFile: (sha) => store.fetchFile(sha) });
      expect(outcome).toMatchObject({ ok: true, result: { verdict: 'AC' } });
    }
    expect(validatorCompiles).toBe(1);
  });

  it('a validator that does not compile is a judging error', async () => {
    const program: FakeProgram = (run) => (run.argv.includes('py_compile') ? { exitCode: 1, stdout: 'SyntaxError' } : isCompile(run) ? compiled : { stdout: '3\n' });
    const { outcome } = await judge(await customJob(), program);
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('does not compile') });
  });
});
