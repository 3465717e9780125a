import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file store (testdata, validators, statements, submitted sources) under
 * `<dataDir>/blobs/ab/abcdef...`. `put` is durable when it returns: the bytes are fsynced and
 * renamed into place, so a committed row never points at a missing or torn blob.
 */
export class BlobStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
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

  has(sha: string): boolean {
    return SHA256.test(sha) && existsSync(this.pathOf(sha));
  }

  /** Absolute path of a blob; throws on anything that is not a sha256 (no path tricks). */
  pathOf(sha: string): string {
    if (!SHA256.test(sha)) throw new Error(`not a sha256: ${JSON.stringify(sha)}`);
    return join(this.root, sha.slice(0, 2), sha);
  }

  read(sha: string): Buffer {
    return readFileSync(this.pathOf(sha));
  }
}
