/**
 * The local tools' stand-in for the host's file store: files on this machine, addressed by
 * sha256 like the host's blobs, so `judgeSubmission` runs unchanged without a host.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalFileStore {
  /** Hashes the file at `path` and makes it fetchable by that hash. */
  add(path: string): Promise<string>;
  /** Stores `content` in a temporary file (removed by `close`) and makes it fetchable. */
  addContent(content: string | Uint8Array): Promise<string>;
  /** The local path of a known hash; throws for an unknown one. */
  fetchFile(sha256: string): Promise<string>;
  close(): Promise<void>;
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('error', reject).on('data', (chunk) => hash.update(chunk)).on('end', () => resolve(hash.digest('hex')));
  });
}

export function createLocalFileStore(): LocalFileStore {
  const paths = new Map<string, string>();
  const byPath = new Map<string, Promise<string>>();
  let scratch: Promise<string> | null = null;
  let counter = 0;
  return {
    add(path) {
      let pending = byPath.get(path);
      if (pending === undefined) {
        pending = sha256OfFile(path).then((sha256) => {
          paths.set(sha256, path);
          return sha256;
        });
        byPath.set(path, pending);
      }
      return pending;
    },
    async addContent(content) {
      scratch ??= mkdtemp(join(tmpdir(), 'arena-files-'));
      const path = join(await scratch, `file-${++counter}`);
      await writeFile(path, content);
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (!paths.has(sha256)) paths.set(sha256, path);
      return sha256;
    },
    async fetchFile(sha256) {
      const path = paths.get(sha256);
      if (path === undefined) throw new Error(`no local file with sha256 ${sha256}`);
      return path;
    },
    async close() {
      if (scratch !== null) await rm(await scratch, { recursive: true, force: true });
    },
  };
}
