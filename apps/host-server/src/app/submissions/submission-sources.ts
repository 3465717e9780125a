import { createHash } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { SubmissionRepo } from '../../adapters/sqlite/repos/submission-repo';
import { readZipFromBuffer } from '../../adapters/zip/safe-unzip';

/** Generous read limits for zips that were already checked (with the configured limits) at submit time. */
const STORED_ZIP_LIMITS = { maxEntries: 10_000, maxTotalBytes: 1024 ** 3, maxEntryBytes: 1024 ** 3 };

export interface SubmissionSources {
  /** A submitted zip by its sha256, or undefined. */
  zip(sha256: string): Buffer | undefined;
  /**
   * A submitted file (or zip) by its sha256, or undefined. A file is read out of the stored zip
   * that holds it and returned only if its bytes really hash to `sha256`.
   */
  read(sha256: string): Promise<Buffer | undefined>;
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Read access to submitted sources, which are committed in SQLite with their submission (see
 * migration 040): one copy of the bytes, the zip as submitted, plus a per-file index.
 */
export function createSubmissionSources(db: Db): SubmissionSources {
  const repo = new SubmissionRepo(db);
  return {
    zip: (sha256) => repo.zipBytes(sha256),
    async read(sha256) {
      const zip = repo.zipBytes(sha256);
      if (zip) return zip;
      const location = repo.fileLocation(sha256);
      const holder = location && repo.zipBytes(location.zipSha256);
      if (!location || !holder) return undefined;
      const files = await readZipFromBuffer(holder, STORED_ZIP_LIMITS);
      const file = files.find((f) => f.path === location.path);
      return file && sha256Of(file.data) === sha256 ? file.data : undefined;
    },
  };
}
