import { Id } from '@arena/protocol';
import { encodeStanding, StandingRangeError, type Standing } from '../../domain/ranking/composite-score';
import { AppError } from '../errors';

export type { PassFailStanding, ScoreStanding, Standing } from '../../domain/ranking/composite-score';

/** Which board a ranking belongs to: the public one (frozen at the freeze) or the jury's (live). */
export type RankingView = 'public' | 'jury';
export const RANKING_VIEWS: readonly RankingView[] = ['public', 'jury'];

export interface RankingEntry {
  readonly teamId: string;
  readonly standing: Standing;
}

/** One row of a ranking page. `composite` is the packed standing (domain/ranking/composite-score). */
export interface RankedTeam {
  readonly teamId: string;
  /** Shared rank: 1 + number of teams strictly better. Four teams tied at 17 all get 17; the next gets 21. */
  readonly rank: number;
  readonly composite: number;
}

export type RankingHealth =
  | { readonly status: 'ok' }
  | { readonly status: 'degraded'; readonly reason: string };

/** Largest page `page()` returns in one call. */
export const MAX_PAGE_LIMIT = 10_000;

/**
 * Ranking of teams per contest and view, kept by a projection of the scoring domain. Implemented
 * by Redis sorted sets (adapters/redis), by an in-process store, and by a wrapper that uses Redis
 * while it is healthy and the in-process copy otherwise.
 *
 * Contracts every implementation keeps (apps/host-server/test/ranking-contract.ts checks them):
 * - Standings are packed with `encodeStanding`; a contest uses one kind of standing throughout.
 * - Ranks are shared: rank = 1 + number of teams with a strictly larger composite.
 * - Display order is composite desc, then team id in DESCENDING byte order inside a tie. That tie
 *   order is arbitrary but stable, so consecutive pages never repeat or skip a team; the
 *   scoreboard (scoring domain) re-sorts each tie alphabetically by team NAME for display.
 * - Bad input (an id that is not a CLICS id, an out-of-range standing, a bad page window, a team
 *   twice in one batch) throws AppError('bad_request') and changes nothing.
 * - Each call is atomic: a reader sees a batch or a rebuild entirely or not at all.
 * - Infrastructure failures reject the call with a plain Error (never a `bad_request`).
 */
export interface RankingStore {
  /** Inserts or replaces one team's standing. */
  setTeam(contestId: string, view: RankingView, teamId: string, standing: Standing): Promise<void>;
  /** Inserts or replaces several teams' standings atomically. */
  setMany(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void>;
  /** Removes a team from one view; removing an absent team is a no-op. */
  removeTeam(contestId: string, view: RankingView, teamId: string): Promise<void>;
  /** The team's shared rank, or null when it is not ranked in this view. */
  rankOf(contestId: string, view: RankingView, teamId: string): Promise<number | null>;
  /** Up to `limit` teams from position `offset` (0-based) in display order. */
  page(contestId: string, view: RankingView, offset: number, limit: number): Promise<RankedTeam[]>;
  /** Number of ranked teams in the view. */
  size(contestId: string, view: RankingView): Promise<number>;
  /** Drops both views of a contest. */
  clear(contestId: string): Promise<void>;
  /** Atomically replaces the whole view with exactly `entries` (empty = the view is dropped). */
  rebuild(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void>;
  /** Whether the store currently works as intended; 'degraded' says why. Never throws. */
  health(): RankingHealth;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** A team id paired with its packed standing, validated. */
export interface CompositeEntry {
  readonly teamId: string;
  readonly composite: number;
}

/** Packs a standing, turning a range error into a `bad_request` the user can act on. */
export function compositeOf(teamId: string, standing: Standing): number {
  try {
    if (standing === null || typeof standing !== 'object') throw new StandingRangeError('standing', 'a standing is required');
    return encodeStanding(standing);
  } catch (err) {
    if (err instanceof StandingRangeError) throw new AppError('bad_request', `standing of team ${teamId}: ${err.message}`, { field: err.field });
    throw err;
  }
}

/** Throws `bad_request` unless `value` is a CLICS identifier. */
export function checkId(what: 'contest' | 'team', value: string): void {
  if (!Id.safeParse(value).success) {
    throw new AppError('bad_request', `${what} id ${JSON.stringify(value)} is not valid: it must be 1-36 characters of A-Z a-z 0-9 _ . - not starting with .`);
  }
}

/** Throws `bad_request` unless `view` is a known view. */
export function checkView(view: RankingView): void {
  if (!RANKING_VIEWS.includes(view)) throw new AppError('bad_request', `ranking view must be 'public' or 'jury' (got ${JSON.stringify(view)})`);
}

/** Validates a whole batch before anything is written; rejects a team listed twice. */
export function compositeEntries(contestId: string, view: RankingView, entries: readonly RankingEntry[]): CompositeEntry[] {
  checkId('contest', contestId);
  checkView(view);
  const seen = new Set<string>();
  return entries.map(({ teamId, standing }) => {
    checkId('team', teamId);
    if (seen.has(teamId)) throw new AppError('bad_request', `team ${teamId} appears more than once in one ranking update`);
    seen.add(teamId);
    return { teamId, composite: compositeOf(teamId, standing) };
  });
}

/** Throws `bad_request` unless offset ≥ 0 and 0 ≤ limit ≤ MAX_PAGE_LIMIT, both whole numbers. */
export function checkPageWindow(offset: number, limit: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError('bad_request', `page offset must be a whole number ≥ 0 (got ${String(offset)})`);
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_PAGE_LIMIT) {
    throw new AppError('bad_request', `page limit must be a whole number from 0 to ${MAX_PAGE_LIMIT} (got ${String(limit)})`);
  }
}
