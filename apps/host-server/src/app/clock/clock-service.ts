import type { ContestState } from '@arena/protocol';
import { ApiRepo, countFinalizeBlockers, updateContestClock } from '../../adapters/sqlite/repos/api-repo';
import { applyClockAction, clicsState, hasStarted, type ClockAction } from '../../domain/clock/contest-clock';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { contestObject, emitClockEvents, loadContest } from './contest-clock-store';

/** A clock command as the jury sends it (finalize's blockers are counted by the host). */
export type ClockCommand = Exclude<ClockAction, { action: 'finalize' }> | { action: 'finalize' };

export interface ClockCommandResult {
  contest: Record<string, unknown>;
  state: ContestState;
}

/**
 * Applies one jury clock command in ONE write: the new clock and CLICS contest object are
 * stored, `state` (and `contest` when times changed, problems when it just started) events
 * emitted and the action audit-logged. A refused command throws `conflict` or `bad_request`
 * with the reason and changes nothing.
 */
export function applyClockCommand(ctx: HostContext, contestId: string, command: ClockCommand, actor: string): ClockCommandResult {
  const repo = new ApiRepo(ctx.store.db);
  return ctx.store.write((tx) => {
    const { row, clock } = loadContest(repo, contestId);
    const action: ClockAction = command.action === 'finalize'
      ? { action: 'finalize', blockers: countFinalizeBlockers(tx.db, contestId) }
      : command;
    const result = applyClockAction(clock, tx.nowMs, action);
    if (!result.ok) throw new AppError(result.reason === 'invalid' ? 'bad_request' : 'conflict', result.message);
    const contest = contestObject(row, result.clock);
    updateContestClock(tx.db, contestId, result.clock, contest);
    const state = clicsState(result.clock, tx.nowMs);
    emitClockEvents(tx, repo, contestId, {
      state, contest: result.contestChanged ? contest : null,
      startedNow: !hasStarted(clock, tx.nowMs) && hasStarted(result.clock, tx.nowMs),
    });
    tx.db.prepare('INSERT INTO audit_log (contest_id, time_ms, actor, action, details) VALUES (?, ?, ?, ?, ?)')
      .run(contestId, tx.nowMs, actor, `clock.${command.action}`, JSON.stringify(command));
    return { contest, state };
  });
}
