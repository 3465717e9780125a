import type { ApiRepo, ContestRow } from '../../adapters/sqlite/repos/api-repo';
import type { ContestClock } from '../../domain/clock/contest-clock';
import type { HostContext } from '../host-context';
import { loadContest } from './contest-clock-store';

/** Backstop for a change written without its event: never serve a contest older than this. */
const MAX_AGE_MS = 1000;

export interface ContestCache {
  /** The contest row and parsed clock, or throws `not_found`. Do not use inside a write that changes them. */
  get(contestId: string): { row: ContestRow; clock: ContestClock };
  /** Stops listening to the store. */
  close(): void;
}

/**
 * Read cache of contests for the hot read paths (every API request needs the clock). Every
 * clock or contest change commits with a `contest` or `state` event; the cache drops the entry
 * when one commits, and in any case after a second.
 */
export function createContestCache(ctx: HostContext, repo: ApiRepo): ContestCache {
  const entries = new Map<string, { value: { row: ContestRow; clock: ContestClock }; atMs: number }>();
  const unsubscribe = ctx.store.onEvents((events) => {
    for (const e of events) if (e.type === 'contest' || e.type === 'state') entries.delete(e.contestId);
  });
  return {
    get(contestId) {
      const nowMs = ctx.clock();
      const hit = entries.get(contestId);
      if (hit && nowMs - hit.atMs < MAX_AGE_MS && nowMs >= hit.atMs) return hit.value;
      const value = loadContest(repo, contestId);
      entries.set(contestId, { value, atMs: nowMs });
      return value;
    },
    close: unsubscribe,
  };
}
