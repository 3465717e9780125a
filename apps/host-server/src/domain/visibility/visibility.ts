import type { AccountType, EventType } from '@arena/protocol';

/**
 * Who is looking. The jury (judges, admins, analysts, staff) sees everything except what is
 * admin-only; a team sees public data plus its own objects; anonymous sees public data only.
 */
export type Viewer =
  | { role: 'anonymous' }
  | { role: 'team'; teamId: string }
  | { role: 'jury'; accountType: Exclude<AccountType, 'team'> };

/** Who an object or event is meant for (the `events.audience` column). */
export type Audience = 'public' | 'team' | 'jury';

/** An object or event as far as visibility cares: its endpoint, audience and owner team. */
export interface VisibleItem {
  type: EventType;
  audience: Audience;
  /** Owner team when `audience` is 'team' (for judgements: the submission's team). */
  teamId: string | null;
}

/** Facts about the contest that change what non-jury viewers may see. */
export interface VisibilityFacts {
  /** Problems (and their statements, samples, attachments) are public only once started. */
  contestStarted: boolean;
}

export const ANONYMOUS: Viewer = { role: 'anonymous' };

/** The viewer an account is, or anonymous when there is no account. */
export function viewerFor(account: { type: AccountType; teamId: string | null } | null): Viewer {
  if (account === null) return ANONYMOUS;
  if (account.type === 'team') return account.teamId === null ? ANONYMOUS : { role: 'team', teamId: account.teamId };
  return { role: 'jury', accountType: account.type };
}

export function isJury(viewer: Viewer): boolean {
  return viewer.role === 'jury';
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.role === 'jury' && viewer.accountType === 'admin';
}

/** Judges and admins run the contest: clock, answers, submitting for a team. Analysts and staff only read. */
export function canManageContest(viewer: Viewer): boolean {
  return viewer.role === 'jury' && (viewer.accountType === 'judge' || viewer.accountType === 'admin');
}

/** Endpoints whose objects always belong to one team (never public, whatever the audience says). */
const TEAM_OWNED: ReadonlySet<EventType> = new Set(['submissions', 'judgements']);

/**
 * Whether `viewer` may see one object or event. Applied to every REST object and every
 * event-feed line; a `false` means the item is left out as if it did not exist.
 */
export function canSee(viewer: Viewer, item: VisibleItem, facts: VisibilityFacts): boolean {
  if (item.type === 'accounts') return isAdmin(viewer);
  if (viewer.role === 'jury') return true;
  if (item.type === 'runs') return false;
  if (item.type === 'problems' && !facts.contestStarted) return false;
  if (item.audience === 'jury') return false;
  const ownedByViewer = viewer.role === 'team' && item.teamId !== null && item.teamId === viewer.teamId;
  if (TEAM_OWNED.has(item.type)) return ownedByViewer;
  if (item.audience === 'team') return ownedByViewer;
  return true;
}

export type CollectionAccess = { ok: true } | { ok: false; message: string };

/**
 * Whether `viewer` may read an endpoint at all. Endpoints a viewer may read still serve only
 * the objects `canSee` allows; endpoints refused here answer 403 with the message.
 */
export function collectionAccess(viewer: Viewer, type: EventType): CollectionAccess {
  if (type === 'accounts' && !isAdmin(viewer)) return { ok: false, message: 'accounts are visible to admins only' };
  if (type === 'runs' && !isJury(viewer)) return { ok: false, message: 'runs are visible to the jury only' };
  if (TEAM_OWNED.has(type) && viewer.role === 'anonymous') return { ok: false, message: `log in to see ${type}: only a team's own ${type} are visible to it` };
  return { ok: true };
}

/** Audience of a clarification: a broadcast (no team at either end) is public, otherwise the team's. */
export function clarificationAudience(clar: { fromTeamId: string | null; toTeamId: string | null }): { audience: Audience; teamId: string | null } {
  const teamId = clar.fromTeamId ?? clar.toTeamId;
  return teamId === null ? { audience: 'public', teamId: null } : { audience: 'team', teamId };
}
