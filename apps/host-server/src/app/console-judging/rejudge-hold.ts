import type { Db } from '../../adapters/sqlite/database';
import { activeRejudgingOf, recordItemResult } from '../../adapters/sqlite/repos/console-judging-rejudgings-repo';
import type { WriteContext } from '../../adapters/sqlite/store';
import { emitConsoleChanged } from '../console/console-signals';

/**
 * The judge queue's side of console rejudgings. A submission held by an active rejudging is
 * judged again like any rejudge, but its new judgement is not announced (no CLICS event) and
 * does not replace the old one when it completes: it waits, valid=0, until the jury applies the
 * rejudging (or cancels it).
 */

/** True when `submissionId`'s rejudge belongs to an active console rejudging (its judgement stays hidden). */
export function rejudgeAwaitsApply(db: Db, contestId: string, submissionId: string): boolean {
  return activeRejudgingOf(db, contestId, submissionId) !== undefined;
}

/**
 * Inside the result's write: records the new judgement and verdict on the rejudging's item and
 * returns true (the caller then keeps the judgement hidden), or false when no active rejudging
 * holds the submission. Open consoles are told after the commit.
 */
export function holdRejudgeResult(tx: WriteContext, contestId: string, submissionId: string, judgementId: string, verdict: string): boolean {
  const rejudgingId = activeRejudgingOf(tx.db, contestId, submissionId);
  if (rejudgingId === undefined) return false;
  recordItemResult(tx.db, contestId, rejudgingId, submissionId, { judgementId, verdict });
  // Runs after the synchronous write has committed (a rolled-back write makes it a harmless re-fetch).
  queueMicrotask(() => emitConsoleChanged(tx.db, { contestId, topic: 'rejudgings' }));
  return true;
}
