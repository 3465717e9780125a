import type { JudgeAck, JudgeFailure, JudgeResult, TestcaseResult } from '@arena/protocol';
import type { WriteContext } from '../../adapters/sqlite/store';
import {
  extendLease, insertAuditRow, listTestcases, releaseQueueRow, type QueueRow,
} from '../../adapters/sqlite/repos/judge-queue-repo';
import {
  closeTestRunQueueRow, finishTestRun, getTestRun, setTestRunCases,
} from '../../adapters/sqlite/repos/test-run-repo';
import { leaseExpiresAt } from '../../domain/judging/lease-rules';
import { AppError } from '../errors';
import { parseStoredCases, withCase, type StoredTestRunCase } from './test-run-cases';
import { failTestRun } from './lease-test-run';
import { emitTestRunChangedAfterCommit } from './test-run-signals';

/**
 * What an agent reports about a leased test run, applied inside the caller's write (job-reports
 * checked the lease). Nothing here writes a judgement, a run or an event: test runs are not
 * submissions. Each change signals the team's push after the commit.
 */

const OK: JudgeAck = { ok: true };

/** A judge gives up on a test run after this many judging errors (one retry). */
export const TEST_RUN_MAX_ATTEMPTS = 2;

function changed(tx: WriteContext, row: QueueRow): void {
  emitTestRunChangedAfterCommit(tx.db, { contestId: row.contestId, teamId: row.teamId, testRunId: row.submissionId });
}

/**
 * `job:testcase` of a test run: stores the case (output included; a repeat replaces it) and
 * renews the lease. A sample run accepts only the problem's samples; a custom-input run one case.
 */
export function recordTestRunCase(tx: WriteContext, row: QueueRow, result: TestcaseResult, leaseTimeoutMs: number): JudgeAck {
  const testRun = getTestRun(tx.db, row.contestId, row.submissionId);
  if (!testRun) throw new Error(`leased test run ${row.submissionId} lost its row`);
  let stored: StoredTestRunCase;
  if (testRun.input === null) {
    const samples = listTestcases(tx.db, row.contestId, testRun.problemId).filter((t) => t.isSample === 1);
    const index = samples.findIndex((t) => t.id === result.testcaseId);
    const sample = samples[index];
    if (!sample) throw new AppError('bad_request', `test case ${result.testcaseId} is not a sample of this test run's problem`);
    stored = {
      testcaseId: sample.id, index, label: `sample ${index + 1}`, verdict: result.verdict, cpuTimeMs: result.cpuTimeMs,
      output: result.output ?? '', inputSha256: sample.inputSha256, answerSha256: sample.answerSha256,
    };
  } else {
    stored = {
      testcaseId: 'custom', index: 0, label: 'custom input', verdict: result.verdict, cpuTimeMs: result.cpuTimeMs,
      output: result.output ?? '', inputSha256: null, answerSha256: null,
    };
  }
  setTestRunCases(tx.db, row.contestId, row.submissionId, JSON.stringify(withCase(parseStoredCases(testRun.cases), stored)));
  extendLease(tx.db, result.leaseId, leaseExpiresAt(tx.nowMs, leaseTimeoutMs));
  changed(tx, row);
  return OK;
}

/** `job:result` of a test run: its verdict and compile output; the queue row is done. */
export function recordTestRunResult(tx: WriteContext, row: QueueRow, result: JudgeResult): JudgeAck {
  finishTestRun(tx.db, row.contestId, row.submissionId, {
    state: 'done', verdict: result.verdict, compileOutput: result.compileOutput, error: null, finishedMs: tx.nowMs,
  });
  closeTestRunQueueRow(tx.db, { contestId: row.contestId, id: row.submissionId, doneMs: tx.nowMs, attempts: row.attempts, lastError: row.lastError });
  changed(tx, row);
  return OK;
}

/**
 * `job:failure` of a test run: never a verdict. The first failure re-queues it (another judge
 * may do better); the second ends it as `failed` with the reason. Both are audited.
 */
export function recordTestRunFailure(tx: WriteContext, row: QueueRow, failure: JudgeFailure, agentId: string): { requeued: boolean } {
  const attempts = row.attempts + 1;
  const requeued = attempts < TEST_RUN_MAX_ATTEMPTS;
  insertAuditRow(tx.db, {
    contestId: row.contestId, timeMs: tx.nowMs, actor: 'system', action: 'test-run-judging-error',
    details: { testRunId: row.submissionId, agentId, reason: failure.reason, attempts, requeued },
  });
  if (requeued) {
    releaseQueueRow(tx.db, { contestId: row.contestId, submissionId: row.submissionId, state: 'queued', attempts, lastError: failure.reason });
    setTestRunCases(tx.db, row.contestId, row.submissionId, '[]');
    changed(tx, row);
  } else {
    failTestRun(tx, row, `the judges failed to run this test run (not your program's fault): ${failure.reason}`);
  }
  return { requeued };
}
