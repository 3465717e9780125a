import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { Store, type StoredEvent } from './store';

let dir: string;
let db: Db;
let now = 1_000;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arena-store-'));
  db = openDatabase(join(dir, 'arena.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('Store.write', () => {
  it('commits a state change and its event together, and notifies after commit', () => {
    const store = new Store(db, () => now);
    const heard: StoredEvent[] = [];
    store.onEvents((events) => {
      // Listeners run after the commit: the row is already visible.
      expect(count('contests')).toBe(1);
      heard.push(...events);
    });
    const token = store.write((tx) => {
      tx.db.prepare("INSERT INTO contests (id, data, clock, created_ms) VALUES ('c1', '{}', '{}', ?)").run(tx.nowMs);
      return tx.emit({ contestId: 'c1', type: 'contest', id: null, data: { id: 'c1' }, audience: 'public' });
    });
    expect(heard).toEqual([{ token, contestId: 'c1', type: 'contest', id: null, data: { id: 'c1' }, audience: 'public', teamId: null, timeMs: 1_000 }]);
    expect(store.readEvents('c1')).toEqual(heard);
  });

  it('rolls back both the change and the event when the write throws, and tells nobody', () => {
    const store = new Store(db, () => now);
    let notified = 0;
    store.onEvents(() => notified++);
    expect(() => store.write((tx) => {
      tx.db.prepare("INSERT INTO contests (id, data, clock, created_ms) VALUES ('c1', '{}', '{}', 1)").run();
      tx.emit({ contestId: 'c1', type: 'contest', id: null, data: {}, audience: 'public' });
      throw new Error('boom');
    })).toThrow('boom');
    expect(count('contests')).toBe(0);
    expect(count('events')).toBe(0);
    expect(notified).toBe(0);
  });

  it('refuses a team-audience event without a team', () => {
    const store = new Store(db, () => now);
    expect(() => store.write((tx) => tx.emit({ contestId: 'c', type: 'submissions', id: '1', data: {}, audience: 'team' }))).toThrow(/no teamId/);
    expect(count('events')).toBe(0);
  });

  it('keeps the commit when a listener throws, and reports the listener error', () => {
    const errors: unknown[] = [];
    const store = new Store(db, () => now, (err) => errors.push(err));
    store.onEvents(() => { throw new Error('listener broke'); });
    store.write((tx) => tx.emit({ contestId: 'c', type: 'teams', id: 't1', data: { id: 't1' }, audience: 'public' }));
    expect(count('events')).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('reads events after a token in order, with deletes as null data', () => {
    const store = new Store(db, () => now++);
    const t1 = store.write((tx) => tx.emit({ contestId: 'c', type: 'teams', id: 't1', data: { id: 't1' }, audience: 'public' }));
    const t2 = store.write((tx) => tx.emit({ contestId: 'c', type: 'teams', id: 't1', data: null, audience: 'public' }));
    store.write((tx) => tx.emit({ contestId: 'other', type: 'teams', id: 'x', data: {}, audience: 'public' }));
    expect(store.readEvents('c', t1).map((e) => [e.token, e.data])).toEqual([[t2, null]]);
    expect(store.readEvents('c').map((e) => e.token)).toEqual([t1, t2]);
  });
});
