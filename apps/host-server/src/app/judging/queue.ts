import type { WriteContext } from '../../adapters/sqlite/store';
import {
  getLatestValidJudgement, getQueueRow, getSubmissionForJob, insertQueueRow, requeueQueueRow,
} from '../../adapters/sqlite/repos/judge-queue-repo';
import { priorityOf } from '../../domain/judging/fair-order';
import { AppError } from '../errors';
import { emitJudgingSignal } from './judging-signals';
import { takeBackLease } from './take-back-lease';

/**
 * Puts a submission in the judge queue, inside the caller's transaction (the submission's own
 * write), so an acknowledged submission is always queued. Idle agents are nudged after the
 * commit. `customInput` is a test run's input. Throws if the submission is already queued.
 */
export function enqueueSubmission(tx: WriteContext, job: {
  contestId: string; submissionId: string; teamId: string; kind: 'submission' | 'test-run'; customInput?: string | null;
}): void {
  insertQueueRow(tx.db, {
    contestId: job.contestId, submissionId: job.submissionId, teamId: job.teamId, kind: job.kind,
    priority: priorityOf(job.kind), enqueuedMs: tx.nowMs, customInput: job.customInput ?? null,
  });
  // Runs after the synchronous write has committed; if it rolled back the nudge is harmless.
  queueMicrotask(() => emitJudgingSignal(tx.db, { type: 'queued' }));
}

/**
 * Judges a submission again (jury rejudge; also releases a `held` job). The current valid
 * judgement stays what the team sees until the new one completes; then it is marked valid=0.
 * A job being judged right now loses its lease (its agent's later messages are stale).
 * Throws `not_found` for an unknown submission.
 */
export function requeueForRejudge(tx: WriteContext, contestId: string, submissionId: string): void {
  const submission = getSubmissionForJob(tx.db, contestId, submissionId);
  if (!submission) throw new AppError('not_found', `no submission ${submissionId} in contest ${contestId}`);
  const row = getQueueRow(tx.db, contestId, submissionId);
  if (!row) {
    enqueueSubmission(tx, { contestId, submissionId, teamId: submission.teamId, kind: 'submission' });
    return;
  }
  if (row.state === 'leased') takeBackLease(tx, row, { countAttempt: false, reason: 'rejudge requested', maxAttempts: Infinity });
  // The judgement the team sees now: a finished one (an unfinished one was just invalidated).
  const current = getLatestValidJudgement(tx.db, contestId, submissionId);
  const superseded = row.supersededJudgementId ?? (current?.judgementTypeId ? current.id : null);
  // A job still waiting keeps its place in line; any other starts again at the back.
  const enqueuedMs = row.state === 'queued' ? row.enqueuedMs : tx.nowMs;
  requeueQueueRow(tx.db, { contestId, submissionId, enqueuedMs, supersededJudgementId: superseded });
  queueMicrotask(() => emitJudgingSignal(tx.db, { type: 'queued' }));
}
