import type { ScoreboardRow } from '@arena/protocol';

/** What a client needs to turn `previous` rows into `next` rows. */
export interface RowDiff {
  /** Rows that are new or differ in anything (rank, score, any cell). */
  changed: ScoreboardRow[];
  /** Teams in `previous` that are not in `next`. */
  removed: string[];
}

/** Serialized rows by team id: the form a diff compares against. */
export type RowIndex = Map<string, string>;

export function indexRows(rows: readonly ScoreboardRow[]): RowIndex {
  return new Map(rows.map((row) => [row.team_id, JSON.stringify(row)]));
}

/**
 * Rows of `next` that differ from `previous` (by value), and teams that left. Pure; returns the
 * index of `next` too so a caller can keep it for the following diff.
 */
export function diffRows(previous: RowIndex, next: readonly ScoreboardRow[]): RowDiff & { index: RowIndex } {
  const index: RowIndex = new Map();
  const changed: ScoreboardRow[] = [];
  for (const row of next) {
    const text = JSON.stringify(row);
    index.set(row.team_id, text);
    if (previous.get(row.team_id) !== text) changed.push(row);
  }
  const removed = [...previous.keys()].filter((teamId) => !index.has(teamId));
  return { changed, removed, index };
}
