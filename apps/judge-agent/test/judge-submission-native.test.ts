/**
 * `judgeSubmission` end to end through the REAL native sandbox on the `add` fixture: limits
 * (memory, output, compile), stack depth bounded only by the memory limit, Java entry points,
 * test runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeJob, TestcaseResult } from '@arena/protocol';
import type { Sandbox } from '../src/sandbox/sandbox';
import { judgeSubmission, type JudgeOutcome } from '../src/steps/judge-submission';
import { buildLocalJob } from '../src/main/judge-local';
import { createLocalFileStore, type LocalFileStore } from '../src/main/local-file-store';
import { loadProblemPackage, type ProblemPackage } from '../src/main/problem-package';
import { createTestSandbox } from './support/native-sandbox-for-tests';

let sandbox: Sandbox;
let cleanup: () => Promise<void>;
let dir: string;
let store: LocalFileStore;
let add: ProblemPackage;

beforeAll(async () => {
  ({ sandbox, cleanup } = await createTestSandbox());
  dir = await mkdtemp(join(tmpdir(), 'arena-native-judge-'));
  store = createLocalFileStore();
  add = await loadProblemPackage(join(import.meta.dirname, 'fixtures', 'problems', 'add'));
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
  await cleanup();
});

async function judgeSource(languageId: string, fileName: string, source: string, adjust: (job: JudgeJob) => JudgeJob = (job) => job): Promise<{ outcome: JudgeOutcome; streamed: TestcaseResult[] }> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${fileName}`);
  await writeFile(path, source);
  const job = adjust(await buildLocalJob(add, { languageId, entryPoint: null, files: [{ path: fileName, hostPath: path }] }, store, 2000));
  const streamed: TestcaseResult[] = [];
  const outcome = await judgeSubmission(job, { sandbox, fetchFile: (sha) => store.fetchFile(sha), onTestcase: (result) => void streamed.push(result) });
  return { outcome, streamed };
}

const verdictOf = (outcome: JudgeOutcome) => (outcome.ok ? outcome.result.verdict : `JE: ${outcome.failure}`);

describe('judgeSubmission through the native sandbox', () => {
  it('MLE: a program touching more memory than the limit', async () => {
    const { outcome, streamed } = await judgeSource('cpp', 'hog.cpp', `
      #include <cstdio>
      #include <cstdlib>
      #include <cstring>
      int main() {
        for (int i = 0; i < 64; ++i) { char* p = static_cast<char*>(std::malloc(64 << 20)); if (p) std::memset(p, 1, 64 << 20); }
        std::puts("7");
      }`);
    expect(verdictOf(outcome)).toBe('MLE');
    expect(streamed[0]?.memoryBytes).toBeGreaterThan(400 * 1048576);
  }, 60_000);

  it('OLE: a program printing without end', async () => {
    const { outcome } = await judgeSource('c', 'flood.c', '#include <stdio.h>\nint main(void) { for (;;) fputs("7777777777777777\\n", stdout); }\n');
    expect(verdictOf(outcome)).toBe('OLE');
  }, 60_000);

  it('CE: a syntax error, with the compiler message for the team', async () => {
    const { outcome } = await judgeSource('cpp', 'broken.cpp', 'int main() { return 0 }\n');
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'CE' } });
    expect(outcome.ok && outcome.result.compileOutput).toMatch(/error/);
  }, 60_000);

  it('CE: a compile-time attack hits the compile limits', async () => {
    const { outcome } = await judgeSource('cpp', 'zero.cpp', '#include "/dev/zero"\nint main() {}\n', (job) => ({ ...job, limits: { ...job.limits, compileTimeLimitMs: 3000 } }));
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'CE' } });
  }, 60_000);

  it('CE: a Python syntax error is caught before running', async () => {
    const { outcome } = await judgeSource('python3', 'bad.py', 'print(1 +\n');
    expect(outcome).toMatchObject({ ok: true, result: { verdict: 'CE' } });
    expect(outcome.ok && outcome.result.compileOutput).toContain('SyntaxError');
  }, 60_000);

  it.each([
    ['cpp', 'deep.cpp', `
      #include <iostream>
      long long depth(long long n) { volatile char pad[64]; pad[0] = 1; return n == 0 ? pad[0] - 1 : depth(n - 1) + 1 + pad[0] - 1; }
      int main() { long long a, b; std::cin >> a >> b; std::cout << depth(2000000) - 2000000 + a + b << '\\n'; }`],
    ['java', 'Deep.java', `
      import java.util.Scanner;
      public class Deep {
        static long depth(long n) { return n == 0 ? 0 : depth(n - 1) + 1; }
        public static void main(String[] args) { Scanner in = new Scanner(System.in); long a = in.nextLong(), b = in.nextLong(); System.out.println(depth(1000000) - 1000000 + a + b); }
      }`],
    ['python3', 'deep.py', `
import sys
sys.setrecursionlimit(10**6)
def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1
a, b = map(int, sys.stdin.read().split())
print(depth(200000) - 200000 + a + b)
`],
  ])('%s: deep recursion is limited only by the memory limit', async (language, file, source) => {
    const { outcome } = await judgeSource(language, file, source);
    expect(verdictOf(outcome)).toBe('AC');
  }, 120_000);

  it('java: the main class is found from the file declaring main, inside its package', async () => {
    const { outcome } = await judgeSource('java', 'Solver.java', `
      package contest.add;
      import java.util.Scanner;
      public class Solver {
        public static void main(String[] args) { Scanner in = new Scanner(System.in); System.out.println(in.nextLong() + in.nextLong()); }
      }`);
    expect(verdictOf(outcome)).toBe('AC');
  }, 60_000);

  it('a program cannot pass state from one test case to the next through its box', async () => {
    // Without a reset between runs, the memo file written in test 1 would turn test 2 into WA,
    // and the replaced source would run from test 2 on.
    const { outcome, streamed } = await judgeSource('python3', 'memo.py', [
      'import os, sys',
      'a, b = map(int, sys.stdin.read().split())',
      "if os.path.exists('memo'):",
      '    print(a + b + 1)',
      'else:',
      "    open('memo', 'w').write('seen')",
      '    print(a + b)',
      'try:',
      '    os.remove(__file__)',
      "    open(__file__, 'w').write('print(0)')",
      'except OSError:',
      '    pass',
    ].join('\n'));
    expect(verdictOf(outcome)).toBe('AC');
    expect(streamed.length).toBeGreaterThan(2);
  }, 60_000);

  it('a program that deletes its own executable gets its verdict, not a judging error', async () => {
    const { outcome, streamed } = await judgeSource('c', 'vanish.c', `
      #include <stdio.h>
      #include <unistd.h>
      int main(void) {
        long long a, b;
        if (unlink("solution") != 0) return 9;
        if (scanf("%lld %lld", &a, &b) != 2) return 1;
        printf("%lld\\n", a + b);
        return 0;
      }`);
    expect(verdictOf(outcome)).toBe('AC');
    expect(streamed).toHaveLength(5);
  }, 60_000);

  it('a test run returns the program output for the contestant input', async () => {
    const { outcome, streamed } = await judgeSource('python3', 'echo.py', 'import sys\nprint(sum(map(int, sys.stdin.read().split())))\n', (job) => ({ ...job, kind: 'test-run', customInput: '40 2\n' }));
    expect(verdictOf(outcome)).toBe('AC');
    expect(streamed).toEqual([expect.objectContaining({ testcaseId: 'custom', output: '42\n' })]);
  }, 60_000);

  it('a program cannot read the answer files: only its input reaches it', async () => {
    const { outcome } = await judgeSource('python3', 'snoop.py', `
import os, sys
found = []
for root in ["/", "/judge", "/box", "/tmp"]:
    try:
        found += [n for n in os.listdir(root) if n.endswith(".ans")]
    except OSError:
        pass
a, b = map(int, sys.stdin.read().split())
print(a + b if not found else -1)
`);
    expect(verdictOf(outcome)).toBe('AC');
  }, 60_000);
});
