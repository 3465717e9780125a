import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeStanding } from '../src/domain/ranking/composite-score';
import type {
  PassFailStanding, RankedTeam, RankingEntry, RankingStore, RankingView, Standing,
} from '../src/app/ranking/ranking-store';
import { seededRandom } from './helpers/seeded-random';

/**
 * The behaviour every RankingStore implementation must have (see the contract on the
 * interface). Each test gets a fresh store from `makeStore` and closes it afterwards.
 */
export function rankingStoreContract(name: string, makeStore: () => Promise<RankingStore>): void {
  describe(`RankingStore contract: ${name}`, () => {
    let store: RankingStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const ids = (rows: readonly RankedTeam[]) => rows.map((r) => r.teamId);
    const ranks = (rows: readonly RankedTeam[]) => rows.map((r) => r.rank);

    it('reports an unknown view as empty', async () => {
      expect(await store.size('c1', 'public')).toBe(0);
      expect(await store.page('c1', 'public', 0, 10)).toEqual([]);
      expect(await store.rankOf('c1', 'public', 'nobody')).toBeNull();
      expect(store.health()).toEqual({ status: 'ok' });
    });

    it('orders by solved desc, then penalty asc, then last accepted minute asc', async () => {
      await store.setTeam('c1', 'public', 'a', pf(3, 300, 200));
      await store.setTeam('c1', 'public', 'b', pf(3, 250, 250));
      await store.setTeam('c1', 'public', 'c', pf(3, 250, 240));
      await store.setTeam('c1', 'public', 'd', pf(4, 900, 290));
      await store.setTeam('c1', 'public', 'e', pf(0, 0, 0));
      const rows = await store.page('c1', 'public', 0, 10);
      expect(rows).toEqual([
        { teamId: 'd', rank: 1, composite: encodeStanding(pf(4, 900, 290)) },
        { teamId: 'c', rank: 2, composite: encodeStanding(pf(3, 250, 240)) },
        { teamId: 'b', rank: 3, composite: encodeStanding(pf(3, 250, 250)) },
        { teamId: 'a', rank: 4, composite: encodeStanding(pf(3, 300, 200)) },
        { teamId: 'e', rank: 5, composite: encodeStanding(pf(0, 0, 0)) },
      ]);
      expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => store.rankOf('c1', 'public', t)))).toEqual([4, 3, 2, 1, 5]);
      expect(await store.size('c1', 'public')).toBe(5);
    });

    it('gives tied teams one rank and skips the following ranks (4 tied at 17, next is 21)', async () => {
      const better = Array.from({ length: 16 }, (_, i) => entry(`better${String(i).padStart(2, '0')}`, pf(10, i, 100)));
      const tied = ['tie-a', 'tie-b', 'tie-c', 'tie-d'].map((t) => entry(t, pf(5, 100, 50)));
      const worse = [entry('worse1', pf(5, 100, 51)), entry('worse2', pf(4, 0, 0)), entry('worse3', pf(0, 0, 0))];
      await store.setMany('c1', 'public', [...worse, ...tied, ...better]);

      for (const { teamId } of tied) expect(await store.rankOf('c1', 'public', teamId)).toBe(17);
      expect(await store.rankOf('c1', 'public', 'worse1')).toBe(21);
      const all = await store.page('c1', 'public', 0, 100);
      expect(ranks(all)).toEqual([...Array.from({ length: 16 }, (_, i) => i + 1), 17, 17, 17, 17, 21, 22, 23]);
      // Inside a tie: team id in descending byte order (the scoreboard re-sorts ties by name).
      expect(ids(all).slice(16, 20)).toEqual(['tie-d', 'tie-c', 'tie-b', 'tie-a']);
      // A page that starts inside the tie still reports the shared rank.
      expect(ranks(await store.page('c1', 'public', 18, 3))).toEqual([17, 17, 21]);
      expect(await store.page('c1', 'public', 19, 10)).toEqual(all.slice(19));
      // Consecutive pages never repeat or skip a team.
      const paged: RankedTeam[] = [];
      for (let offset = 0; offset < all.length; offset += 3) paged.push(...await store.page('c1', 'public', offset, 3));
      expect(paged).toEqual(all);
      expect(await store.page('c1', 'public', 23, 5)).toEqual([]);
      expect(await store.page('c1', 'public', 0, 0)).toEqual([]);
    });

    it('replaces a team\'s standing on update and moves it', async () => {
      await store.setMany('c1', 'public', [entry('a', pf(2, 50, 40)), entry('b', pf(1, 10, 10)), entry('c', pf(1, 20, 20))]);
      await store.setTeam('c1', 'public', 'c', pf(3, 80, 70));
      expect(ids(await store.page('c1', 'public', 0, 10))).toEqual(['c', 'a', 'b']);
      await store.setTeam('c1', 'public', 'c', pf(1, 10, 10));
      expect(await store.page('c1', 'public', 0, 10)).toMatchObject([{ teamId: 'a', rank: 1 }, { teamId: 'c', rank: 2 }, { teamId: 'b', rank: 2 }]);
      expect(await store.size('c1', 'public')).toBe(3);
    });

    it('applies batches of any size like the reference order', async () => {
      const random = seededRandom(7);
      const standing = () => pf(Math.floor(random() * 6), Math.floor(random() * 40), Math.floor(random() * 30));
      const big = Array.from({ length: 300 }, (_, i) => entry(`team${i}`, standing()));
      await store.setMany('c1', 'jury', big);
      const small = [entry('team5', standing()), entry('team77', standing()), entry('newcomer', standing())];
      await store.setMany('c1', 'jury', small);
      const expected = referenceRanking([...big.filter((e) => !small.some((s) => s.teamId === e.teamId)), ...small]);
      expect(await store.page('c1', 'jury', 0, 1000)).toEqual(expected);
      for (const row of expected.slice(0, 40)) expect(await store.rankOf('c1', 'jury', row.teamId)).toBe(row.rank);
    });

    it('rejects a batch with bad input as a whole and changes nothing', async () => {
      await store.setMany('c1', 'public', [entry('a', pf(1, 10, 10))]);
      const before = await store.page('c1', 'public', 0, 10);
      await expectBadRequest(store.setMany('c1', 'public', [entry('b', pf(2, 0, 0)), entry('c', pf(200, 0, 0))]), /solved must be/);
      await expectBadRequest(store.setMany('c1', 'public', [entry('b', pf(2, 0, 0)), entry('b', pf(3, 0, 0))]), /more than once/);
      await expectBadRequest(store.setMany('c1', 'public', [entry('b', pf(2, 0, 0)), entry('not an id', pf(3, 0, 0))]), /team id/);
      await expectBadRequest(store.setTeam('c1', 'public', 'a', pf(1, 0.5, 10)), /penaltyMinutes/);
      expect(await store.page('c1', 'public', 0, 10)).toEqual(before);
    });

    it('rebuild replaces the whole view and leaves the other view alone', async () => {
      await store.setMany('c1', 'public', [entry('a', pf(1, 10, 10)), entry('b', pf(2, 10, 10)), entry('c', pf(3, 10, 10))]);
      await store.setMany('c1', 'jury', [entry('a', pf(5, 0, 0))]);
      await store.rebuild('c1', 'public', [entry('c', pf(1, 0, 0)), entry('d', pf(4, 0, 0))]);
      expect(await store.page('c1', 'public', 0, 10)).toMatchObject([{ teamId: 'd', rank: 1 }, { teamId: 'c', rank: 2 }]);
      expect(await store.rankOf('c1', 'public', 'a')).toBeNull();
      expect(await store.size('c1', 'public')).toBe(2);
      expect(await store.rankOf('c1', 'jury', 'a')).toBe(1);

      await expectBadRequest(store.rebuild('c1', 'public', [entry('x', pf(1, 0, 0)), entry('y', pf(-1, 0, 0))]), /solved/);
      expect(ids(await store.page('c1', 'public', 0, 10))).toEqual(['d', 'c']);

      await store.rebuild('c1', 'public', []);
      expect(await store.size('c1', 'public')).toBe(0);
      expect(await store.size('c1', 'jury')).toBe(1);
    });

    it('keeps the public and jury views apart', async () => {
      await store.setTeam('c1', 'public', 'a', pf(1, 10, 10));
      await store.setTeam('c1', 'public', 'b', pf(2, 10, 10));
      await store.setTeam('c1', 'jury', 'a', pf(3, 10, 10));
      await store.setTeam('c1', 'jury', 'b', pf(2, 10, 10));
      expect(await store.rankOf('c1', 'public', 'a')).toBe(2);
      expect(await store.rankOf('c1', 'jury', 'a')).toBe(1);
      await store.removeTeam('c1', 'jury', 'b');
      expect(await store.size('c1', 'jury')).toBe(1);
      expect(await store.size('c1', 'public')).toBe(2);
    });

    it('keeps contests apart; clear drops both views of one contest only', async () => {
      for (const view of ['public', 'jury'] as const) {
        await store.setMany('c1', view, [entry('a', pf(1, 10, 10)), entry('b', pf(2, 10, 10))]);
        await store.setMany('c2', view, [entry('a', pf(4, 10, 10))]);
      }
      expect(await store.rankOf('c1', 'public', 'a')).toBe(2);
      expect(await store.rankOf('c2', 'public', 'a')).toBe(1);
      await store.clear('c1');
      expect([await store.size('c1', 'public'), await store.size('c1', 'jury')]).toEqual([0, 0]);
      expect([await store.size('c2', 'public'), await store.size('c2', 'jury')]).toEqual([1, 1]);
      await store.setTeam('c1', 'public', 'z', pf(0, 0, 0));
      expect(await store.rankOf('c1', 'public', 'z')).toBe(1);
    });

    it('removes a team so that the others close up; removing an absent team does nothing', async () => {
      await store.setMany('c1', 'public', [entry('a', pf(3, 0, 0)), entry('b', pf(2, 0, 0)), entry('c', pf(2, 0, 0)), entry('d', pf(1, 0, 0))]);
      expect(await store.rankOf('c1', 'public', 'd')).toBe(4);
      await store.removeTeam('c1', 'public', 'a');
      await store.removeTeam('c1', 'public', 'ghost');
      await store.removeTeam('c9', 'jury', 'a');
      expect(await store.page('c1', 'public', 0, 10)).toMatchObject([
        { teamId: 'c', rank: 1 }, { teamId: 'b', rank: 1 }, { teamId: 'd', rank: 3 },
      ]);
      expect(await store.rankOf('c1', 'public', 'a')).toBeNull();
    });

    it('orders score contests by score desc, then last improvement asc', async () => {
      await store.setMany('c1', 'public', [
        entry('a', { score: 150.5, lastImprovementMinute: 90 }),
        entry('b', { score: 150.5, lastImprovementMinute: 80 }),
        entry('c', { score: 200, lastImprovementMinute: 200 }),
        entry('d', { score: 0.1 + 0.2, lastImprovementMinute: 10 }),
        entry('e', { score: 0.3, lastImprovementMinute: 10 }),
      ]);
      expect(await store.page('c1', 'public', 0, 10)).toMatchObject([
        { teamId: 'c', rank: 1 }, { teamId: 'b', rank: 2 }, { teamId: 'a', rank: 3 }, { teamId: 'e', rank: 4 }, { teamId: 'd', rank: 4 },
      ]);
    });

    it('keeps composites exact up to 2^53-1', async () => {
      await store.setTeam('c1', 'public', 'top', pf(127, -(2 ** 25), 0));
      await store.setTeam('c1', 'public', 'next', pf(127, -(2 ** 25), 1));
      expect(await store.page('c1', 'public', 0, 10)).toEqual([
        { teamId: 'top', rank: 1, composite: 2 ** 53 - 1 },
        { teamId: 'next', rank: 2, composite: 2 ** 53 - 2 },
      ]);
    });

    it('rejects ids, views and page windows it cannot use', async () => {
      await expectBadRequest(store.rankOf('bad contest', 'public', 'a'), /contest id/);
      await expectBadRequest(store.setTeam('c1', 'public', '.hidden', pf(1, 0, 0)), /team id/);
      await expectBadRequest(store.size('c1', 'everyone' as RankingView), /view/);
      await expectBadRequest(store.page('c1', 'public', -1, 10), /offset/);
      await expectBadRequest(store.page('c1', 'public', 0, 10_001), /limit/);
      await expectBadRequest(store.page('c1', 'public', 0.5, 10), /offset/);
      await expectBadRequest(store.clear(''), /contest id/);
      expect(await store.size('c1', 'public')).toBe(0);
    });
  });
}

export function pf(solved: number, penaltyMinutes: number, lastAcMinute: number): PassFailStanding {
  return { solved, penaltyMinutes, lastAcMinute };
}

export function entry(teamId: string, standing: Standing): RankingEntry {
  return { teamId, standing };
}

/** The order and ranks the contract promises, computed the slow obvious way. */
export function referenceRanking(entries: readonly RankingEntry[]): RankedTeam[] {
  const packed = entries.map((e) => ({ teamId: e.teamId, composite: encodeStanding(e.standing) }));
  packed.sort((a, b) => (b.composite - a.composite) || (a.teamId < b.teamId ? 1 : -1));
  return packed.map((e) => ({ ...e, rank: 1 + packed.filter((o) => o.composite > e.composite).length }));
}

async function expectBadRequest(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
}


/** Polls `condition` every 20 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
