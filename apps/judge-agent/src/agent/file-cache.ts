import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

export interface FileCacheOptions {
  dir: string;
  /** Evicts least recently used files beyond this many bytes (checked after each download). */
  maxBytes: number;
  /** Downloads one blob; resolves its bytes. Throws on HTTP errors. */
  download(sha256: string): Promise<Uint8Array>;
}

/**
 * On-disk cache of testdata, validators and sources, keyed by sha256. Every download is verified
 * against its hash before it is used or stored: a corrupted or substituted file is an error (the
 * job fails as a judging error), never silently judged. Concurrent requests for one hash share
 * one download.
 */
export class FileCache {
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly options: FileCacheOptions) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  }

  /** Local path of the verified file, downloading it if needed. */
  async get(sha256: string): Promise<string> {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
    const path = join(this.options.dir, sha256);
    if (existsSync(path)) {
      const now = new Date();
      utimesSync(path, now, now); // LRU: mark as used
      return path;
    }
    let pending = this.inflight.get(sha256);
    if (!pending) {
      pending = this.fetchVerified(sha256, path).finally(() => this.inflight.delete(sha256));
      this.inflight.set(sha256, pending);
    }
    return pending;
  }

  private async fetchVerified(sha256: string, path: string): Promise<string> {
    const bytes = await this.options.download(sha256);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`file ${sha256} failed verification: its content hashes to ${actual}`);
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, bytes, { mode: 0o644 });
    renameSync(tmp, path);
    this.evict(sha256);
    return path;
  }

  /** Removes least recently used files until the cache fits, never the one just fetched. */
  private evict(keep: string): void {
    const entries = readdirSync(this.options.dir)
      .filter((name) => SHA256.test(name))
      .map((name) => {
        const st = statSync(join(this.options.dir, name));
        return { name, size: st.size, usedMs: st.mtimeMs };
      });
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    entries.sort((a, b) => a.usedMs - b.usedMs);
    for (const entry of entries) {
      if (total <= this.options.maxBytes) break;
      if (entry.name === keep) continue;
      rmSync(join(this.options.dir, entry.name), { force: true });
      total -= entry.size;
    }
  }
}
