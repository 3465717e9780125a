import {
  checkId, checkPageWindow, checkView, compositeEntries, type CompositeEntry, type RankedTeam, type RankingEntry,
  type RankingHealth, type RankingStore, type RankingView, type Standing,
} from './ranking-store';

interface Ranked extends CompositeEntry {
  readonly standing: Standing;
}

/**
 * Embedded ranking store: one sorted array per contest and view, kept in this process. Used
 * alone when no Redis is configured, and as the always-current copy behind the Redis store.
 * Every method does its whole change synchronously before its promise settles, so each call is
 * atomic with respect to every other caller. Updates cost O(n) (array splice), ranks O(log n).
 */
export class InMemoryRankingStore implements RankingStore {
  private readonly contests = new Map<string, Map<RankingView, ViewRanking>>();

  async setTeam(contestId: string, view: RankingView, teamId: string, standing: Standing): Promise<void> {
    this.setManyNow(contestId, view, [{ teamId, standing }]);
  }

  async setMany(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void> {
    this.setManyNow(contestId, view, entries);
  }

  async removeTeam(contestId: string, view: RankingView, teamId: string): Promise<void> {
    checkId('contest', contestId);
    checkView(view);
    checkId('team', teamId);
    this.viewOf(contestId, view, false)?.remove(teamId);
  }

  async rankOf(contestId: string, view: RankingView, teamId: string): Promise<number | null> {
    checkId('contest', contestId);
    checkView(view);
    checkId('team', teamId);
    return this.viewOf(contestId, view, false)?.rankOf(teamId) ?? null;
  }

  async page(contestId: string, view: RankingView, offset: number, limit: number): Promise<RankedTeam[]> {
    checkId('contest', contestId);
    checkView(view);
    checkPageWindow(offset, limit);
    return this.viewOf(contestId, view, false)?.page(offset, limit) ?? [];
  }

  async size(contestId: string, view: RankingView): Promise<number> {
    checkId('contest', contestId);
    checkView(view);
    return this.viewOf(contestId, view, false)?.size() ?? 0;
  }

  async clear(contestId: string): Promise<void> {
    checkId('contest', contestId);
    this.contests.delete(contestId);
  }

  async rebuild(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Promise<void> {
    const ranked = rankedEntries(contestId, view, entries);
    const views = this.contests.get(contestId);
    if (ranked.length === 0) {
      views?.delete(view);
      if (views?.size === 0) this.contests.delete(contestId);
      return;
    }
    const fresh = new ViewRanking();
    fresh.setAll(ranked);
    this.viewsOf(contestId).set(view, fresh);
  }

  health(): RankingHealth {
    return { status: 'ok' };
  }

  async close(): Promise<void> {
    this.contests.clear();
  }

  /** Contests that currently have at least one ranked team in some view. */
  contestIds(): string[] {
    return [...this.contests.keys()];
  }

  /** Every team of one view with its standing, in display order (a copy). */
  snapshot(contestId: string, view: RankingView): RankingEntry[] {
    return this.viewOf(contestId, view, false)?.entries() ?? [];
  }

  private setManyNow(contestId: string, view: RankingView, entries: readonly RankingEntry[]): void {
    const ranked = rankedEntries(contestId, view, entries);
    if (ranked.length > 0) this.viewOf(contestId, view, true).setAll(ranked);
  }

  private viewsOf(contestId: string): Map<RankingView, ViewRanking> {
    let views = this.contests.get(contestId);
    if (!views) {
      views = new Map();
      this.contests.set(contestId, views);
    }
    return views;
  }

  private viewOf(contestId: string, view: RankingView, create: true): ViewRanking;
  private viewOf(contestId: string, view: RankingView, create: false): ViewRanking | undefined;
  private viewOf(contestId: string, view: RankingView, create: boolean): ViewRanking | undefined {
    const existing = this.contests.get(contestId)?.get(view);
    if (existing || !create) return existing;
    const fresh = new ViewRanking();
    this.viewsOf(contestId).set(view, fresh);
    return fresh;
  }
}

function rankedEntries(contestId: string, view: RankingView, entries: readonly RankingEntry[]): Ranked[] {
  const packed = compositeEntries(contestId, view, entries);
  return packed.map((entry, i) => ({ ...entry, standing: entries[i]!.standing }));
}

/** Display order: composite desc, then team id in descending byte order (as Redis ZREVRANGE). */
function compareDisplay(a: CompositeEntry, b: CompositeEntry): number {
  if (a.composite !== b.composite) return b.composite - a.composite;
  return a.teamId < b.teamId ? 1 : a.teamId > b.teamId ? -1 : 0;
}

/** Batches larger than this re-sort the whole view instead of inserting one by one. */
const RESORT_BATCH = 64;

class ViewRanking {
  private readonly byTeam = new Map<string, Ranked>();
  private order: Ranked[] = [];

  size(): number {
    return this.order.length;
  }

  setAll(entries: readonly Ranked[]): void {
    if (entries.length > RESORT_BATCH) {
      for (const entry of entries) this.byTeam.set(entry.teamId, entry);
      this.order = [...this.byTeam.values()].sort(compareDisplay);
      return;
    }
    for (const entry of entries) {
      this.remove(entry.teamId);
      this.byTeam.set(entry.teamId, entry);
      this.order.splice(this.firstAtOrAfter(entry), 0, entry);
    }
  }

  remove(teamId: string): void {
    const old = this.byTeam.get(teamId);
    if (!old) return;
    this.byTeam.delete(teamId);
    this.order.splice(this.firstAtOrAfter(old), 1);
  }

  rankOf(teamId: string): number | null {
    const entry = this.byTeam.get(teamId);
    return entry ? this.strictlyBetterThan(entry.composite) + 1 : null;
  }

  page(offset: number, limit: number): RankedTeam[] {
    const slice = this.order.slice(offset, offset + limit);
    const rows: RankedTeam[] = [];
    slice.forEach((entry, i) => {
      const previous = i === 0 ? undefined : slice[i - 1];
      const rank = previous?.composite === entry.composite ? rows[i - 1]!.rank
        : i === 0 ? this.strictlyBetterThan(entry.composite) + 1 : offset + i + 1;
      rows.push({ teamId: entry.teamId, rank, composite: entry.composite });
    });
    return rows;
  }

  entries(): RankingEntry[] {
    return this.order.map(({ teamId, standing }) => ({ teamId, standing }));
  }

  /** Index of the first entry not before `entry` in display order (binary search). */
  private firstAtOrAfter(entry: CompositeEntry): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareDisplay(this.order[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of entries with a composite larger than `composite` (binary search). */
  private strictlyBetterThan(composite: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.composite > composite) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
