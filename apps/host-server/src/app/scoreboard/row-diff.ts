import type { ScoreboardRow } from '@arena/protocol';

/** What a client needs to turn `previous` rows into `next` rows. */
export interface RowDiff {
  /** Rows that are new or differ in their score or cells (sent whole). */
  changed: ScoreboardRow[];
  /** Teams whose row differs ONLY in its rank: team id → new rank. */
  reranked: Record<string, number>;
  /** Teams in `previous` that are not in `next`. */
  removed: string[];
}

/** Per team: its rank and its serialized score and cells, what a diff compares against. */
export type RowIndex = Map<string, { rank: number; content: string }>;

function contentOf(row: ScoreboardRow): string {
  return JSON.stringify([row.score, row.problems]);
}

export function indexRows(rows: readonly ScoreboardRow[]): RowIndex {
  return new Map(rows.map((row) => [row.team_id, { rank: row.rank, content: contentOf(row) }]));
}

/**
 * Rows of `next` that differ from `previous` (by value), rank-only changes apart, and teams that
 * left. Pure; returns the index of `next` too so a caller can keep it for the following diff.
 */
export function diffRows(previous: RowIndex, next: readonly ScoreboardRow[]): RowDiff & { index: RowIndex } {
  const index: RowIndex = new Map();
  const changed: ScoreboardRow[] = [];
  const reranked: Record<string, number> = {};
  for (const row of next) {
    const entry = { rank: row.rank, content: contentOf(row) };
    index.set(row.team_id, entry);
    const before = previous.get(row.team_id);
    if (before?.content !== entry.content) changed.push(row);
    else if (before.rank !== entry.rank) reranked[row.team_id] = entry.rank;
  }
  const removed = [...previous.keys()].filter((teamId) => !index.has(teamId));
  return { changed, reranked, removed, index };
}
