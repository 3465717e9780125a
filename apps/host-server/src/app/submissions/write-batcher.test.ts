import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../adapters/sqlite/database';
import { Store, type StoredEvent } from '../../adapters/sqlite/store';
import { WriteBatcher } from './write-batcher';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'arena-batcher-'));
  const db = openDatabase(join(dir, 'arena.db'));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const store = new Store(db, () => 1000);
  const commits: StoredEvent[][] = [];
  store.onEvents((events) => commits.push([...events]));
  const insert = (id: string) => (tx: Parameters<Parameters<Store['write']>[0]>[0]) => {
    tx.db.prepare('INSERT INTO audit_log (time_ms, actor, action, details) VALUES (?, ?, ?, ?)').run(tx.nowMs, id, 'test', '{}');
    tx.emit({ contestId: 'c', type: 'clarifications', id, data: { id }, audience: 'public' });
    if (id === 'bad') throw new Error('bad job');
    return id.toUpperCase();
  };
  const rows = () => (db.prepare('SELECT actor FROM audit_log ORDER BY id').all() as Array<{ actor: string }>).map((r) => r.actor);
  return { store, commits, insert, rows };
}

describe('WriteBatcher', () => {
  it('commits jobs queued together in one transaction, settling each with its result', async () => {
    const { store, commits, insert, rows } = setup();
    const batcher = new WriteBatcher(store);
    const results = await Promise.all(['a', 'b', 'c'].map((id) => batcher.run(insert(id))));
    expect(results).toEqual(['A', 'B', 'C']);
    expect(rows()).toEqual(['a', 'b', 'c']);
    expect(commits.map((c) => c.map((e) => e.id))).toEqual([['a', 'b', 'c']]);
  });

  it('respects the batch size', async () => {
    const { store, commits, insert } = setup();
    const batcher = new WriteBatcher(store, { maxBatch: 2 });
    await Promise.all(['a', 'b', 'c'].map((id) => batcher.run(insert(id))));
    expect(commits.map((c) => c.map((e) => e.id))).toEqual([['a', 'b'], ['c']]);
  });

  it('a failing job fails alone; the others commit and nothing of it remains', async () => {
    const { store, commits, insert, rows } = setup();
    const batcher = new WriteBatcher(store);
    const settled = await Promise.allSettled(['a', 'bad', 'c'].map((id) => batcher.run(insert(id))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual(['a', 'c']);
    expect(commits.flat().map((e) => e.id)).toEqual(['a', 'c']);
  });

  it('waits for announced jobs, so jobs still on their way join the same commit', async () => {
    const { store, commits, insert } = setup();
    const batcher = new WriteBatcher(store, { maxWaitMs: 60_000 });
    const arrived = batcher.expect();
    const a = batcher.run(insert('a'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([]);
    arrived();
    arrived(); // a second call is harmless
    const b = batcher.run(insert('b'));
    expect(await Promise.all([a, b])).toEqual(['A', 'B']);
    expect(commits.map((c) => c.map((e) => e.id))).toEqual([['a', 'b']]);
  });

  it('an announced job that never comes delays the commit by at most maxWaitMs, and then it commits', async () => {
    const { store, commits, insert } = setup();
    const batcher = new WriteBatcher(store, { maxWaitMs: 1 });
    batcher.expect();
    expect(await batcher.run(insert('a'))).toBe('A');
    expect(commits.map((c) => c.map((e) => e.id))).toEqual([['a']]);
  });

  it('an announced job that fails before running releases the waiting batch', async () => {
    const { store, commits, insert } = setup();
    const batcher = new WriteBatcher(store, { maxWaitMs: 60_000 });
    const failed = batcher.expect();
    const a = batcher.run(insert('a'));
    failed();
    expect(await a).toBe('A');
    expect(commits.map((c) => c.map((e) => e.id))).toEqual([['a']]);
  });
});
