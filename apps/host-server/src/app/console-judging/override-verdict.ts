import type { VerdictOverride } from '@arena/protocol';
import { AuthRepo } from '../../adapters/sqlite/repos/auth-repo';
import {
  activeRejudgingOf, insertManualJudgement, insertOverride, listOtherValidJudgements, settleQueueRow,
} from '../../adapters/sqlite/repos/console-judging-rejudgings-repo';
import { contestExists } from '../../adapters/sqlite/repos/console-judging-submissions-repo';
import {
  getQueueRow, getSubmissionForJob, nextJudgementId, setJudgementValid,
} from '../../adapters/sqlite/repos/judge-queue-repo';
import { finishedJudgement, startedJudgement } from '../../domain/judging/judgement-objects';
import { LoginThrottle } from '../auth/login-throttle';
import { verifyPassword } from '../auth/password';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { takeBackLease } from '../judging/take-back-lease';
import { auditJuryAction, signalConsoles } from './console-audit';

export interface VerdictOverrides {
  /**
   * Sets a submission's verdict by hand. The acting account must re-enter its OWN password:
   * a wrong one is `reauth_failed` (401) and changes nothing; five failures in a minute are
   * `rate_limited`. Then, in ONE write: a new valid judgement with the verdict (CLICS event, so
   * the team and scoreboard follow), earlier valid judgements invalidated (delete events), a job
   * still queued, held or being judged settled (its agent's lease becomes stale), an override
   * row and an audit row. `conflict` while the submission is in an active rejudging.
   */
  override(actor: Principal, contestId: string, submissionId: string, body: VerdictOverride): void;
}

export function createVerdictOverrides(ctx: HostContext): VerdictOverrides {
  const accounts = new AuthRepo(ctx.store.db);
  const throttle = new LoginThrottle({ maxFailures: 5, windowMs: 60_000, clock: ctx.clock });

  function reauthenticate(actor: Principal, password: string): void {
    const key = `${actor.contestId}\0${actor.accountId}`;
    const waitMs = throttle.retryAfterMs(key);
    if (waitMs > 0) throw new AppError('rate_limited', `too many wrong passwords; try again in ${Math.ceil(waitMs / 1000)} s`);
    const account = accounts.findById(actor.contestId, actor.accountId);
    if (!account || !verifyPassword(password, account.passwordHash)) {
      throttle.recordFailure(key);
      ctx.log.warn({ accountId: actor.accountId }, 'verdict override refused: wrong password');
      throw new AppError('reauth_failed', 'that is not your password: changing a verdict needs your own password again');
    }
    throttle.recordSuccess(key);
  }

  return {
    override(actor, contestId, submissionId, body) {
      if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
      if (!getSubmissionForJob(ctx.store.db, contestId, submissionId)) throw new AppError('not_found', `no submission ${submissionId} in contest ${contestId}`);
      reauthenticate(actor, body.password);
      ctx.store.write((tx) => {
        const submission = getSubmissionForJob(tx.db, contestId, submissionId);
        if (!submission) throw new AppError('not_found', `no submission ${submissionId} in contest ${contestId}`);
        const rejudgingId = activeRejudgingOf(tx.db, contestId, submissionId);
        if (rejudgingId !== undefined) {
          throw new AppError('conflict', `submission ${submissionId} is in rejudging ${rejudgingId}: apply or cancel it first`);
        }
        const queueRow = getQueueRow(tx.db, contestId, submissionId);
        if (queueRow?.state === 'leased') {
          takeBackLease(tx, queueRow, { countAttempt: false, reason: 'verdict set by the jury', maxAttempts: Infinity });
        }
        const judgementId = nextJudgementId(tx.db, contestId);
        const started = startedJudgement(judgementId, submissionId, submission, tx.nowMs);
        const data = finishedJudgement(started, submission, { verdict: body.verdict, endMs: tx.nowMs, maxRunTimeMs: 0 });
        for (const oldId of listOtherValidJudgements(tx.db, contestId, submissionId, judgementId)) {
          setJudgementValid(tx.db, contestId, oldId, false);
          tx.emit({ contestId, type: 'judgements', id: oldId, data: null, audience: 'team', teamId: submission.teamId });
        }
        insertManualJudgement(tx.db, contestId, { id: judgementId, submissionId, verdict: body.verdict, timeMs: tx.nowMs, data: JSON.stringify(data) });
        tx.emit({ contestId, type: 'judgements', id: judgementId, data, audience: 'team', teamId: submission.teamId });
        if (queueRow) settleQueueRow(tx.db, contestId, submissionId, judgementId, tx.nowMs);
        insertOverride(tx.db, { contestId, judgementId, actor: actor.username, reason: body.reason, timeMs: tx.nowMs });
        auditJuryAction(tx, actor, contestId, 'verdict-override', { submissionId, judgementId, verdict: body.verdict, reason: body.reason });
      });
      signalConsoles(ctx.store.db, [contestId], ['queue', 'audit']);
    },
  };
}
