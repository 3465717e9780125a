import type { ZipLimits } from '../../adapters/zip/safe-unzip';

/** What a contest package zip may hold: generous for real contests, fatal for zip bombs. */
export const CONTEST_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntryBytes: 2 * 1024 ** 3,
};

/** A problem package zip inside a contest package. */
export const PROBLEM_ZIP_LIMITS: ZipLimits = {
  maxEntries: 50_000,
  maxTotalBytes: 4 * 1024 ** 3,
  maxEntryBytes: 2 * 1024 ** 3,
};
