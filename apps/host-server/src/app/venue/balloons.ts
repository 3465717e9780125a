import type { Balloon, BalloonList } from '@arena/protocol';
import { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import {
  deleteBalloon, getBalloonOf, getStoredBalloon, insertBalloon, judgementPair, listContestIds, listStoredBalloons, markBalloonDelivered,
  readFirstAccepted, readFirstAcceptedOf, updateBalloonSubmission, type StoredBalloon,
} from '../../adapters/sqlite/repos/venue-balloons-repo';
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
  const pairs = readFirstAccepted(ctx.store.db, contestId).map((ac) => ({ teamId: ac.teamId, problemId: ac.problemId }));
  for (const b of listStoredBalloons(ctx.store.db, contestId)) pairs.push({ teamId: b.teamId, problemId: b.problemId });
  return syncBalloonPairs(ctx, contestId, pairs);
}

/**
 * Brings the balloons of some (team, problem) pairs in line with their valid judgements, in one
 * write; returns whether one was added. Cheap per pair (indexed), so it can follow every judgement.
 */
export function syncBalloonPairs(ctx: HostContext, contestId: string, pairs: ReadonlyArray<{ teamId: string; problemId: string }>): boolean {
  return ctx.store.write((tx) => {
    let added = false;
    const seen = new Set<string>();
    for (const { teamId, problemId } of pairs) {
      const key = `${teamId}\0${problemId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const ac = readFirstAcceptedOf(tx.db, contestId, teamId, problemId);
      const balloon = getBalloonOf(tx.db, contestId, teamId, problemId);
      if (ac && !balloon) {
        insertBalloon(tx.db, contestId, ac, tx.nowMs);
        added = true;
      } else if (ac && balloon && balloon.submissionId !== ac.submissionId) {
        updateBalloonSubmission(tx.db, balloon.id, ac);
      } else if (!ac && balloon && balloon.deliveredMs === null) {
        // No longer accepted (rejudged): forget it unless someone already carried it to the team.
        deleteBalloon(tx.db, balloon.id);
      }
    }
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

/**
 * Keeps balloons in step with judgements: syncs every contest now, then after each committed
 * write the (team, problem) pairs of its finished or removed judgements, and tells consoles
 * (`balloons`) when one appears or when the contest state changes (a thaw releases held-back
 * balloons). Returns the stop function.
 */
export function watchBalloons(ctx: HostContext): () => void {
  const guarded = (contestId: string, fn: () => boolean): void => {
    try {
      if (fn()) signalConsole(ctx, contestId, ['balloons']);
    } catch (err) {
      ctx.log.error({ err, contestId }, 'balloon sync failed');
    }
  };
  for (const contestId of listContestIds(ctx.store.db)) guarded(contestId, () => syncBalloons(ctx, contestId));
  return ctx.store.onEvents((events) => {
    const judged = new Map<string, Array<{ teamId: string; problemId: string }>>();
    const stateChanged = new Set<string>();
    for (const e of events) {
      if (e.type === 'state') stateChanged.add(e.contestId);
      if (e.type !== 'judgements' || e.id === null) continue;
      // A judgement just started (no verdict yet) changes no balloon.
      if (e.data !== null && (e.data as { judgement_type_id?: unknown }).judgement_type_id == null) continue;
      const pair = judgementPair(ctx.store.db, e.contestId, e.id);
      if (pair) judged.set(e.contestId, [...(judged.get(e.contestId) ?? []), pair]);
    }
    for (const [contestId, pairs] of judged) guarded(contestId, () => syncBalloonPairs(ctx, contestId, pairs));
    for (const contestId of stateChanged) signalConsole(ctx, contestId, ['balloons']);
  });
}
