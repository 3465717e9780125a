import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from './blob-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store(): BlobStore {
  const dir = mkdtempSync(join(tmpdir(), 'arena-blobs-'));
  dirs.push(dir);
  return new BlobStore(join(dir, 'blobs'));
}

describe('BlobStore', () => {
  it('stores bytes under their sha256 and reads them back', async () => {
    const blobs = store();
    const sha = blobs.put(Buffer.from('testdata\n'));
    expect(sha).toBe(BlobStore.sha256(Buffer.from('testdata\n')));
    expect(await blobs.putAsync(Buffer.from('other'))).toBe(BlobStore.sha256(Buffer.from('other')));
    expect(blobs.has(sha)).toBe(true);
    expect(blobs.read(sha).toString()).toBe('testdata\n');
  });

  it('reads a blob that is not a file here from an attached source, which `has` does not consult', () => {
    const blobs = store();
    const kept = Buffer.from('a submitted zip');
    const keptSha = BlobStore.sha256(kept);
    const missingSha = BlobStore.sha256(Buffer.from('nowhere'));
    blobs.attachSource({ read: (sha) => (sha === keptSha ? kept : undefined) });
    expect(blobs.read(keptSha).equals(kept)).toBe(true);
    expect(blobs.has(keptSha)).toBe(false);
    expect(() => blobs.read(missingSha)).toThrow(/ENOENT/);
  });

  it('refuses anything that is not a sha256 (no path tricks)', () => {
    const blobs = store();
    expect(() => blobs.read('../../arena.db')).toThrow(/not a sha256/);
    expect(blobs.has('../../arena.db')).toBe(false);
  });
});
