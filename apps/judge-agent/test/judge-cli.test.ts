/**
 * The `pnpm judge` command line as an operator runs it: real processes, the real native sandbox.
 * stdout must carry only the result (pure JSON with --json); logs go to stderr.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const problems = join(import.meta.dirname, 'fixtures', 'problems');
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'arena-judge-cli-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function judgeCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('pnpm', ['--silent', 'judge', ...args], { cwd: repoRoot, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout, stderr });
    });
  });
}

describe('pnpm judge', () => {
  it('run --json prints only the judgement as JSON', async () => {
    const file = join(problems, 'add', 'submissions', 'accepted', 'add.c');
    const { code, stdout, stderr } = await judgeCli(['run', '--problem', join(problems, 'add'), '--language', 'c', '--json', '--work-dir', workDir, file]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '') as { verdict: string; testcases: Array<{ name: string; verdict: string; cpuTimeMs: number; wallTimeMs: number; memoryBytes: number }>; compileOutput: string };
    expect(result.verdict).toBe('AC');
    expect(result.testcases.map((testcase) => testcase.name)).toEqual(['sample/1', 'secret/01-zero', 'secret/02-big', 'secret/03-negative', 'secret/04-spaces']);
    expect(Object.keys(result.testcases[0] ?? {}).sort()).toEqual(['cpuTimeMs', 'memoryBytes', 'name', 'verdict', 'wallTimeMs']);
    expect(result.compileOutput).toBe('');
    expect(stderr).toContain('judging');
  }, 120_000);

  it('run reports a wrong answer and infers the language from the extension', async () => {
    const file = join(problems, 'add', 'submissions', 'wrong_answer', 'off_by_one.py');
    const { code, stdout } = await judgeCli(['run', '--problem', join(problems, 'add'), '--json', '--work-dir', workDir, file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ verdict: 'WA', testcases: [{ name: 'sample/1', verdict: 'WA' }] });
  }, 120_000);

  it('run on a legacy package without a time limit derives one from its accepted submissions', async () => {
    const file = join(problems, 'circle', 'submissions', 'accepted', 'repr.py');
    const derived = await judgeCli(['run', '--problem', join(problems, 'circle'), '--json', '--work-dir', workDir, file]);
    expect(derived.code).toBe(0);
    expect(JSON.parse(derived.stdout)).toMatchObject({ verdict: 'AC' });
    expect(derived.stderr).toContain('derived time limit: 1000 ms');
    const given = await judgeCli(['run', '--problem', join(problems, 'circle'), '--time-limit', '2', '--json', '--work-dir', workDir, file]);
    expect(given.code).toBe(0);
    expect(given.stderr).not.toContain('derived');
  }, 120_000);

  it('run asks for --time-limit when nothing can give one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arena-no-limit-'));
    try {
      await mkdir(join(dir, 'data', 'secret'), { recursive: true });
      await writeFile(join(dir, 'problem.yaml'), 'name: No Limit\n');
      await writeFile(join(dir, 'data', 'secret', '1.in'), '1 2\n');
      await writeFile(join(dir, 'data', 'secret', '1.ans'), '3\n');
      const { code, stderr, stdout } = await judgeCli(['run', '--problem', dir, '--work-dir', workDir, join(problems, 'add', 'submissions', 'accepted', 'add.py')]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('--time-limit');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('bad usage exits 2; a directory that is not a package exits 1 with a clear error', async () => {
    const usage = await judgeCli(['run', 'x.c']);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    const notPackage = await judgeCli(['run', '--problem', workDir, '--language', 'c', '--work-dir', workDir, join(problems, 'add', 'submissions', 'accepted', 'add.c')]);
    expect(notPackage.code).toBe(1);
    expect(notPackage.stderr).toMatch(/no problem\.yaml/);
  }, 60_000);

  it('verify-problem --json reports every submission and exits 0 when all match', async () => {
    const { code, stdout } = await judgeCli(['verify-problem', join(problems, 'pair-sum'), '--json', '--work-dir', workDir]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { mismatches: number; submissions: Array<{ path: string; ok: boolean }>; suggestion: { timeLimitMs: number } | null };
    expect(report.mismatches).toBe(0);
    expect(report.submissions.map((submission) => submission.path)).toEqual(['accepted/around_half.cpp', 'accepted/one_and_rest.py', 'wrong_answer/equal_halves.c', 'wrong_answer/zero.py']);
    expect(report.suggestion?.timeLimitMs).toBe(1000);
  }, 120_000);

  it('verify-problem exits 1 and names each mismatch', async () => {
    // With a 1 ms time limit nothing finishes in time: every submission is a mismatch (TLE).
    const { code, stdout } = await judgeCli(['verify-problem', join(problems, 'circle'), '--time-limit', '0.001', '--json', '--work-dir', workDir]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { mismatches: number; submissions: Array<{ path: string; ok: boolean; verdict: string }> };
    expect(report.mismatches).toBe(5);
    expect(report.submissions.map((submission) => [submission.path, submission.ok, submission.verdict])).toContainEqual(['accepted/repr.py', false, 'TLE']);
}, 120_000);
});
