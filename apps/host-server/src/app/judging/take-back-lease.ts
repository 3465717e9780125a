import type { WriteContext } from '../../adapters/sqlite/store';
import {
  getJudgement, insertAuditRow, releaseQueueRow, setJudgementValid, type QueueRow,
} from '../../adapters/sqlite/repos/judge-queue-repo';
import { afterJudgingError } from '../../domain/judging/lease-rules';
import { rejudgeAwaitsApply } from '../console-judging/rejudge-hold';

/**
 * Takes a leased job back from its agent inside `tx`: the judgement started under the lease is
 * invalidated (valid=0, a delete event tells whoever saw it start), the lease is cleared and the
 * job goes back to the queue. With `countAttempt` (a judging error) the attempt is counted, the
 * reason recorded and audited, and the job is `held` for the jury after `maxAttempts`.
 */
export function takeBackLease(tx: WriteContext, row: QueueRow, options: {
  countAttempt: boolean; reason: string; maxAttempts: number;
}): { state: 'queued' | 'held'; attempts: number } {
  if (row.judgementId) {
    const judgement = getJudgement(tx.db, row.contestId, row.judgementId);
    if (judgement) {
      // A first judging was announced to the team; a rejudge only to the jury (valid=0 until done).
      const teamSawIt = judgement.valid === 1;
      if (teamSawIt) setJudgementValid(tx.db, row.contestId, judgement.id, false);
      // A console rejudging's judgement was never announced: nothing to take back from anyone.
      if (teamSawIt || !rejudgeAwaitsApply(tx.db, row.contestId, row.submissionId)) tx.emit({
        contestId: row.contestId, type: 'judgements', id: judgement.id, data: null,
        audience: teamSawIt ? 'team' : 'jury', teamId: teamSawIt ? row.teamId : null,
      });
    }
  }
  const next = options.countAttempt ? afterJudgingError(row.attempts, options.maxAttempts) : { attempts: row.attempts, state: 'queued' as const };
  releaseQueueRow(tx.db, {
    contestId: row.contestId, submissionId: row.submissionId, state: next.state, attempts: next.attempts,
    lastError: options.countAttempt ? options.reason : row.lastError,
  });
  if (options.countAttempt) {
    insertAuditRow(tx.db, {
      contestId: row.contestId, timeMs: tx.nowMs, actor: 'system', action: 'judging-error',
      details: { submissionId: row.submissionId, judgementId: row.judgementId, agentId: row.agentId, reason: options.reason,
        attempts: next.attempts, held: next.state === 'held' },
    });
  }
  return next;
}
