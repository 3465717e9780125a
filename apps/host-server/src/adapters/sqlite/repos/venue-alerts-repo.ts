import type { Db } from '../database';

export interface StoredAlert {
  id: number;
  teamId: string;
  teamData: string | null;
  kind: string;
  detail: string;
  timeMs: number;
}

export function insertAlert(db: Db, contestId: string, row: { teamId: string; kind: string; detail: string; timeMs: number; clientTimeMs: number | null }): number {
  const info = db.prepare('INSERT INTO venue_alerts (contest_id, team_id, kind, detail, time_ms, client_time_ms) VALUES (?, ?, ?, ?, ?, ?)')
    .run(contestId, row.teamId, row.kind, row.detail, row.timeMs, row.clientTimeMs);
  return Number(info.lastInsertRowid);
}

/** A contest's alerts (optionally of one team), newest first, at most `limit`. */
export function listAlerts(db: Db, contestId: string, teamId: string | null, limit: number): StoredAlert[] {
  const where = teamId === null ? 'a.contest_id = ?' : 'a.contest_id = ? AND a.team_id = ?';
  const args = teamId === null ? [contestId, limit] : [contestId, teamId, limit];
  return db.prepare(`SELECT a.id, a.team_id AS teamId, t.data AS teamData, a.kind, a.detail, a.time_ms AS timeMs
    FROM venue_alerts a LEFT JOIN teams t ON t.contest_id = a.contest_id AND t.id = a.team_id
    WHERE ${where} ORDER BY a.id DESC LIMIT ?`).all(...args) as StoredAlert[];
}

export function getExitCode(db: Db, contestId: string): string | null {
  const row = db.prepare('SELECT code FROM venue_exit_codes WHERE contest_id = ?').get(contestId) as { code: string } | undefined;
  return row?.code ?? null;
}

/** Stores the code unless one exists already; returns the stored one (first writer wins). */
export function ensureExitCode(db: Db, contestId: string, code: string, createdMs: number): string {
  db.prepare('INSERT OR IGNORE INTO venue_exit_codes (contest_id, code, created_ms) VALUES (?, ?, ?)').run(contestId, code, createdMs);
  return getExitCode(db, contestId) ?? code;
}
