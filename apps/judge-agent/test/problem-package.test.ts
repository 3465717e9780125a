import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProblemPackage, ProblemPackageError } from '../src/main/problem-package';
import { findPackageSubmissions } from '../src/main/package-submissions';

const problems = join(import.meta.dirname, 'fixtures', 'problems');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'arena-package-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function makePackage(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('loadProblemPackage', () => {
  it('reads a 2025-09 pass-fail package with its time limit and test cases in name order', async () => {
    const pkg = await loadProblemPackage(join(problems, 'add'));
    expect(pkg).toMatchObject({ format: '2025-09', name: 'Add Two Numbers', scoring: 'pass-fail', validation: 'default', timeLimitMs: 1000, memoryLimitBytes: 512 * 1048576, outputLimitBytes: 8 * 1048576, timeMultiplier: 2, timeSafetyMargin: 1.5 });
    expect(pkg.testcases.map((testcase) => [testcase.name, testcase.isSample])).toEqual([
      ['sample/1', true], ['secret/01-zero', false], ['secret/02-big', false], ['secret/03-negative', false], ['secret/04-spaces', false],
    ]);
  });

  it('reads a legacy package: no time limit, validator flags, legacy multipliers', async () => {
    const pkg = await loadProblemPackage(join(problems, 'circle'));
    expect(pkg).toMatchObject({ format: 'legacy-icpc', timeLimitMs: null, validatorFlags: ['float_tolerance', '1e-6'], timeMultiplier: 5, timeSafetyMargin: 2 });
  });

  it('finds legacy output_validators/<name>/ and 2025-09 output_validator/', async () => {
    expect((await loadProblemPackage(join(problems, 'pair-sum'))).validatorFiles.map((file) => file.path)).toEqual(['validator.py']);
    const guess = await loadProblemPackage(join(problems, 'guess'));
    expect(guess.validation).toBe('custom-interactive');
    expect(guess.validatorFiles.map((file) => file.path)).toEqual(['validator.cpp']);
  });

  it('reads scoring test groups', async () => {
    const pkg = await loadProblemPackage(join(problems, 'array-sum'));
    expect(pkg.scoring).toBe('score');
    expect(pkg.testGroups).toEqual([
      { path: 'secret/group1', maxScore: 30, aggregation: 'pass-fail', requirePass: [] },
      { path: 'secret/group2', maxScore: 70, aggregation: 'pass-fail', requirePass: ['secret/group1'] },
    ]);
    expect(pkg.testcases.map((testcase) => testcase.name)).toEqual(['sample/1', 'secret/group1/01', 'secret/group1/02', 'secret/group2/01', 'secret/group2/02']);
  });

  it('takes 2025-09 output_validator_args and reads a missing .ans as none', async () => {
    const dir = await makePackage('args', {
      'problem.yaml': 'problem_format_version: 2025-09\nname: Args\nlimits:\n  time_limit: 2.5\n',
      'data/test_group.yaml': 'output_validator_args: [case_sensitive, space_change_sensitive]\n',
      'data/secret/1.in': '1\n',
    });
    const pkg = await loadProblemPackage(dir);
    expect(pkg.validatorFlags).toEqual(['case_sensitive', 'space_change_sensitive']);
    expect(pkg.timeLimitMs).toBe(2500);
    expect(pkg.testcases[0]?.answerPath).toBeNull();
  });

  it.each([
    ['no problem.yaml', { 'data/secret/1.in': '1' }, /no problem\.yaml/],
    ['invalid YAML', { 'problem.yaml': 'name: [unclosed\n', 'data/secret/1.in': '1' }, /not valid YAML/],
    ['a negative memory limit', { 'problem.yaml': 'limits:\n  memory: -5\n', 'data/secret/1.in': '1' }, /limits\.memory/],
    ['no test data', { 'problem.yaml': 'name: Empty\n' }, /no test cases/],
    ['custom validation without a validator', { 'problem.yaml': 'validation: custom\n', 'data/secret/1.in': '1' }, /no output_validators/],
  ])('refuses a package with %s', async (name, files, message) => {
    const dir = await makePackage(name.replace(/\W+/g, '-'), files);
    await expect(loadProblemPackage(dir)).rejects.toThrow(ProblemPackageError);
    await expect(loadProblemPackage(dir)).rejects.toThrow(message);
  });
});

describe('findPackageSubmissions', () => {
  it('maps folders to expected verdicts and files to languages', async () => {
    const submissions = await findPackageSubmissions(join(problems, 'add'));
    expect(submissions).toHaveLength(20);
    expect(submissions.find((submission) => submission.path === 'run_time_error/Throw.java')).toMatchObject({ expectation: { permitted: ['RTE'] }, language: { id: 'java' } });
    expect(submissions.find((submission) => submission.path === 'time_limit_exceeded/sleep.js')).toMatchObject({ expectation: { permitted: ['TLE'] }, language: { id: 'javascript' } });
  });

  it('treats a directory as one multi-file submission and unknown folders as unchecked', async () => {
    const dir = await makePackage('multi', {
      'submissions/accepted/two-files/main.py': 'import helper\n',
      'submissions/accepted/two-files/helper.py': '',
      'submissions/slow_but_fine/a.cpp': '',
    });
    const submissions = await findPackageSubmissions(dir);
    expect(submissions.map((submission) => [submission.path, submission.expectation?.permitted ?? null, submission.files.map((file) => file.path)])).toEqual([
      ['accepted/two-files', ['AC'], ['helper.py', 'main.py']],
      ['slow_but_fine/a.cpp', null, ['a.cpp']],
    ]);
  });

  it('applies submissions.yaml: folders, exact paths and globs, later entries winning', async () => {
    const dir = await makePackage('yaml', {
      'submissions/submissions.yaml': 'accepted:\n  score: 100\nother/*.py:\n  permitted: [AC, TLE]\nother/slow.py:\n  permitted: TLE\n  language: python3\n  entrypoint: slow.py\n',
      'submissions/accepted/a.cpp': '',
      'submissions/other/fast.py': '',
      'submissions/other/slow.py': '',
    });
    const byPath = Object.fromEntries((await findPackageSubmissions(dir)).map((submission) => [submission.path, submission]));
    expect(byPath['accepted/a.cpp']?.expectation).toEqual({ permitted: ['AC'], score: [100, 100] });
    expect(byPath['other/fast.py']?.expectation).toEqual({ permitted: ['AC', 'TLE'] });
    expect(byPath['other/slow.py']).toMatchObject({ expectation: { permitted: ['TLE'] }, entryPoint: 'slow.py', language: { id: 'python3' } });
  });

  it('refuses a submissions.yaml with an unknown verdict', async () => {
    const dir = await makePackage('bad-yaml', { 'submissions/submissions.yaml': 'accepted:\n  permitted: [XYZ]\n', 'submissions/accepted/a.cpp': '' });
    await expect(findPackageSubmissions(dir)).rejects.toThrow(/submissions\.yaml/);
  });
});
