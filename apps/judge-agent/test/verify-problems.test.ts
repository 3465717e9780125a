/**
 * Every fixture problem under fixtures/problems, verified through the REAL native sandbox:
 * each example submission must get the verdict its folder promises.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/sandbox';
import { loadProblemPackage } from '../src/main/problem-package';
import { verifyProblem, type VerifyReport } from '../src/main/verify-problem';
import { createTestSandbox } from './support/native-sandbox-for-tests';

const problemsDir = join(import.meta.dirname, 'fixtures', 'problems');
const problems = readdirSync(problemsDir).sort();
const CORE_LANGUAGES = ['c', 'cpp', 'java', 'python3', 'javascript'];

let sandbox: Sandbox;
let cleanup: () => Promise<void>;
const reports = new Map<string, VerifyReport>();

beforeAll(async () => {
  ({ sandbox, cleanup } = await createTestSandbox());
});

afterAll(async () => {
  await cleanup();
});

async function verify(name: string): Promise<VerifyReport> {
  const report = await verifyProblem(await loadProblemPackage(join(problemsDir, name)), { sandbox, parallel: 2 });
  reports.set(name, report);
  return report;
}

describe('verify-problem on the fixture problems (native sandbox)', () => {
  it('has the fixture problems the judge promises to handle', () => {
    expect(problems).toEqual(expect.arrayContaining(['add', 'array-sum', 'circle', 'guess', 'pair-sum']));
  });

  it.each(problems)('%s: every submission gets its expected verdict', async (name) => {
    const report = await verify(name);
    const mismatches = report.submissions.filter((submission) => !submission.ok);
    expect(mismatches).toEqual([]);
    expect(report.mismatches).toBe(0);
    // Nothing of the five core languages may be skipped.
    const skipped = report.submissions.filter((submission) => submission.verdict === null && CORE_LANGUAGES.includes(submission.language ?? ''));
    expect(skipped).toEqual([]);
    expect(report.submissions.length).toBeGreaterThan(0);
  }, 300_000);

  it('add covers accepted, WA, TLE and RTE in each core language', () => {
    const report = reports.get('add');
    expect(report).toBeDefined();
    for (const language of CORE_LANGUAGES) {
      const verdicts = report?.submissions.filter((submission) => submission.language === language).map((submission) => submission.verdict).sort();
      expect(verdicts, language).toEqual(['AC', 'RTE', 'TLE', 'WA']);
    }
  });

  it('array-sum scores subtasks: 100 for accepted, 30 for the 32-bit solution', () => {
    const scores = Object.fromEntries(reports.get('array-sum')?.submissions.map((submission) => [submission.path, submission.score]) ?? []);
    expect(scores).toEqual({ 'accepted/long.cpp': 100, 'accepted/sum.py': 100, 'wrong_answer/int32.c': 30 });
  });

  it('circle (legacy, no time limit) derives one from its accepted runs', () => {
    const report = reports.get('circle');
    expect(report?.timeLimitSource).toBe('derived');
    expect(report?.suggestion?.timeMultiplier).toBe(5);
    expect(report?.timeLimitMs).toBe(report?.suggestion?.timeLimitMs);
  });
});
