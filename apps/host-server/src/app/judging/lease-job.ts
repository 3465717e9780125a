import type { JudgeJob } from '@arena/protocol';
import { randomBytes } from 'node:crypto';
import type { WriteContext } from '../../adapters/sqlite/store';
import {
  getQueueRow, getSubmissionForJob, insertAuditRow, insertJudgement, listActiveQueueRows, markLeased, nextJudgementId,
  releaseQueueRow,
} from '../../adapters/sqlite/repos/judge-queue-repo';
import { pickNextJob } from '../../domain/judging/fair-order';
import { startedJudgement } from '../../domain/judging/judgement-objects';
import { leaseExpiresAt } from '../../domain/judging/lease-rules';
import { rejudgeAwaitsApply } from '../console-judging/rejudge-hold';
import type { HostContext } from '../host-context';
import { leaseTestRun } from '../test-runs/lease-test-run';
import { buildJudgeJob } from './build-judge-job';
import { emitJudgingSignal, type JudgingSignal } from './judging-signals';
import { expireLeases } from './lease-sweeper';

export interface AgentIdentity {
  agentId: string;
  /** Languages the agent judges; empty = all. */
  languages: readonly string[];
}

/** A fresh fencing token: 128 random bits. */
export function newLeaseId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Leases the next job in fair order to an agent, in ONE write: expired leases are taken back
 * first, then the job is marked leased, its judgement row created (no verdict yet) and a
 * `judgements` event emitted. Two agents never get the same job: the write is one immediate
 * transaction. A job whose stored data cannot make a job is held for the jury (judging error)
 * and the next one is tried. Returns null when nothing suits the agent.
 */
export function leaseNextJob(ctx: HostContext, agent: AgentIdentity): JudgeJob | null {
  const signals: JudgingSignal[] = [];
  const job = ctx.store.write((tx) => {
    signals.push(...expireLeases(tx));
    for (;;) {
      const next = pickNextJob(listActiveQueueRows(tx.db), agent.languages);
      if (!next) return null;
      const row = getQueueRow(tx.db, next.contestId, next.submissionId);
      if (!row) return null;
      if (row.kind === 'test-run') {
        const testRunJob = leaseTestRun(ctx, tx, row, agent.agentId, newLeaseId());
        if (testRunJob) return testRunJob;
        continue;
      }
      const submission = getSubmissionForJob(tx.db, row.contestId, row.submissionId);
      const leaseId = newLeaseId();
      const built = submission
        ? buildJudgeJob(tx.db, row, submission, leaseId)
        : { ok: false as const, error: `submission ${row.submissionId} does not exist` };
      if (!built.ok || !submission) {
        holdBroken(tx, row.contestId, row.submissionId, row.attempts, built.ok ? 'unknown' : built.error);
        signals.push({ type: 'judging-error', contestId: row.contestId, submissionId: row.submissionId, agentId: agent.agentId,
          reason: built.ok ? 'unknown' : built.error, attempts: row.attempts + 1, held: true, timeMs: tx.nowMs });
        continue;
      }
      const judgementId = nextJudgementId(tx.db, row.contestId);
      // A rejudge stays jury-only (valid=0) until it completes and replaces the old judgement.
      const isRejudge = row.supersededJudgementId !== null;
      const data = startedJudgement(judgementId, row.submissionId, submission, tx.nowMs);
      insertJudgement(tx.db, row.contestId, {
        id: judgementId, submissionId: row.submissionId, valid: isRejudge ? 0 : 1, startMs: tx.nowMs, agentId: agent.agentId,
        data: JSON.stringify(data),
      });
      markLeased(tx.db, {
        contestId: row.contestId, submissionId: row.submissionId, leaseId, agentId: agent.agentId,
        leaseExpiresMs: leaseExpiresAt(tx.nowMs, ctx.config.judging.leaseTimeoutMs), leasedMs: tx.nowMs, judgementId,
      });
      // A console rejudging's judgement is announced only when the jury applies the rejudging.
      if (!isRejudge || !rejudgeAwaitsApply(tx.db, row.contestId, row.submissionId)) {
        tx.emit({
          contestId: row.contestId, type: 'judgements', id: judgementId, data, audience: isRejudge ? 'jury' : 'team',
          teamId: isRejudge ? null : row.teamId,
        });
      }
      return built.job;
    }
  });
  for (const signal of signals) emitJudgingSignal(ctx.store.db, signal);
  return job;
}

function holdBroken(tx: WriteContext, contestId: string, submissionId: string, attempts: number, error: string): void {
  releaseQueueRow(tx.db, { contestId, submissionId, state: 'held', attempts: attempts + 1, lastError: error });
  insertAuditRow(tx.db, {
    contestId, timeMs: tx.nowMs, actor: 'system', action: 'judging-error',
    details: { submissionId, judgementId: null, agentId: null, reason: error, attempts: attempts + 1, held: true },
  });
}
