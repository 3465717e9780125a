/**
 * `verify-problem`: judges every example submission of a package and reports each one whose
 * verdict differs from what its folder promises; suggests a time limit from the accepted runs.
 *
 * Time limit: `--time-limit` if given, else the package's (2025-09 `limits.time_limit`), else
 * derived the legacy way: accepted submissions are judged first under a generous probe limit and
 * the limit becomes slowest × time_multiplier, rounded up to whole seconds. Submissions in
 * time_limit_exceeded/ are judged with limit × time_safety_margin, so they must be too slow even
 * with the margin.
 */
import { availableParallelism } from 'node:os';
import type { VerdictId } from '@arena/protocol';
import { suggestTimeLimit, type TimeLimitSuggestion } from '../domain/suggest-time-limit';
import type { Sandbox } from '../sandbox/sandbox';
import { createValidatorCache } from '../steps/validator-program';
import { judgeLocally, type LocalJudgement } from './judge-local';
import { missingExecutables } from './language-availability';
import { createLocalFileStore } from './local-file-store';
import { findPackageSubmissions, type Expectation, type PackageSubmission } from './package-submissions';
import type { ProblemPackage } from './problem-package';

export interface VerifyOptions {
  sandbox: Sandbox;
  /** Overrides the package's time limit. */
  timeLimitMs?: number;
  /** Limit for the accepted runs when the limit must be derived. Default 10 s. */
  probeTimeLimitMs?: number;
  /** Submissions judged at once (each pinned to its own CPU). Default 1. */
  parallel?: number;
  /** Judge only the submissions that must be accepted (enough to derive a time limit). */
  onlyAccepted?: boolean;
  log?(line: string): void;
}

export interface SubmissionReport {
  path: string;
  language: string | null;
  /** e.g. `AC`, `AC|TLE`, `WA (score 30..30)`; null when the folder promises nothing. */
  expected: string | null;
  /** The verdict, `JE` when the judge failed, or null when skipped. */
  verdict: VerdictId | null;
  score?: number;
  maxCpuTimeMs: number;
  /** Expected and got the same (or nothing was expected). */
  ok: boolean;
  note?: string;
}

export interface VerifyReport {
  problem: string;
  timeLimitMs: number;
  timeLimitSource: 'flag' | 'package' | 'derived';
  suggestion: TimeLimitSuggestion | null;
  submissions: SubmissionReport[];
  mismatches: number;
}

const DEFAULT_PROBE_MS = 10_000;

