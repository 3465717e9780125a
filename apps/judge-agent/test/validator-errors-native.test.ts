/**
 * Output validators are jury code: when one misbehaves the JUDGE failed (`ok: false`, the job
 * is re-queued), never the team. Through the REAL native sandbox, with packages in a private
 * temporary directory (so the test data is copied into the validator's box, not bound).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/sandbox';
import { judgeLocally } from '../src/main/judge-local';
import { createLocalFileStore, type LocalFileStore } from '../src/main/local-file-store';
import { loadProblemPackage } from '../src/main/problem-package';
import { createTestSandbox } from './support/native-sandbox-for-tests';

let sandbox: Sandbox;
let cleanup: () => Promise<void>;
let scratch: string;
let store: LocalFileStore;

beforeAll(async () => {
  ({ sandbox, cleanup } = await createTestSandbox());
  scratch = await mkdtemp(join(tmpdir(), 'arena-validator-errors-'));
  store = createLocalFileStore();
});

afterAll(async () => {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
  await cleanup();
});

const ECHO_SOLUTION = 'import sys\nprint(sys.stdin.read().strip())\n';

/** A package whose output validator is `validator.py` with the given body; one test case "5". */
async function judgeWithValidator(name: string, validation: string, validator: string, solution = ECHO_SOLUTION) {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'data', 'secret'), { recursive: true });
  await mkdir(join(dir, 'output_validators', 'check'), { recursive: true });
  await writeFile(join(dir, 'problem.yaml'), `name: ${name}\nvalidation: ${validation}\nlimits:\n  memory: 256\n  validation_time: 1\n`);
  await writeFile(join(dir, 'data', 'secret', '1.in'), '5\n');
  await writeFile(join(dir, 'data', 'secret', '1.ans'), '5\n');
  await writeFile(join(dir, 'output_validators', 'check', 'validator.py'), validator);
  await writeFile(join(dir, 'solution.py'), solution);
  const pkg = await loadProblemPackage(dir);
  return judgeLocally(pkg, { languageId: 'python3', entryPoint: null, files: [{ path: 'solution.py', hostPath: join(dir, 'solution.py') }] }, { sandbox, store, timeLimitMs: 2000 });
}

describe('misbehaving output validators (native sandbox)', () => {
  it('a working custom validator reads the copied input and answer and accepts', async () => {
    const validator = [
      'import sys',
      'inp, ans, fb = sys.argv[1:4]',
      'ok = open(inp).read().strip() == open(ans).read().strip() == sys.stdin.read().strip()',
      'open(fb + "judgemessage.txt", "w").write("compared")',
      'sys.exit(42 if ok else 43)',
    ].join('\n');
    expect(await judgeWithValidator('works', 'custom', validator)).toMatchObject({ ok: true, verdict: 'AC' });
  }, 60_000);

  it('exit code 1 is a judging error', async () => {
    const outcome = await judgeWithValidator('exit1', 'custom', 'import sys\nsys.exit(1)\n');
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('exited with code 1') });
  }, 60_000);

  it('a crash (uncaught exception) is a judging error', async () => {
    const outcome = await judgeWithValidator('crash', 'custom', 'raise SystemError("validator bug")\n');
    expect(outcome.ok).toBe(false);
  }, 60_000);

  it('a validator over its own time limit is a judging error, not TLE for the team', async () => {
    const outcome = await judgeWithValidator('slow', 'custom', 'while True:\n    pass\n');
    expect(outcome).toEqual({ ok: false, failure: expect.stringMatching(/hit its (cpu|wall)-limit/) });
  }, 60_000);

  it('an interactive validator that crashes is a judging error', async () => {
    const outcome = await judgeWithValidator('interactive-crash', 'custom interactive', 'import sys\nsys.stdin.readline()\nsys.exit(3)\n', 'print("hi", flush=True)\n');
    expect(outcome).toEqual({ ok: false, failure: expect.stringContaining('exited with code 3') });
  }, 60_000);

  it('an interactive exchange through the pipes, with the copied test data', async () => {
    const validator = [
      'import sys',
      'secret = open(sys.argv[1]).read().strip()',
      'print("go", flush=True)',
      'reply = sys.stdin.readline().strip()',
      'sys.exit(42 if reply == secret else 43)',
    ].join('\n');
    const cheat = 'input()\nprint(5, flush=True)\n';
    const wrong = 'input()\nprint(6, flush=True)\n';
    expect(await judgeWithValidator('interactive-ok', 'custom interactive', validator, cheat)).toMatchObject({ ok: true, verdict: 'AC' });
    expect(await judgeWithValidator('interactive-wa', 'custom interactive', validator, wrong)).toMatchObject({ ok: true, verdict: 'WA' });
  }, 60_000);
});
