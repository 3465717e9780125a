import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCache } from './file-cache';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'arena-cache-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileCache', () => {
  it('downloads once, verifies, and serves from disk after', async () => {
    const files = new Map([[sha('hello'), 'hello']]);
    let downloads = 0;
    const cache = new FileCache({ dir, maxBytes: 1 << 20, download: async (h) => { downloads++; return Buffer.from(files.get(h)!); } });
    const [a, b] = await Promise.all([cache.get(sha('hello')), cache.get(sha('hello'))]);
    expect(a).toBe(b);
    expect(readFileSync(a, 'utf8')).toBe('hello');
    await cache.get(sha('hello'));
    expect(downloads).toBe(1);
  });

  it('rejects content that does not match its hash and stores nothing', async () => {
    const cache = new FileCache({ dir, maxBytes: 1 << 20, download: async () => Buffer.from('tampered') });
    await expect(cache.get(sha('original'))).rejects.toThrow(/failed verification/);
    expect(existsSync(join(dir, sha('original')))).toBe(false);
  });

  it('refuses anything that is not a hash (no path tricks)', async () => {
    const cache = new FileCache({ dir, maxBytes: 1 << 20, download: async () => Buffer.from('') });
    await expect(cache.get('../../etc/passwd')).rejects.toThrow(/not a sha256/);
  });

  it('evicts least recently used files beyond its size bound', async () => {
    const body = (n: number) => String(n).repeat(400);
    const cache = new FileCache({ dir, maxBytes: 1000, download: async (h) => Buffer.from([1, 2, 3, 4].map(body).find((b) => sha(b) === h)!) });
    await cache.get(sha(body(1)));
    await new Promise((r) => setTimeout(r, 20));
    await cache.get(sha(body(2)));
    await new Promise((r) => setTimeout(r, 20));
    await cache.get(sha(body(3)));
    expect(existsSync(join(dir, sha(body(1))))).toBe(false);
    expect(existsSync(join(dir, sha(body(2))))).toBe(true);
    expect(existsSync(join(dir, sha(body(3))))).toBe(true);
  });
});
