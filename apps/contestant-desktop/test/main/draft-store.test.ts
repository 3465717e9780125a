import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftRelativePath } from '../../src/main/draft-file-names';
import { createDraftStore, type DraftStore } from '../../src/main/draft-store';

let root: string;
let store: DraftStore;
let now: number;
const key = { contestId: 'nwerc-2026', problemId: 'A', languageId: 'cpp' };

beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'arena-drafts-')), 'drafts');
  now = 1_000;
  store = createDraftStore(root, () => now);
});

afterEach(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('draft store on a real disk', () => {
  it('saves and loads a draft, and an overwrite replaces it', async () => {
    await store.save(key, '#include <cstdio>\nint main() { puts("Grüße 🚀"); }\n');
    expect(await store.load(key)).toEqual({ ...key, text: '#include <cstdio>\nint main() { puts("Grüße 🚀"); }\n', savedMs: 1000 });
    now = 2_000;
    await store.save(key, 'v2');
    expect(await store.load(key)).toEqual({ ...key, text: 'v2', savedMs: 2000 });
  });

  it('keeps one file per (contest, problem, language) and leaves no temp files', async () => {
    await store.save(key, 'a');
    await store.save({ ...key, languageId: 'python3' }, 'b');
    await store.save({ ...key, problemId: 'a' }, 'c');
    await store.save({ ...key, contestId: 'other' }, 'd');
    const files = await allFiles(root);
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.endsWith('.json') && !f.includes('.tmp'))).toBe(true);
    expect((await store.load({ ...key, problemId: 'a' }))?.text).toBe('c');
  });

  it('lists one contest’s drafts, newest first', async () => {
    await store.save(key, 'old');
    now = 5_000;
    await store.save({ ...key, problemId: 'B' }, 'new');
    await store.save({ ...key, contestId: 'other' }, 'elsewhere');
    expect((await store.list('nwerc-2026')).map((d) => [d.problemId, d.text])).toEqual([['B', 'new'], ['A', 'old']]);
    expect(await store.list('never-used')).toEqual([]);
  });

  it('writes the file readable only by the user', async () => {
    await store.save(key, 'secret');
    const { directory, fileName } = draftRelativePath(key);
    if (process.platform !== 'win32') expect((await stat(join(root, directory, fileName))).mode & 0o777).toBe(0o600);
  });

  it('returns null for a missing, corrupt, oversized or misplaced draft instead of failing', async () => {
    expect(await store.load(key)).toBeNull();
    await store.save(key, 'x');
    const { directory, fileName } = draftRelativePath(key);
    const path = join(root, directory, fileName);
    await writeFile(path, '{"format":1,"contestId":"nwerc-2026"');
    expect(await store.load(key)).toBeNull();
    await writeFile(path, 'x'.repeat(2 * 1024 * 1024));
    expect(await store.load(key)).toBeNull();
    await store.save({ ...key, problemId: 'B' }, 'belongs to B');
    await rename(join(root, directory, draftRelativePath({ ...key, problemId: 'B' }).fileName), path);
    expect(await store.load(key)).toBeNull();
    expect(await store.list('nwerc-2026')).toEqual([]);
  });

  it('refuses bad ids before touching the disk', async () => {
    await expect(store.save({ ...key, problemId: '../../escape' }, 'x')).rejects.toThrow(/not a valid id/);
    await expect(store.save({ ...key, contestId: '..' }, 'x')).rejects.toThrow(/not a valid id/);
    await expect(store.load({ ...key, languageId: 'a/b' })).rejects.toThrow(/not a valid id/);
    await expect(store.list('../..')).rejects.toThrow(/not a valid id/);
    await expect(readdir(root)).rejects.toThrow(/ENOENT/);
  });

  it('reads back a draft at the size limit even when JSON escaping makes it 6x larger on disk', async () => {
    const text = '\u0001'.repeat(256 * 1024);
    await store.save(key, text);
    expect((await store.load(key))?.text).toBe(text);
  });

  it('refuses a text over the limit and keeps the previous draft', async () => {
    await store.save(key, 'kept');
    await expect(store.save(key, 'x'.repeat(256 * 1024 + 1))).rejects.toThrow(/256 KiB/);
    expect((await store.load(key))?.text).toBe('kept');
  });

  it('stores the key inside the file (names are encoded)', async () => {
    await store.save(key, 'body');
    const [file] = await allFiles(root);
    expect(JSON.parse(await readFile(file!, 'utf8'))).toEqual({ format: 1, ...key, text: 'body', savedMs: 1000 });
  });
});
