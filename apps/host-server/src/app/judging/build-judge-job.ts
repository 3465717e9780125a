import { HashedFile, JudgeJob } from '@arena/protocol';
import { z } from 'zod';
import type { Db } from '../../adapters/sqlite/database';
import {
  getProblemSpecJson, listTestcases, type QueueRow, type SubmissionForJob,
} from '../../adapters/sqlite/repos/judge-queue-repo';
import { ProblemSpec } from '../../domain/problems/problem-spec';

const Files = z.array(HashedFile);

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/**
 * Builds the plain-data job for a queued row from the stored problem spec, its test cases (name
 * order) and the submission's source files. Everything read is parsed: a broken row gives
 * `{ ok: false, error }` (the caller holds the job for the jury), never a half-built job.
 */
export function buildJudgeJob(db: Db, row: QueueRow, submission: SubmissionForJob, leaseId: string):
  { ok: true; job: JudgeJob } | { ok: false; error: string } {
  try {
    const specJson = getProblemSpecJson(db, row.contestId, submission.problemId);
    if (specJson === undefined) return { ok: false, error: `problem ${submission.problemId} does not exist` };
    const spec = ProblemSpec.safeParse(parseJson(specJson, `spec of problem ${submission.problemId}`));
    if (!spec.success) return { ok: false, error: `stored spec of problem ${submission.problemId} is invalid: ${describe(spec.error)}` };
    const files = Files.safeParse(parseJson(submission.files, `files of submission ${row.submissionId}`));
    if (!files.success) return { ok: false, error: `stored files of submission ${row.submissionId} are invalid: ${describe(files.error)}` };
    const isTestRun = row.kind === 'test-run';
    // A test run with custom input runs only that; one without (null) runs and checks the samples.
    const runsSamples = isTestRun && row.customInput === null;
    const testcases = isTestRun && !runsSamples ? [] : listTestcases(db, row.contestId, submission.problemId)
      .filter((t) => !runsSamples || t.isSample === 1).map((t) => ({
      id: t.id, name: t.name, ordinal: t.ordinal, inputSha256: t.inputSha256, answerSha256: t.answerSha256,
      isSample: t.isSample === 1, extra: Files.parse(parseJson(t.extra, `extra files of test case ${t.id}`)),
    }));
    const s = spec.data;
    const candidate = {
      leaseId, kind: row.kind, contestId: row.contestId, submissionId: row.submissionId, problemId: submission.problemId,
      languageId: submission.languageId, entryPoint: submission.entryPoint, source: files.data,
      limits: {
        timeLimitMs: s.timeLimitMs, memoryLimitBytes: s.memoryLimitBytes, outputLimitBytes: s.outputLimitBytes,
        compileTimeLimitMs: s.compileTimeLimitMs, validatorTimeLimitMs: s.validatorTimeLimitMs,
        validatorMemoryLimitBytes: s.validatorMemoryLimitBytes,
      },
      problem: {
        validation: s.validation, validatorFlags: s.validatorFlags, validator: s.validator,
        scoring: s.type === 'scoring' ? 'score' : 'pass-fail', stopAtFirstFailure: s.type === 'pass-fail' && !isTestRun, testGroups: s.testGroups,
      },
      testcases,
      customInput: isTestRun ? row.customInput : null,
    };
    const job = JudgeJob.safeParse(candidate);
    if (!job.success) return { ok: false, error: `cannot build a judge job for submission ${row.submissionId}: ${describe(job.error)}` };
    if ((!isTestRun || runsSamples) && job.data.testcases.length === 0) {
      return { ok: false, error: `problem ${submission.problemId} has no ${runsSamples ? 'sample ' : ''}test cases` };
    }
    return { ok: true, job: job.data };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
