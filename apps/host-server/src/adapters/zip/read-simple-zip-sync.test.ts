import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { readSimpleZipSync, type SimpleZipLimits } from './read-simple-zip-sync';
import { readZipFromBuffer } from './safe-unzip';

const LIMITS: SimpleZipLimits = { maxEntries: 10, maxTotalBytes: 10_000, maxEntryBytes: 5_000 };

interface TestEntry { path: string; data?: string | Buffer; mode?: number; dir?: boolean; compress?: boolean }

async function buildZip(entries: TestEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (e.dir) zip.addEmptyDirectory(e.path);
    else zip.addBuffer(typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0)), e.path,
      { mode: e.mode ?? 0o100644, compress: e.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Rewrites a field of every central directory header. */
function patchCentral(zip: Buffer, offset: number, value: number): Buffer {
  const out = Buffer.from(zip);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(signature); at >= 0; at = out.indexOf(signature, at + 4)) out.writeUInt32LE(value, at + offset);
  return out;
}

function patchName(zip: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + 1)) out.write(to, at, 'latin1');
  return out;
}

describe('readSimpleZipSync', () => {
  it('reads stored and deflated files exactly as the careful reader does, skipping directories', async () => {
    const zip = await buildZip([
      { path: 'src/', dir: true },
      { path: 'src/main.cpp', data: 'int main() { return 0; }\n'.repeat(40) },
      { path: 'README', data: 'plain', compress: false },
      { path: 'empty.txt', data: '' },
      { path: '名前.py', data: 'print(1)\n' },
    ]);
    const fast = readSimpleZipSync(zip, LIMITS);
    expect(fast).not.toBeNull();
    expect(fast!.map((f) => [f.path, f.data.toString()])).toEqual([
      ['src/main.cpp', 'int main() { return 0; }\n'.repeat(40)], ['README', 'plain'], ['empty.txt', ''], ['名前.py', 'print(1)\n'],
    ]);
    // readZipFromBuffer (which uses this fast path) agrees with the content.
    expect((await readZipFromBuffer(zip, LIMITS)).map((f) => f.path)).toEqual(fast!.map((f) => f.path));
  });

  it('accepts an entry of exactly the per-file limit', async () => {
    const zip = await buildZip([{ path: 'a', data: Buffer.alloc(5_000, 7) }]);
    expect(readSimpleZipSync(zip, LIMITS)?.[0]?.data.length).toBe(5_000);
  });

  it('declines a symlink', async () => {
    expect(readSimpleZipSync(await buildZip([{ path: 'link', data: '/etc/passwd', mode: 0o120777 }]), LIMITS)).toBeNull();
  });

  it('declines unsafe paths', async () => {
    const zip = await buildZip([{ path: 'aa/b.txt', data: 'x' }]);
    expect(readSimpleZipSync(zip, LIMITS)).not.toBeNull();
    expect(readSimpleZipSync(patchName(zip, 'aa/b.txt', '../b.txt'), LIMITS)).toBeNull();
    expect(readSimpleZipSync(patchName(zip, 'aa/b.txt', '/a/b.txt'), LIMITS)).toBeNull();
    expect(readSimpleZipSync(patchName(zip, 'aa/b.txt', 'aa\\b.txt'), LIMITS)).toBeNull();
    expect(readSimpleZipSync(patchName(zip, 'aa/b.txt', 'C:/b.txt'), LIMITS)).toBeNull();
  });

  it('declines more entries, a bigger file or a bigger total than allowed', async () => {
    expect(readSimpleZipSync(await buildZip(Array.from({ length: 11 }, (_, i) => ({ path: `f${i}`, data: 'x' }))), LIMITS)).toBeNull();
    expect(readSimpleZipSync(await buildZip([{ path: 'a', data: Buffer.alloc(5_001) }]), LIMITS)).toBeNull();
    const three = await buildZip([0, 1, 2].map((i) => ({ path: `f${i}`, data: Buffer.alloc(4_000) })));
    expect(readSimpleZipSync(three, LIMITS)).toBeNull();
  });

  it('declines a zip bomb whose headers understate the size, and headers that overstate it', async () => {
    const zip = await buildZip([{ path: 'bomb', data: Buffer.alloc(4_000_000) }]);
    expect(readSimpleZipSync(patchCentral(zip, 24, 100), LIMITS)).toBeNull();
    const small = await buildZip([{ path: 'a', data: 'hello world' }]);
    expect(readSimpleZipSync(patchCentral(small, 24, 12), LIMITS)).toBeNull();
  });

  it('declines corrupt, truncated and non-zip input', async () => {
    const zip = await buildZip([{ path: 'a.txt', data: 'some text that deflates '.repeat(50) }]);
    expect(readSimpleZipSync(zip.subarray(0, zip.length - 30), LIMITS)).toBeNull();
    const corrupt = Buffer.from(zip);
    corrupt.fill(0xff, 40, 60);
    expect(readSimpleZipSync(corrupt, LIMITS)).toBeNull();
    expect(readSimpleZipSync(Buffer.from('not a zip at all'), LIMITS)).toBeNull();
    expect(readSimpleZipSync(Buffer.alloc(0), LIMITS)).toBeNull();
  });
});
