import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../../app/errors';
import { readSimpleZipSync } from './read-simple-zip-sync';

/** What an untrusted zip may contain at most. Bytes are uncompressed bytes. */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
}

/**
 * Reads every file of a zip held in memory. Directories are skipped. Rejects with
 * AppError('bad_request') naming the entry, and returns nothing, when the zip is corrupt or not
 * a zip, has a path that could escape a directory (`..`, absolute, drive letter, backslash), a
 * symlink, more entries than allowed, or an entry/total whose declared OR actual uncompressed
 * size is over the limit (bytes are counted while inflating; headers are not trusted).
 * A plain, clean zip is read synchronously (no stream hops); anything else takes the yauzl path.
 */
export async function readZipFromBuffer(buf: Buffer, limits: ZipLimits): Promise<Array<{ path: string; data: Buffer }>> {
  const simple = readSimpleZipSync(buf, limits);
  if (simple !== null) return simple;
  const zip = await openZip((cb) => yauzl.fromBuffer(buf, ZIP_OPTIONS, cb));
  const files: Array<{ path: string; data: Buffer }> = [];
  await walkZip(zip, limits, async (path, stream, counter) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      counter(chunk.length);
      chunks.push(chunk as Buffer);
    }
    files.push({ path, data: Buffer.concat(chunks) });
  });
  return files;
}

/**
 * Extracts a zip file into `destDir` (created if missing; it should be a fresh directory, since
 * existing files are never overwritten: a clash is an error). Same checks as `readZipFromBuffer`.
 * Returns the relative paths written, in zip order. On failure, files written so far stay in
 * `destDir`: callers extract into a temporary directory and remove it.
 */
export async function extractZipToDir(zipPath: string, destDir: string, limits: ZipLimits): Promise<string[]> {
  const root = resolve(destDir);
  mkdirSync(root, { recursive: true });
  const zip = await openZip((cb) => yauzl.open(zipPath, ZIP_OPTIONS, cb));
  const written: string[] = [];
  await walkZip(zip, limits, async (path, stream, counter) => {
    const target = resolve(root, path);
    const rel = relative(root, target);
    if (rel === '' || isAbsolute(rel) || rel.split(sep).includes('..')) throw entryError(path, 'the path leaves the destination directory');
    try {
      mkdirSync(dirname(target), { recursive: true });
    } catch (err) {
      throw entryError(path, `cannot create its directory (${errorCode(err)})`);
    }
    const out = createWriteStream(target, { flags: 'wx', mode: 0o640 });
    try {
      await once(out, 'open');
    } catch (err) {
      throw entryError(path, errorCode(err) === 'EEXIST' ? 'the zip contains this path twice' : `cannot be written (${errorCode(err)})`);
    }
    try {
      for await (const chunk of stream) {
        counter(chunk.length);
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    written.push(path);
  });
  return written;
}

/** Entry names are validated by us too; yauzl's own checks (strict names) run first. */
const ZIP_OPTIONS = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true } as const;

type EntryHandler = (path: string, stream: Readable, countBytes: (n: number) => void) => Promise<void>;

function openZip(open: (cb: (err: Error | null, zip: ZipFile) => void) => void): Promise<ZipFile> {
  return new Promise((resolvePromise, reject) => {
    open((err, zip) => (err ? reject(translateZipError(err)) : resolvePromise(zip)));
  });
}

/**
 * Visits file entries one at a time (lazyEntries), enforcing the limits. The handler must feed
 * every chunk through `countBytes`, which throws as soon as a limit is crossed.
 */
async function walkZip(zip: ZipFile, limits: ZipLimits, handle: EntryHandler): Promise<void> {
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new AppError('bad_request', `zip has ${zip.entryCount} entries; at most ${limits.maxEntries} are allowed`);
    }
    let declaredTotal = 0;
    let actualTotal = 0;
    let seen = 0;
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === null) return;
      seen += 1;
      if (seen > limits.maxEntries) throw new AppError('bad_request', `zip has more than ${limits.maxEntries} entries`);
      const path = entry.fileName;
      const pathProblem = checkEntryPath(path);
      if (pathProblem) throw entryError(path, pathProblem);
      if (isSymlink(entry)) throw entryError(path, 'symbolic links are not allowed');
      if (path.endsWith('/')) continue;
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        throw entryError(path, `uncompresses to ${entry.uncompressedSize} bytes; at most ${limits.maxEntryBytes} are allowed per file`);
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) throw totalError(path, limits);
      const stream = await openEntry(zip, entry);
      let entryBytes = 0;
      const countBytes = (n: number): void => {
        entryBytes += n;
        actualTotal += n;
        if (entryBytes > limits.maxEntryBytes) {
          throw entryError(path, `uncompresses to more than ${limits.maxEntryBytes} bytes; at most ${limits.maxEntryBytes} are allowed per file`);
        }
        if (actualTotal > limits.maxTotalBytes) throw totalError(path, limits);
      };
      try {
        await handle(path, stream, countBytes);
      } catch (err) {
        stream.destroy();
        if (err instanceof AppError) throw err;
        throw entryError(path, zipErrorText(err));
      }
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolvePromise, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry): void => { cleanup(); resolvePromise(entry); };
    const onEnd = (): void => { cleanup(); resolvePromise(null); };
    const onError = (err: Error): void => { cleanup(); reject(translateZipError(err)); };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolvePromise, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) {
        reject(entryError(entry.fileName, zipErrorText(err)));
        return;
      }
      // While an entry is read, its consumer (for await) sees stream errors itself. Once we abandon
      // a stream (a limit crossed), yauzl's inflater may still push into it and it errors again
      // ("too many bytes in the stream") with nobody listening: without this listener that late
      // error would be an uncaught exception that takes the whole host down.
      stream.on('error', () => {});
      resolvePromise(stream);
    });
  });
}

/** Returns why an entry path is unsafe, or null. */
function checkEntryPath(path: string): string | null {
  if (path.length === 0) return 'empty file name';
  if (path.includes('\0')) return 'NUL in the file name';
  if (path.includes('\\')) return 'backslashes are not allowed in paths';
  if (path.startsWith('/')) return 'absolute paths are not allowed';
  if (/^[A-Za-z]:/.test(path)) return 'drive letters are not allowed';
  if (path.split('/').includes('..')) return '".." path segments are not allowed';
  return null;
}

function isSymlink(entry: Entry): boolean {
  const unixMode = (entry.externalFileAttributes >>> 16) & 0o170000;
  return unixMode === 0o120000;
}

function entryError(path: string, problem: string): AppError {
  return new AppError('bad_request', `zip entry ${JSON.stringify(path)}: ${problem}`);
}

function totalError(path: string, limits: ZipLimits): AppError {
  return new AppError('bad_request', `zip uncompresses to more than ${limits.maxTotalBytes} bytes in total (at entry ${JSON.stringify(path)})`);
}

/** yauzl's name checks carry the entry name; everything else means a corrupt file or not a zip. */
function translateZipError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const text = zipErrorText(err);
  const named = /^(invalid characters in fileName|absolute path|invalid relative path): (.*)$/s.exec(text);
  if (named) {
    const [, kind, name] = named as unknown as [string, string, string];
    const problem = kind === 'absolute path' ? 'absolute paths and drive letters are not allowed'
      : kind === 'invalid relative path' ? '".." path segments are not allowed' : 'backslashes are not allowed in paths';
    return entryError(name, problem);
  }
  return new AppError('bad_request', `not a valid zip file: ${text}`);
}

function zipErrorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException | null)?.code ?? zipErrorText(err);
}
