import type { Db } from '../database';

export interface StoredPrint {
  id: number;
  contestId: string;
  teamId: string;
  teamData: string | null;
  filename: string;
  languageId: string | null;
  timeMs: number;
  state: 'queued' | 'printing' | 'printed' | 'failed';
  error: string | null;
}

const PRINT_SELECT = `SELECT p.id, p.contest_id AS contestId, p.team_id AS teamId, t.data AS teamData, p.filename, p.language_id AS languageId,
    p.time_ms AS timeMs, p.state, p.error
  FROM venue_prints p LEFT JOIN teams t ON t.contest_id = p.contest_id AND t.id = p.team_id`;

/** Inserts a queued print job; returns its id. */
export function insertPrint(db: Db, contestId: string, row: { teamId: string; filename: string; languageId: string | null; text: string; timeMs: number }): number {
  const info = db.prepare(`INSERT INTO venue_prints (contest_id, team_id, filename, language_id, text, time_ms, state, updated_ms)
    VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`).run(contestId, row.teamId, row.filename, row.languageId, row.text, row.timeMs, row.timeMs);
  return Number(info.lastInsertRowid);
}

/** A contest's print jobs, newest first. */
export function listPrints(db: Db, contestId: string): StoredPrint[] {
  return db.prepare(`${PRINT_SELECT} WHERE p.contest_id = ? ORDER BY p.id DESC`).all(contestId) as StoredPrint[];
}

export function getPrint(db: Db, contestId: string, id: number): StoredPrint | null {
  return (db.prepare(`${PRINT_SELECT} WHERE p.contest_id = ? AND p.id = ?`).get(contestId, id) as StoredPrint | undefined) ?? null;
}

export function getPrintText(db: Db, contestId: string, id: number): string | null {
  const row = db.prepare('SELECT text FROM venue_prints WHERE contest_id = ? AND id = ?').get(contestId, id) as { text: string } | undefined;
  return row?.text ?? null;
}

export function setPrintState(db: Db, id: number, state: StoredPrint['state'], error: string | null, updatedMs: number): void {
  db.prepare('UPDATE venue_prints SET state = ?, error = ?, updated_ms = ? WHERE id = ?').run(state, error, updatedMs, id);
}
