import { createHash } from 'node:crypto';
import type { HashedFile } from '@arena/protocol';
import { readZipFromBuffer } from '../../adapters/zip/safe-unzip';
import { AppError } from '../errors';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** At most this many files in one submission. */
const MAX_FILES = 100;

export interface DecodedSubmission {
  zip: Buffer;
  files: Array<{ path: string; data: Buffer }>;
}

/**
 * Decodes the base64 zip of a CLICS submission and reads its files. Refuses with a clear
 * message: bad base64 (400), more than `maxSourceBytes` decoded or uncompressed (413), not a
 * zip, unsafe paths (`..`, absolute, symlinks) (400), or no files at all (400).
 */
export async function decodeSubmissionZip(base64: string, maxSourceBytes: number): Promise<DecodedSubmission> {
  const text = base64.replace(/\s+/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new AppError('bad_request', 'files[0].data is not valid base64');
  }
  const decodedBytes = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (decodedBytes > maxSourceBytes) {
    throw new AppError('too_large', `the submission is ${decodedBytes} bytes; at most ${maxSourceBytes} bytes are allowed`);
  }
  const zip = Buffer.from(text, 'base64');
  const files = await readZipFromBuffer(zip, { maxEntries: MAX_FILES, maxTotalBytes: maxSourceBytes, maxEntryBytes: maxSourceBytes })
    .catch((err: unknown) => {
      if (err instanceof AppError && /uncompresses to/.test(err.message)) {
        throw new AppError('too_large', `the unpacked submission is too large: ${err.message}`);
      }
      throw err;
    });
  if (files.length === 0) throw new AppError('bad_request', 'the submitted zip contains no files');
  return { zip, files };
}

/** The sha256 of some bytes, lowercase hex (how sources are addressed). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Each file's path and sha256, sorted by path (what a submission row and a judge job list). */
export function hashSourceFiles(files: DecodedSubmission['files']): HashedFile[] {
  return files.map((f) => ({ path: f.path, sha256: sha256Hex(f.data) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
