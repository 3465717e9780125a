import type { ContestState } from '@arena/protocol';
import type { WriteContext } from '../../adapters/sqlite/store';
import type { ApiRepo, ContestRow } from '../../adapters/sqlite/repos/api-repo';
import { clicsContestTimes, ContestClock } from '../../domain/clock/contest-clock';
import { AppError } from '../errors';

/**
 * Parses a contest's stored clock. The database is a boundary too: a clock that does not parse
 * is an internal error (logged), never silently a default.
 */
export function parseStoredClock(row: ContestRow): ContestClock {
  const parsed = ContestClock.safeParse(row.clock);
  if (!parsed.success) throw new Error(`contest ${row.id} has a malformed clock: ${parsed.error.message}`);
  return parsed.data;
}

/** The CLICS contest object as served: stored fields with the clock-derived times on top. */
export function contestObject(row: ContestRow, clock: ContestClock): Record<string, unknown> {
  return { ...row.data, id: row.id, ...clicsContestTimes(clock) };
}

/** Reads a contest and its clock, or throws `not_found`. */
export function loadContest(repo: ApiRepo, contestId: string): { row: ContestRow; clock: ContestClock } {
  const row = repo.getContest(contestId);
  if (!row) throw new AppError('not_found', `no contest ${contestId}`);
  return { row, clock: parseStoredClock(row) };
}

/**
 * Emits the events a clock change implies, inside the caller's write: `contest` when its times
 * changed, `state` always, and every problem when the contest has just started (problems are
 * hidden from non-jury feeds before the start, so a live feed learns them at that moment).
 */
export function emitClockEvents(tx: WriteContext, repo: ApiRepo, contestId: string, change: {
  state: ContestState; contest: Record<string, unknown> | null; startedNow: boolean;
}): void {
  if (change.contest !== null) tx.emit({ contestId, type: 'contest', id: null, data: change.contest, audience: 'public' });
  tx.emit({ contestId, type: 'state', id: null, data: change.state, audience: 'public' });
  if (change.startedNow) {
    for (const problem of repo.list('problems', contestId)) {
      tx.emit({ contestId, type: 'problems', id: problem.id, data: problem.data, audience: 'public' });
    }
  }
}
