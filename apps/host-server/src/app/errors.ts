/**
 * The one error type use cases throw (STYLE.md 11). `code` is stable and machine-readable; the
 * message is shown to the user as is, so it must say what is wrong and never leak internals.
 * Anything else thrown becomes `internal` (500) at the edge, with its message logged, not sent.
 */
export type ErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large'
  | 'rate_limited' | 'contest_not_running' | 'unavailable' | 'storage_full' | 'internal' | 'reauth_failed';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413,
  rate_limited: 429, contest_not_running: 403, unavailable: 503, storage_full: 507, internal: 500, reauth_failed: 401,
};

export class AppError extends Error {
  readonly statusCode: number;
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.statusCode = STATUS[code];
  }
}

/**
 * Whether an error thrown by SQLite or the file system means the disk (or its quota) is full.
 * Such a write changed nothing (the transaction rolled back), so it is refused as `storage_full`.
 */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
