import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/** Content-addressed bytes kept somewhere else (e.g. submitted zips committed in SQLite). */
export interface BlobSource {
  /** The bytes whose sha256 is `sha256`, or undefined when this source does not have them. */
  read(sha256: string): Buffer | undefined;
}

/**
 * Content-addressed file store (testdata, validators, statements) under
 * `<dataDir>/blobs/ab/abcdef...`. `put` is durable when it returns: the bytes are fsynced and
 * renamed into place, so a committed row never points at a missing or torn blob. Submitted
 * sources are not files here: they commit with their submission in SQLite, and the submission
 * module attaches them as a `BlobSource` so `read` finds them by sha256 all the same.
 */
export class BlobStore {
  private readonly sources: BlobSource[] = [];

  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  /** Makes `read` also look in `source` for a sha256 that is not a file here. */
  attachSource(source: BlobSource): void {
    this.sources.push(source);
  }

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Stores the bytes (idempotent) and returns their sha256. */
  put(bytes: Uint8Array): string {
    const sha = BlobStore.sha256(bytes);
    const target = this.pathOf(sha);
    if (existsSync(target)) return sha;
    mkdirSync(join(this.root, sha.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w', 0o640);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    return sha;
  }

  /**
   * `put` off the event loop: same result and durability (fsynced, then renamed into place),
   * but the write and fsync run on libuv's pool, so concurrent puts overlap their fsyncs.
   */
  async putAsync(bytes: Uint8Array): Promise<string> {
    const sha = BlobStore.sha256(bytes);
    const target = this.pathOf(sha);
    if (await stat(target).then(() => true, () => false)) return sha;
    await mkdir(join(this.root, sha.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(tmp, 'w', 0o640);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, target);
    return sha;
  }

  /** Whether the blob is a file here (attached sources are not consulted: see `read`). */
  has(sha: string): boolean {
    return SHA256.test(sha) && existsSync(this.pathOf(sha));
  }

  /** Absolute path of a blob; throws on anything that is not a sha256 (no path tricks). */
  pathOf(sha: string): string {
    if (!SHA256.test(sha)) throw new Error(`not a sha256: ${JSON.stringify(sha)}`);
    return join(this.root, sha.slice(0, 2), sha);
  }

  /** The blob's bytes, from its file or else an attached source; throws ENOENT when neither has it. */
  read(sha: string): Buffer {
    const path = this.pathOf(sha);
    try {
      return readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      for (const source of this.sources) {
        const bytes = source.read(sha);
        if (bytes !== undefined) return bytes;
      }
      throw err;
    }
  }
}
