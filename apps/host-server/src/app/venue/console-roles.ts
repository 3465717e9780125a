import type { Principal } from '../auth/principal';
import { AppError } from '../errors';

/**
 * Who may use a console route: `jury` = judge or admin, `admin` = admin, `staff` = staff, judge
 * or admin (balloon runners and print desk).
 */
export type ConsoleRole = 'jury' | 'admin' | 'staff';

const ALLOWED: Record<ConsoleRole, ReadonlySet<string>> = {
  jury: new Set(['judge', 'admin']),
  admin: new Set(['admin']),
  staff: new Set(['staff', 'judge', 'admin']),
};

const ROLE_NAMES: Record<ConsoleRole, string> = { jury: 'judges and admins', admin: 'admins', staff: 'staff, judges and admins' };

/**
 * The principal if it may use a `role` route of `contestId` (its account belongs to that contest),
 * else `unauthorized` (no login) or `forbidden`. `contestId` null: an account of any contest.
 */
export function requireConsoleRole(principal: Principal | null, contestId: string | null, role: ConsoleRole): Principal {
  if (principal === null) throw new AppError('unauthorized', `log in: this is for ${ROLE_NAMES[role]} only`);
  if (contestId !== null && principal.contestId !== contestId) {
    throw new AppError('forbidden', `your account ${principal.username} belongs to contest ${principal.contestId}, not ${contestId}`);
  }
  if (!ALLOWED[role].has(principal.type)) throw new AppError('forbidden', `only ${ROLE_NAMES[role]} may do this; ${principal.username} is a ${principal.type} account`);
  return principal;
}

/** The principal and its team if it is a team account of `contestId`, else `unauthorized`/`forbidden`. */
export function requireTeam(principal: Principal | null, contestId: string): Principal & { teamId: string } {
  if (principal === null) throw new AppError('unauthorized', 'log in with your team account first');
  if (principal.contestId !== contestId || principal.type !== 'team' || principal.teamId === null) {
    throw new AppError('forbidden', 'only a team account of this contest may do this');
  }
  return principal as Principal & { teamId: string };
}
