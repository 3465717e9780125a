import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { AppError } from '../../app/errors';
import { extractZipToDir, readZipFromBuffer, type ZipLimits } from './safe-unzip';

const LIMITS: ZipLimits = { maxEntries: 10, maxTotalBytes: 10_000, maxEntryBytes: 5_000 };

interface TestEntry { path: string; data?: Buffer | string; mode?: number; dir?: boolean; compress?: boolean }

/** Builds a zip in memory with yazl. */
async function buildZip(entries: TestEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (e.dir) zip.addEmptyDirectory(e.path);
    else {
      const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
      zip.addBuffer(data, e.path, { mode: e.mode ?? 0o100644, compress: e.compress ?? true });
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Replaces every occurrence of a same-length byte string (names appear in local and central headers). */
function patchName(zip: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length);
  const out = Buffer.from(zip);
  let at = out.indexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  while (at >= 0) {
    out.write(to, at, 'latin1');
    at = out.indexOf(from, at + 1);
  }
  return out;
}

/** Makes the central directory lie about every entry's uncompressed size. */
function patchDeclaredSizes(zip: Buffer, declared: number): Buffer {
  const out = Buffer.from(zip);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  let at = out.indexOf(signature);
  expect(at).toBeGreaterThanOrEqual(0);
  while (at >= 0) {
    out.writeUInt32LE(declared, at + 24);
    at = out.indexOf(signature, at + 4);
  }
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('bad_request');
  return err as AppError;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-unzip-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('readZipFromBuffer', () => {
  it('returns files with their bytes and skips directories', async () => {
    const zip = await buildZip([
      { path: 'src/', dir: true },
      { path: 'src/main.c', data: 'int main(){}' },
      { path: 'README', data: 'hi', compress: false },
    ]);
    const files = await readZipFromBuffer(zip, LIMITS);
    expect(files.map((f) => f.path)).toEqual(['src/main.c', 'README']);
    expect(files[0]?.data.toString()).toBe('int main(){}');
    expect(files[1]?.data.toString()).toBe('hi');
  });

  it.each([
    ['a ".." segment', 'aa/evil.txt', '../evil.txt', '".."'],
    ['a nested ".." segment', 'x/aa/e.txt', 'x/../e.txt', '".."'],
    ['an absolute path', 'xetc/passwd', '/etc/passwd', 'absolute'],
    ['a drive letter', 'Cx/win.ini', 'C:/win.ini', 'absolute'],
    ['a backslash', 'dir_file', 'dir\\file', 'backslash'],
  ])('rejects %s, naming the entry', async (_case, safeName, evilName, reason) => {
    const zip = patchName(await buildZip([{ path: 'ok.txt', data: 'fine' }, { path: safeName, data: 'x' }]), safeName, evilName);
    const err = await rejection(readZipFromBuffer(zip, LIMITS));
    expect(err.message).toContain(JSON.stringify(evilName));
    expect(err.message.toLowerCase()).toContain(reason);
  });

  it('rejects a symlink entry', async () => {
    const zip = await buildZip([{ path: 'link', data: '/etc/passwd', mode: 0o120777 }]);
    const err = await rejection(readZipFromBuffer(zip, LIMITS));
    expect(err.message).toContain('"link"');
    expect(err.message).toContain('symbolic link');
  });

  it('rejects more entries than allowed', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ path: `f${i}.txt`, data: 'x' }));
    const err = await rejection(readZipFromBuffer(await buildZip(entries), LIMITS));
    expect(err.message).toContain('11 entries');
  });

  it('counts directories as entries too', async () => {
    const entries: TestEntry[] = Array.from({ length: 11 }, (_, i) => ({ path: `d${i}/`, dir: true }));
    await rejection(readZipFromBuffer(await buildZip(entries), LIMITS));
  });

  it('rejects an entry whose declared size is over the per-file limit', async () => {
    const zip = await buildZip([{ path: 'big.bin', data: Buffer.alloc(5_001) }]);
    const err = await rejection(readZipFromBuffer(zip, LIMITS));
    expect(err.message).toContain('"big.bin"');
    expect(err.message).toContain('5001');
  });

  it('accepts an entry of exactly the per-file limit', async () => {
    const files = await readZipFromBuffer(await buildZip([{ path: 'edge.bin', data: Buffer.alloc(5_000, 7) }]), LIMITS);
    expect(files[0]?.data.length).toBe(5_000);
  });

  it('rejects a total over the limit even when each file is within it', async () => {
    const entries = [1, 2, 3].map((i) => ({ path: `part${i}.bin`, data: Buffer.alloc(4_000) }));
    const err = await rejection(readZipFromBuffer(await buildZip(entries), LIMITS));
    expect(err.message).toContain('in total');
    expect(err.message).toContain('"part3.bin"');
  });

  it('rejects a zip bomb whose headers understate the size (bytes counted while inflating)', async () => {
    // 4 MB of zeros deflates to a few KB; the central directory claims 10 bytes.
    const honest = await buildZip([{ path: 'bomb.bin', data: Buffer.alloc(4_000_000) }]);
    expect(honest.length).toBeLessThan(10_000);
    const bomb = patchDeclaredSizes(honest, 10);
    const err = await rejection(readZipFromBuffer(bomb, { ...LIMITS, maxEntryBytes: 1_000_000, maxTotalBytes: 1_000_000 }));
    expect(err.message).toContain('"bomb.bin"');
  });

  it.each([
    ['random bytes', Buffer.from('this is not a zip file at all, just text')],
    ['an empty buffer', Buffer.alloc(0)],
  ])('rejects %s as not a zip', async (_case, buf) => {
    const err = await rejection(readZipFromBuffer(buf, LIMITS));
    expect(err.message).toContain('not a valid zip');
  });

  it('rejects a truncated zip', async () => {
    const zip = await buildZip([{ path: 'a.txt', data: 'a'.repeat(1000) }, { path: 'b.txt', data: 'b'.repeat(1000) }]);
    await rejection(readZipFromBuffer(zip.subarray(0, zip.length - 30), LIMITS));
  });

  it('rejects an entry whose compressed bytes are corrupt', async () => {
    const zip = await buildZip([{ path: 'data.txt', data: 'abcdefghij'.repeat(200) }]);
    const corrupt = Buffer.from(zip);
    // Local header is 30 bytes + name; flip bytes inside the deflate stream.
    for (let i = 45; i < 60; i++) corrupt[i] = 0xff;
    const err = await rejection(readZipFromBuffer(corrupt, LIMITS));
    expect(err.message).toContain('"data.txt"');
  });
});

