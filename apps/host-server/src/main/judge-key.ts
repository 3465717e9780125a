import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface JudgeKeyFile {
  key: string;
  path: string;
  /** True when this call generated the key. */
  created: boolean;
}

/**
 * Returns the judge key kept in `<dataDir>/judge-key`, generating a random 256-bit one (file mode
 * 0600) the first time. The same key is reused on every later start, so judge boxes keep working.
 * Throws if the file exists but holds fewer than 16 characters (someone truncated it).
 */
export function ensureJudgeKey(dataDir: string): JudgeKeyFile {
  const path = join(dataDir, 'judge-key');
  mkdirSync(dataDir, { recursive: true });
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (key.length < 16) throw new Error(`judge key file ${path} holds fewer than 16 characters; delete it to generate a new key`);
    return { key, path, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64url');
  // 'wx': never overwrite a key another process wrote between our read and this write.
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, path, created: true };
}
