import { inflateRawSync } from 'node:zlib';

/** The limits `readZipFromBuffer` enforces (bytes are uncompressed bytes). */
export interface SimpleZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
const MAX_COMMENT_BYTES = 0xffff;
/** Info-ZIP Unicode Path extra field: yauzl would prefer its name, so such zips take the careful path. */
const UNICODE_PATH_FIELD = 0x7075;

/**
 * Fast path for a small, plain zip held in memory: reads every file synchronously (no stream or
 * event-loop hops). Returns null — and the caller must then use the careful reader, which gives
 * the precise error — for anything that is not plainly safe and simple: zip64, multi-disk,
 * encryption, a method other than stored/deflate, a non-UTF-8 non-ASCII name, a Unicode Path extra
 * field, a path that is empty, absolute, has a drive letter, a backslash, NUL or a `..` segment, a
 * symlink, more entries than allowed, a declared entry/total size over the limits, inflated bytes
 * that differ from the declared size (inflating stops at the declared size), or any corruption.
 * A non-null result therefore never holds anything the careful reader would refuse.
 * Directories are skipped, as there.
 */
export function readSimpleZipSync(buf: Buffer, limits: SimpleZipLimits): Array<{ path: string; data: Buffer }> | null {
  try {
    return read(buf, limits);
  } catch {
    return null;
  }
}

function read(buf: Buffer, limits: SimpleZipLimits): Array<{ path: string; data: Buffer }> | null {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return null;
  const diskNumber = buf.readUInt16LE(eocd + 4);
  const centralDisk = buf.readUInt16LE(eocd + 6);
  const entriesOnDisk = buf.readUInt16LE(eocd + 8);
  const entryCount = buf.readUInt16LE(eocd + 10);
  const centralSize = buf.readUInt32LE(eocd + 12);
  const centralOffset = buf.readUInt32LE(eocd + 16);
  if (diskNumber !== 0 || centralDisk !== 0 || entriesOnDisk !== entryCount) return null;
  if (entryCount === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) return null;
  if (entryCount > limits.maxEntries) return null;
  if (centralOffset + centralSize > eocd) return null;

  const files: Array<{ path: string; data: Buffer }> = [];
  let declaredTotal = 0;
  let at = centralOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + CENTRAL_BYTES > eocd || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const entryDisk = buf.readUInt16LE(at + 34);
    const externalAttributes = buf.readUInt32LE(at + 38);
    const localOffset = buf.readUInt32LE(at + 42);
    const nameStart = at + CENTRAL_BYTES;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > eocd) return null;
    if ((flags & 0x1) !== 0 || (flags & 0x40) !== 0 || entryDisk !== 0) return null; // encrypted / strong encryption / disk
    if (method !== 0 && method !== 8) return null;
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) return null;
    if (hasExtraField(buf, extraStart, extraLength, UNICODE_PATH_FIELD)) return null;
    const path = decodeName(buf.subarray(nameStart, extraStart), (flags & 0x800) !== 0);
    if (path === null || !isPlainPath(path)) return null;
    if (((externalAttributes >>> 16) & 0o170000) === 0o120000) return null;
    at = next;
    if (path.endsWith('/')) continue;
    if (uncompressedSize > limits.maxEntryBytes) return null;
    declaredTotal += uncompressedSize;
    if (declaredTotal > limits.maxTotalBytes) return null;
    const data = readEntryData(buf, localOffset, method, compressedSize, uncompressedSize, centralOffset);
    if (data === null) return null;
    files.push({ path, data });
  }
  return files;
}

/** The entry's bytes, inflated to at most its declared size; null unless exactly that many come out. */
function readEntryData(buf: Buffer, localOffset: number, method: number, compressedSize: number,
  uncompressedSize: number, centralOffset: number): Buffer | null {
  if (localOffset + LOCAL_BYTES > centralOffset || buf.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) return null;
  const localFlags = buf.readUInt16LE(localOffset + 6);
  if ((localFlags & 0x1) !== 0) return null;
  const dataStart = localOffset + LOCAL_BYTES + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
  const dataEnd = dataStart + compressedSize;
  if (dataEnd > centralOffset) return null;
  const raw = buf.subarray(dataStart, dataEnd);
  if (method === 0) {
    if (compressedSize !== uncompressedSize) return null;
    return Buffer.from(raw);
  }
  // maxOutputLength makes inflating throw (→ null) past the declared size: a zip bomb never grows.
  // A truncated or corrupt stream throws too.
  const data = inflateRawSync(raw, { maxOutputLength: Math.max(1, uncompressedSize) });
  return data.length === uncompressedSize ? data : null;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_BYTES - MAX_COMMENT_BYTES);
  for (let i = buf.length - EOCD_BYTES; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_BYTES + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  return -1;
}

function hasExtraField(buf: Buffer, start: number, length: number, wanted: number): boolean {
  let at = start;
  const end = start + length;
  while (at + 4 <= end) {
    if (buf.readUInt16LE(at) === wanted) return true;
    at += 4 + buf.readUInt16LE(at + 2);
  }
  return false;
}

/** UTF-8 when flagged; otherwise only plain ASCII (CP437 names take the careful path). */
function decodeName(bytes: Buffer, utf8: boolean): string | null {
  if (!utf8 && bytes.some((b) => b >= 0x80)) return null;
  return bytes.toString('utf8');
}

function isPlainPath(path: string): boolean {
  if (path.length === 0 || path.includes('\0') || path.includes('\\') || path.includes('\uFFFD')) return false;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return false;
  return !path.split('/').includes('..');
}
