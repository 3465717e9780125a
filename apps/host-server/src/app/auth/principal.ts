import type { AccountType } from '@arena/protocol';
import { ANONYMOUS, viewerFor, type Viewer } from '../../domain/visibility/visibility';

/** An authenticated account. Requests without credentials have no principal (anonymous). */
export interface Principal {
  contestId: string;
  accountId: string;
  username: string;
  type: AccountType;
  teamId: string | null;
}

/**
 * The viewer a principal is in `contestId`. Accounts belong to one contest: in any other
 * contest the same credentials count as anonymous.
 */
export function viewerInContest(principal: Principal | null, contestId: string): Viewer {
  if (principal === null || principal.contestId !== contestId) return ANONYMOUS;
  return viewerFor({ type: principal.type, teamId: principal.teamId });
}