export async function verifyProblem(pkg: ProblemPackage, options: VerifyOptions): Promise<VerifyReport> {
  const log = options.log ?? (() => undefined);
  const store = createLocalFileStore();
  const validatorCache = createValidatorCache();
  try {
    const submissions = (await findPackageSubmissions(pkg.dir)).filter((submission) => options.onlyAccepted !== true || only(submission, 'AC'));
    const runnable = submissions.filter((submission) => skipReason(submission) === null);
    const accepted = runnable.filter((submission) => only(submission, 'AC'));
    const others = runnable.filter((submission) => !only(submission, 'AC'));

    const known = options.timeLimitMs ?? pkg.timeLimitMs;
    const timeLimitSource: VerifyReport['timeLimitSource'] = options.timeLimitMs !== undefined ? 'flag' : pkg.timeLimitMs !== null ? 'package' : 'derived';
    const judgeAll = (list: PackageSubmission[], timeLimitMs: (submission: PackageSubmission) => number) =>
      runPool(list, options.parallel ?? 1, async (submission, worker) => {
        const limit = timeLimitMs(submission);
        log(`judging ${submission.path} (${submission.language?.id}, time limit ${limit} ms)`);
        const judgement = await judgeLocally(pkg, { languageId: submission.language?.id ?? '', entryPoint: submission.entryPoint, files: submission.files }, {
          sandbox: options.sandbox, store, timeLimitMs: limit, validatorCache, ...((options.parallel ?? 1) > 1 ? { boxOptions: { cpu: worker % availableParallelism() } } : {}),
        });
        log(`  ${submission.path}: ${judgement.ok ? judgement.verdict : `JE (${judgement.failure.split('\n')[0]})`}`);
        return judgement;
      });

    const acceptedResults = await judgeAll(accepted, () => known ?? options.probeTimeLimitMs ?? DEFAULT_PROBE_MS);
    const acceptedTimes = acceptedResults.flatMap((result) => (result.ok && result.verdict === 'AC' ? [result.maxCpuTimeMs] : []));
    const suggestion = suggestTimeLimit(acceptedTimes, pkg.timeMultiplier, pkg.timeSafetyMargin);
    const timeLimitMs = known ?? suggestion?.timeLimitMs ?? options.probeTimeLimitMs ?? DEFAULT_PROBE_MS;
    const margin = pkg.timeSafetyMargin;
    const otherResults = await judgeAll(others, (submission) => (only(submission, 'TLE') ? Math.round(timeLimitMs * margin) : timeLimitMs));

    const results = new Map<PackageSubmission, LocalJudgement>();
    accepted.forEach((submission, index) => results.set(submission, acceptedResults[index] as LocalJudgement));
    others.forEach((submission, index) => results.set(submission, otherResults[index] as LocalJudgement));
    const reports = submissions.map((submission) => report(submission, results.get(submission) ?? null));
    return {
      problem: pkg.name,
      timeLimitMs,
      timeLimitSource,
      suggestion,
      submissions: reports,
      mismatches: reports.filter((entry) => !entry.ok).length,
    };
  } finally {
    await store.close();
  }
}

function skipReason(submission: PackageSubmission): string | null {
  if (submission.language === null) return 'no known language for its files';
  const missing = missingExecutables(submission.language);
  return missing.length > 0 ? `${submission.language.name} is not installed (${missing.join(', ')} missing)` : null;
}

/** The submission must get exactly this verdict (it is then used for, or checked against, the time limit). */
function only(submission: PackageSubmission, verdict: VerdictId): boolean {
  const permitted = submission.expectation?.permitted;
  return permitted !== undefined && permitted.length === 1 && permitted[0] === verdict;
}

function meetsExpectation(expectation: Expectation | null, verdict: VerdictId, score: number | undefined): boolean {
  if (expectation === null) return true;
  if (!expectation.permitted.includes(verdict)) return false;
  if (expectation.score === undefined) return true;
  return score !== undefined && score >= expectation.score[0] - 1e-9 && score <= expectation.score[1] + 1e-9;
}

function report(submission: PackageSubmission, judgement: LocalJudgement | null): SubmissionReport {
  const expectation = submission.expectation;
  const expected = expectation === null ? null : `${expectation.permitted.join('|')}${expectation.score ? ` (score ${expectation.score[0]}..${expectation.score[1]})` : ''}`;
  const base = { path: submission.path, language: submission.language?.id ?? null, expected };
  if (judgement === null) return { ...base, verdict: null, maxCpuTimeMs: 0, ok: true, note: `skipped: ${skipReason(submission) ?? 'not judged'}` };
  if (!judgement.ok) return { ...base, verdict: 'JE', maxCpuTimeMs: 0, ok: false, note: judgement.failure };
  const failing = judgement.testcases.find((testcase) => testcase.verdict !== 'AC');
  return {
    ...base,
    verdict: judgement.verdict,
    ...(judgement.score !== undefined ? { score: judgement.score } : {}),
    maxCpuTimeMs: judgement.maxCpuTimeMs,
    ok: meetsExpectation(expectation, judgement.verdict, judgement.score),
    ...(failing ? { note: `first failure: ${failing.name}${failing.judgeMessage ? ` (${failing.judgeMessage.split('\n')[0]})` : ''}` } : {}),
  };
}

/** Runs `work` over `items` with at most `parallel` at once; results in item order. */
async function runPool<T, R>(items: readonly T[], parallel: number, work: (item: T, worker: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, async (_unused, worker) => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, worker);
    }
  });
  await Promise.all(workers);
  return results;
}
