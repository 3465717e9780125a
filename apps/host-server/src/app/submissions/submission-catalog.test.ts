import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../adapters/blobs/blob-store';
import { openDatabase } from '../../adapters/sqlite/database';
import { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import { Store } from '../../adapters/sqlite/store';
import { parseHostConfig } from '../host-config';
import type { HostContext } from '../host-context';
import { createSubmissionCatalog } from './submission-catalog';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'arena-catalog-'));
  const db = openDatabase(join(dir, 'arena.db'));
  let nowMs = 1_000_000;
  const clock = () => nowMs;
  const store = new Store(db, clock);
  const ctx: HostContext = { config: parseHostConfig({ dataDir: dir }), store, blobs: new BlobStore(join(dir, 'blobs')), log: pino({ level: 'silent' }), clock };
  const catalog = createSubmissionCatalog(ctx, new ApiRepo(db));
  cleanups.push(() => {
    catalog.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const addProblem = (id: string, withEvent: boolean) => store.write((tx) => {
    tx.db.prepare("INSERT INTO problems (contest_id, id, ordinal, data, spec) VALUES ('c', ?, 0, ?, '{}')").run(id, JSON.stringify({ id }));
    if (withEvent) tx.emit({ contestId: 'c', type: 'problems', id, data: { id }, audience: 'public' });
  });
  const addLanguage = (id: string, data: Record<string, unknown>) => store.write((tx) => {
    tx.db.prepare("INSERT INTO languages (contest_id, id, data) VALUES ('c', ?, ?)").run(id, JSON.stringify(data));
    tx.emit({ contestId: 'c', type: 'languages', id, data, audience: 'public' });
  });
  return { catalog, addProblem, addLanguage, advance: (ms: number) => { nowMs += ms; } };
}

describe('submission catalog', () => {
  it('answers from its cache, and sees a problem or language as soon as its event commits', () => {
    const { catalog, addProblem, addLanguage } = setup();
    expect(catalog.hasProblem('c', 'hello')).toBe(false);
    expect(catalog.language('c', 'java')).toBeUndefined();
    addProblem('hello', true);
    addLanguage('java', { id: 'java', entry_point_required: true });
    expect(catalog.hasProblem('c', 'hello')).toBe(true);
    expect(catalog.language('c', 'java')).toEqual({ id: 'java', entry_point_required: true });
    expect(catalog.hasProblem('other-contest', 'hello')).toBe(false);
  });

  it('a change written without its event is seen within a second at most', () => {
    const { catalog, addProblem, advance } = setup();
    expect(catalog.hasProblem('c', 'quiet')).toBe(false);
    addProblem('quiet', false);
    advance(1000);
    expect(catalog.hasProblem('c', 'quiet')).toBe(true);
  });
});
