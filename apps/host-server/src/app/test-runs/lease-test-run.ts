import type { JudgeJob } from '@arena/protocol';
import type { WriteContext } from '../../adapters/sqlite/store';
import type { QueueRow } from '../../adapters/sqlite/repos/judge-queue-repo';
import {
  closeTestRunQueueRow, finishTestRun, getTestRun, markTestRunLeased, setTestRunCases,
} from '../../adapters/sqlite/repos/test-run-repo';
import { leaseExpiresAt } from '../../domain/judging/lease-rules';
import type { HostContext } from '../host-context';
import { buildJudgeJob } from '../judging/build-judge-job';
import { emitTestRunChangedAfterCommit } from './test-run-signals';

/**
 * Inside the lease write (`leaseNextJob`): leases a queued test-run row to an agent and returns
 * its job, built from the test run (sources, language, custom input or the problem's samples).
 * No judgement row and no event: a test run is never a submission. Cases from an earlier
 * attempt are cleared. A test run whose job cannot be built fails at once (state `failed`, the
 * reason kept, its queue row done) and null is returned so the caller tries the next job.
 */
export function leaseTestRun(ctx: HostContext, tx: WriteContext, row: QueueRow, agentId: string, leaseId: string): JudgeJob | null {
  const testRun = getTestRun(tx.db, row.contestId, row.submissionId);
  const built = testRun
    ? buildJudgeJob(tx.db, row, {
      teamId: testRun.teamId, problemId: testRun.problemId, languageId: testRun.languageId, timeMs: testRun.createdMs,
      contestTimeMs: 0, files: testRun.files, entryPoint: testRun.entryPoint,
    }, leaseId)
    : { ok: false as const, error: `test run ${row.submissionId} does not exist` };
  if (!built.ok) {
    failTestRun(tx, row, `the judges could not prepare this test run: ${built.error}`);
    return null;
  }
  markTestRunLeased(tx.db, {
    contestId: row.contestId, id: row.submissionId, leaseId, agentId,
    leaseExpiresMs: leaseExpiresAt(tx.nowMs, ctx.config.judging.leaseTimeoutMs), leasedMs: tx.nowMs,
  });
  setTestRunCases(tx.db, row.contestId, row.submissionId, '[]');
  emitTestRunChangedAfterCommit(tx.db, { contestId: row.contestId, teamId: row.teamId, testRunId: row.submissionId });
  return built.job;
}

/** Ends a test run as `failed` (a judge problem, not the team's) and takes it off the queue. */
export function failTestRun(tx: WriteContext, row: QueueRow, reason: string): void {
  finishTestRun(tx.db, row.contestId, row.submissionId, { state: 'failed', verdict: null, compileOutput: '', error: reason, finishedMs: tx.nowMs });
  closeTestRunQueueRow(tx.db, { contestId: row.contestId, id: row.submissionId, doneMs: tx.nowMs, attempts: row.attempts + 1, lastError: reason });
  emitTestRunChangedAfterCommit(tx.db, { contestId: row.contestId, teamId: row.teamId, testRunId: row.submissionId });
}