describe('extractZipToDir', () => {
  it('writes files under the destination and returns their paths', async () => {
    const dir = tempDir();
    const zipPath = join(dir, 'in.zip');
    writeFileSync(zipPath, await buildZip([{ path: 'a/', dir: true }, { path: 'a/b/c.txt', data: 'deep' }, { path: 'top.txt', data: 'top' }]));
    const dest = join(dir, 'out');
    const paths = await extractZipToDir(zipPath, dest, LIMITS);
    expect(paths).toEqual(['a/b/c.txt', 'top.txt']);
    expect(readFileSync(join(dest, 'a/b/c.txt'), 'utf8')).toBe('deep');
    expect(readFileSync(join(dest, 'top.txt'), 'utf8')).toBe('top');
  });

  it('writes nothing outside the destination for a traversal entry', async () => {
    const dir = tempDir();
    const zipPath = join(dir, 'evil.zip');
    writeFileSync(zipPath, patchName(await buildZip([{ path: 'aa/escaped.txt', data: 'gotcha' }]), 'aa/escaped.txt', '../escaped.txt'));
    const dest = join(dir, 'out');
    const err = await rejection(extractZipToDir(zipPath, dest, LIMITS));
    expect(err.message).toContain('"../escaped.txt"');
    expect(existsSync(join(dir, 'escaped.txt'))).toBe(false);
  });

  it('stops a zip bomb while writing', async () => {
    const dir = tempDir();
    const zipPath = join(dir, 'bomb.zip');
    writeFileSync(zipPath, patchDeclaredSizes(await buildZip([{ path: 'bomb.bin', data: Buffer.alloc(4_000_000) }]), 10));
    const err = await rejection(extractZipToDir(zipPath, join(dir, 'out'), { ...LIMITS, maxEntryBytes: 1_000_000, maxTotalBytes: 1_000_000 }));
    expect(err.message).toContain('"bomb.bin"');
  });

  it('rejects a zip that contains the same path twice', async () => {
    const dir = tempDir();
    const zipPath = join(dir, 'dup.zip');
    writeFileSync(zipPath, await buildZip([{ path: 'same.txt', data: '1' }, { path: 'same.txt', data: '2' }]));
    const err = await rejection(extractZipToDir(zipPath, join(dir, 'out'), LIMITS));
    expect(err.message).toContain('twice');
  });

  it('rejects a file that is not a zip', async () => {
    const dir = tempDir();
    const zipPath = join(dir, 'nope.zip');
    writeFileSync(zipPath, 'plain text');
    const err = await rejection(extractZipToDir(zipPath, join(dir, 'out'), LIMITS));
    expect(err.message).toContain('not a valid zip');
  });
});
