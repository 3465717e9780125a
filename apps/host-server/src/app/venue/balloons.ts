import type { Balloon, BalloonList } from '@arena/protocol';
import { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import {
  deleteBalloon, getStoredBalloon, insertBalloon, listContestIds, listStoredBalloons, markBalloonDelivered, readFirstAccepted,
  updateBalloonSubmission, type StoredBalloon,
} from '../../adapters/sqlite/repos/venue-balloons-repo';
import type { StoredEvent } from '../../adapters/sqlite/store';
import { freezeStartMs, isScoreboardFrozen } from '../../domain/clock/contest-clock';
import { loadContest } from '../clock/contest-clock-store';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { audit, signalConsole } from './venue-audit';

/**
 * Balloons: one per (team, problem) for the team's first accepted submission, kept in
 * `venue_balloons` so a delivery survives restarts. They follow the valid judgements: a rejudge
 * that moves or removes the first AC moves the balloon (or removes it, unless it was already
 * handed out). During the freeze, balloons for submissions made after the freeze are held back
 * (the hall would learn what the frozen board hides) unless `balloons.showDuringFreeze`.
 */

/** Brings a contest's balloons in line with its valid judgements; returns whether one was added. */
export function syncBalloons(ctx: HostContext, contestId: string): boolean {
  return ctx.store.write((tx) => {
    const current = readFirstAccepted(tx.db, contestId);
    const stored = new Map(listStoredBalloons(tx.db, contestId).map((b) => [`${b.teamId}\0${b.problemId}`, b]));
    let added = false;
    for (const ac of current) {
      const key = `${ac.teamId}\0${ac.problemId}`;
      const balloon = stored.get(key);
      stored.delete(key);
      if (!balloon) {
        insertBalloon(tx.db, contestId, ac, tx.nowMs);
        added = true;
      } else if (balloon.submissionId !== ac.submissionId) {
        updateBalloonSubmission(tx.db, balloon.id, ac);
      }
    }
    // No longer accepted (rejudged): forget it unless someone already carried it to the team.
    for (const gone of stored.values()) if (gone.deliveredMs === null) deleteBalloon(tx.db, gone.id);
    return added;
  });
}

function parseData(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function toBalloon(b: StoredBalloon, firstMs: Map<string, number>): Balloon {
  const team = parseData(b.teamData);
  const problem = parseData(b.problemData);
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    id: String(b.id), teamId: b.teamId, teamName: str(team.display_name) ?? str(team.name) ?? b.teamId,
    problemId: b.problemId, problemLabel: str(problem.label) ?? b.problemId, color: str(problem.color), rgb: str(problem.rgb),
    firstToSolve: firstMs.get(b.problemId) === b.timeMs, timeMs: b.timeMs, contestTime: b.contestTimeMs,
    delivered: b.deliveredMs !== null, deliveredBy: b.deliveredBy,
  };
}

export interface BalloonReader {
  list(contestId: string): BalloonList;
  get(contestId: string, balloonId: number): Balloon;
}

/** Reads balloons as the console sees them now (freeze rule applied), oldest first. */
export function createBalloonReader(ctx: HostContext): BalloonReader {
  const repo = new ApiRepo(ctx.store.db);
  function visible(contestId: string): { balloons: StoredBalloon[]; firstMs: Map<string, number> } {
    const { clock } = loadContest(repo, contestId);
    const all = listStoredBalloons(ctx.store.db, contestId);
    const firstMs = new Map<string, number>();
    for (const b of all) firstMs.set(b.problemId, Math.min(firstMs.get(b.problemId) ?? Infinity, b.timeMs));
    const nowMs = ctx.clock();
    const freeze = freezeStartMs(clock);
    const holdBack = !ctx.config.balloons.showDuringFreeze && freeze !== null && isScoreboardFrozen(clock, nowMs);
    return { balloons: holdBack ? all.filter((b) => b.timeMs < freeze) : all, firstMs };
  }
  return {
    list(contestId) {
      const { balloons, firstMs } = visible(contestId);
      return { balloons: balloons.map((b) => toBalloon(b, firstMs)) };
    },
    get(contestId, balloonId) {
      const { balloons, firstMs } = visible(contestId);
      const found = balloons.find((b) => b.id === balloonId);
      if (!found) throw new AppError('not_found', `no balloon ${balloonId} in contest ${contestId}`);
      return toBalloon(found, firstMs);
    },
  };
}

/** Marks a balloon delivered by `actor` (idempotent: the first delivery is kept). */
export function markDelivered(ctx: HostContext, reader: BalloonReader, contestId: string, actor: string, balloonId: number): Balloon {
  reader.get(contestId, balloonId); // not found, or held back by the freeze: 404
  const changed = ctx.store.write((tx) => {
    const balloon = getStoredBalloon(tx.db, contestId, balloonId);
    if (!balloon) throw new AppError('not_found', `no balloon ${balloonId} in contest ${contestId}`);
    if (balloon.deliveredMs !== null) return false;
    markBalloonDelivered(tx.db, balloonId, tx.nowMs, actor);
    audit(tx, { contestId, actor, action: 'balloon.delivered', details: { balloonId, teamId: balloon.teamId, problemId: balloon.problemId } });
    return true;
  });
  if (changed) signalConsole(ctx, contestId, ['balloons', 'audit']);
  return reader.get(contestId, balloonId);
}

function affectsBalloons(event: StoredEvent): boolean {
  return event.type === 'judgements' && (event.data === null || (event.data as { judgement_type_id?: unknown }).judgement_type_id != null);
}

/**
 * Keeps balloons in step with judgements: syncs every contest now, then after each committed
 * write with finished or removed judgements, and tells consoles (`balloons`) when one appears
 * or when the contest state changes (a thaw releases held-back balloons). Returns the stop function.
 */
export function watchBalloons(ctx: HostContext): () => void {
  const sync = (contestId: string): void => {
    try {
      if (syncBalloons(ctx, contestId)) signalConsole(ctx, contestId, ['balloons']);
    } catch (err) {
      ctx.log.error({ err, contestId }, 'balloon sync failed');
    }
  };
  for (const contestId of listContestIds(ctx.store.db)) sync(contestId);
  return ctx.store.onEvents((events) => {
    const judged = new Set<string>();
    const stateChanged = new Set<string>();
    for (const e of events) {
      if (affectsBalloons(e)) judged.add(e.contestId);
      if (e.type === 'state') stateChanged.add(e.contestId);
    }
    for (const contestId of judged) sync(contestId);
    for (const contestId of stateChanged) if (!judged.has(contestId)) signalConsole(ctx, contestId, ['balloons']);
  });
}
