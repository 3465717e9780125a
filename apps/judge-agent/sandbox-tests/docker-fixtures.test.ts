/**
 * The fixture problems judged through the REAL docker backend (Podman's Docker API, or a real
 * Docker Engine with ARENA_DOCKER_HOST): every example submission must get the verdict its
 * folder promises, exactly as with the native backend (test/verify-problems.test.ts), the
 * interactive one (guess: solution and validator in two containers joined by the judge's pipes)
 * included.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerSandbox } from '../src/sandbox/docker/docker-sandbox.js';
import type { Sandbox } from '../src/sandbox/sandbox.js';
import { loadProblemPackage } from '../src/main/problem-package.js';
import { verifyProblem, type VerifyReport } from '../src/main/verify-problem.js';
import { startEngineUnderTest, type EngineUnderTest } from './helpers/podman-service.js';
import { buildTestImage, hostToolchainBinds, TEST_IMAGE } from './helpers/podman-test-image.js';

const problemsDir = join(import.meta.dirname, '..', 'test', 'fixtures', 'problems');
const problems = readdirSync(problemsDir).sort();
const CORE_LANGUAGES = ['c', 'cpp', 'java', 'python3', 'javascript'];

let engine: EngineUnderTest;
let workDir: string;
let sandbox: Sandbox;
const reports = new Map<string, VerifyReport>();

beforeAll(async () => {
  engine = await startEngineUnderTest();
  await buildTestImage(engine);
  workDir = await mkdtemp(join(tmpdir(), 'arena-docker-fixtures-'));
  sandbox = createDockerSandbox({ workDir, docker: engine.docker, image: TEST_IMAGE, extraBinds: hostToolchainBinds() });
}, 120_000);

afterAll(async () => {
  const left = engine ? await engine.docker.listContainers({ all: true, filters: { label: ['org.arena.judge.owner-pid'] } }) : [];
  await engine?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  expect(left).toEqual([]);
}, 60_000);

describe('verify-problem on the fixture problems (docker backend)', () => {
  it.each(problems)('%s: every submission gets its expected verdict', async (name) => {
    const report = await verifyProblem(await loadProblemPackage(join(problemsDir, name)), { sandbox, parallel: 2 });
    reports.set(name, report);
    expect(report.submissions.filter((submission) => !submission.ok)).toEqual([]);
    expect(report.mismatches).toBe(0);
    const skipped = report.submissions.filter((submission) => submission.verdict === null && CORE_LANGUAGES.includes(submission.language ?? ''));
    expect(skipped).toEqual([]);
    expect(report.submissions.length).toBeGreaterThan(0);
  }, 600_000);

  it('has the fixture problems the judge promises to handle, the interactive one included', () => {
    expect(problems).toEqual(expect.arrayContaining(['add', 'array-sum', 'circle', 'guess', 'pair-sum']));
  });

  it('add covers accepted, WA, TLE and RTE in each core language', () => {
    const report = reports.get('add');
    for (const language of CORE_LANGUAGES) {
      const verdicts = report?.submissions.filter((submission) => submission.language === language).map((submission) => submission.verdict).sort();
      expect(verdicts, language).toEqual(['AC', 'RTE', 'TLE', 'WA']);
    }
  });

  it('array-sum scores subtasks: 100 for accepted, 30 for the 32-bit solution', () => {
    const scores = Object.fromEntries(reports.get('array-sum')?.submissions.map((submission) => [submission.path, submission.score]) ?? []);
    expect(scores).toEqual({ 'accepted/long.cpp': 100, 'accepted/sum.py': 100, 'wrong_answer/int32.c': 30 });
  });
});
