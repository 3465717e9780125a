import type { Db } from '../database';

/**
 * SQL for the console's team and account management. Every function is one or a few statements
 * meant to run inside the caller's Store.write; none emits events (the caller does).
 */

export interface VenueTeamRow {
  id: string;
  /** Stored CLICS team JSON. */
  data: string;
  enabled: boolean;
  /** The team account (lowest id of type team), null when the team has none. */
  accountId: string | null;
  username: string | null;
  /** Last login or contestant-app connection. */
  lastSeenMs: number | null;
}

const TEAM_SELECT = `SELECT t.id, t.data, t.enabled,
  (SELECT a.id FROM accounts a WHERE a.contest_id = t.contest_id AND a.team_id = t.id AND a.type = 'team' ORDER BY a.id LIMIT 1) AS accountId,
  (SELECT a.username FROM accounts a WHERE a.contest_id = t.contest_id AND a.team_id = t.id AND a.type = 'team' ORDER BY a.id LIMIT 1) AS username,
  MAX(COALESCE((SELECT s.seen_ms FROM venue_team_seen s WHERE s.contest_id = t.contest_id AND s.team_id = t.id), -1),
      COALESCE((SELECT MAX(x.created_ms) FROM sessions x JOIN accounts a ON a.contest_id = x.contest_id AND a.id = x.account_id
                WHERE x.contest_id = t.contest_id AND a.team_id = t.id), -1)) AS lastSeenMs
  FROM teams t`;

type RawTeam = Omit<VenueTeamRow, 'enabled'> & { enabled: number };

function toTeam(row: RawTeam): VenueTeamRow {
  return { ...row, enabled: row.enabled === 1, lastSeenMs: row.lastSeenMs === null || row.lastSeenMs < 0 ? null : row.lastSeenMs };
}

/** Every team of a contest with its team account, in id order. */
export function listVenueTeams(db: Db, contestId: string): VenueTeamRow[] {
  return (db.prepare(`${TEAM_SELECT} WHERE t.contest_id = ? ORDER BY t.id`).all(contestId) as RawTeam[]).map(toTeam);
}

export function getVenueTeam(db: Db, contestId: string, teamId: string): VenueTeamRow | null {
  const row = db.prepare(`${TEAM_SELECT} WHERE t.contest_id = ? AND t.id = ?`).get(contestId, teamId) as RawTeam | undefined;
  return row ? toTeam(row) : null;
}

export function insertVenueTeam(db: Db, contestId: string, teamId: string, data: string): void {
  db.prepare('INSERT INTO teams (contest_id, id, data) VALUES (?, ?, ?)').run(contestId, teamId, data);
}

export function updateVenueTeamData(db: Db, contestId: string, teamId: string, data: string): void {
  db.prepare('UPDATE teams SET data = ? WHERE contest_id = ? AND id = ?').run(data, contestId, teamId);
}

export function setVenueTeamEnabled(db: Db, contestId: string, teamId: string, enabled: boolean): void {
  db.prepare('UPDATE teams SET enabled = ? WHERE contest_id = ? AND id = ?').run(enabled ? 1 : 0, contestId, teamId);
}

export interface NewAccountRow {
  id: string;
  data: string;
  username: string;
  teamId: string;
  passwordHash: string;
}

/** Inserts a team account. */
export function insertTeamAccount(db: Db, contestId: string, row: NewAccountRow): void {
  db.prepare(`INSERT INTO accounts (contest_id, id, data, username, type, team_id, password_hash) VALUES (?, ?, ?, ?, 'team', ?, ?)`)
    .run(contestId, row.id, row.data, row.username, row.teamId, row.passwordHash);
}

export function setAccountPasswordHash(db: Db, contestId: string, accountId: string, passwordHash: string): void {
  db.prepare('UPDATE accounts SET password_hash = ? WHERE contest_id = ? AND id = ?').run(passwordHash, contestId, accountId);
}

/** Ends every session of every account of a team; returns how many were open. */
export function revokeTeamSessions(db: Db, contestId: string, teamId: string): number {
  return db.prepare(`UPDATE sessions SET revoked = 1 WHERE contest_id = ? AND revoked = 0
    AND account_id IN (SELECT id FROM accounts WHERE contest_id = ? AND team_id = ?)`).run(contestId, contestId, teamId).changes;
}

/** Ends every session of one account. */
export function revokeAccountSessions(db: Db, contestId: string, accountId: string): void {
  db.prepare('UPDATE sessions SET revoked = 1 WHERE contest_id = ? AND account_id = ?').run(contestId, accountId);
}

/** Account ids and usernames already used in a contest (any account type). */
export function accountKeys(db: Db, contestId: string): { ids: Set<string>; usernames: Set<string> } {
  const rows = db.prepare('SELECT id, username FROM accounts WHERE contest_id = ?').all(contestId) as Array<{ id: string; username: string }>;
  return { ids: new Set(rows.map((r) => r.id)), usernames: new Set(rows.map((r) => r.username)) };
}

/** Ids of a contest's rows in `organizations` or `groups_`. */
export function objectIds(db: Db, table: 'organizations' | 'groups_', contestId: string): Set<string> {
  const rows = db.prepare(`SELECT id FROM ${table} WHERE contest_id = ?`).all(contestId) as Array<{ id: string }>;
  return new Set(rows.map((r) => r.id));
}

/** Records that a team was seen (contestant-app connection) at `seenMs`. */
export function markTeamSeen(db: Db, contestId: string, teamId: string, seenMs: number): void {
  db.prepare(`INSERT INTO venue_team_seen (contest_id, team_id, seen_ms) VALUES (?, ?, ?)
    ON CONFLICT (contest_id, team_id) DO UPDATE SET seen_ms = MAX(seen_ms, excluded.seen_ms)`).run(contestId, teamId, seenMs);
}

export function contestExists(db: Db, contestId: string): boolean {
  return db.prepare('SELECT 1 FROM contests WHERE id = ?').get(contestId) !== undefined;
}

/** The contest's display name (CLICS `name`), or its id when it has none. */
export function readContestName(db: Db, contestId: string): string {
  const row = db.prepare('SELECT data FROM contests WHERE id = ?').get(contestId) as { data: string } | undefined;
  try {
    const name = (JSON.parse(row?.data ?? '{}') as { name?: unknown }).name;
    return typeof name === 'string' ? name : contestId;
  } catch {
    return contestId;
  }
}

/** Whether a team exists and is enabled. */
export function isTeamEnabled(db: Db, contestId: string, teamId: string): boolean {
  const row = db.prepare('SELECT enabled FROM teams WHERE contest_id = ? AND id = ?').get(contestId, teamId) as { enabled: number } | undefined;
  return row?.enabled === 1;
}
