import type { Principal } from '../auth/principal';
import { AppError } from '../errors';

/**
 * The jury gate of every console judging operation: no credentials → `unauthorized` (401); a
 * team, analyst or staff account, or a judge of another contest → `forbidden` (403). Returns the
 * principal so the caller can audit who acted. `contestId` is the contest in the URL, if any.
 */
export function requireJury(principal: Principal | null, contestId?: string): Principal {
  if (principal === null) throw new AppError('unauthorized', 'log in as a judge or admin to use the console');
  if (principal.type !== 'judge' && principal.type !== 'admin') {
    throw new AppError('forbidden', 'only judges and admins may use the judging console');
  }
  if (contestId !== undefined && principal.contestId !== contestId) {
    throw new AppError('forbidden', `your account belongs to contest ${principal.contestId}, not ${contestId}`);
  }
  return principal;
}
