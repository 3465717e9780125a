import type { ContestState, ScoreboardDelta, ScoreboardRow, ScoreboardSnapshot } from '@arena/protocol';

/** The public board as the contestant app holds it between pushes. */
export interface LiveBoard {
  contestId: string;
  /** Sequence number of the last delta applied. */
  seq: number;
  /** Rows in display order (rank, then team id for a stable order within a tie). */
  rows: ScoreboardRow[];
  state: ContestState;
}

/** `gap`: deltas were missed and a snapshot is needed; `stale`: already applied, ignore. */
export type BoardUpdate = { kind: 'applied'; board: LiveBoard } | { kind: 'stale' } | { kind: 'gap' };

function sortRows(rows: ScoreboardRow[], teamName: (teamId: string) => string): ScoreboardRow[] {
  return rows.sort((a, b) => a.rank - b.rank || teamName(a.team_id).localeCompare(teamName(b.team_id)) || a.team_id.localeCompare(b.team_id));
}

export function boardOfSnapshot(snapshot: ScoreboardSnapshot, teamName: (teamId: string) => string): LiveBoard {
  return { contestId: snapshot.contestId, seq: snapshot.seq, rows: sortRows([...snapshot.scoreboard.rows], teamName), state: snapshot.scoreboard.state };
}

/**
 * Applies the delta with `seq === board.seq + 1`: its rows replace the teams' old rows, `ranks`
 * moves teams whose row changed only in rank, `removed` teams leave. Pure.
 */
export function applyBoardDelta(board: LiveBoard, delta: ScoreboardDelta, teamName: (teamId: string) => string): BoardUpdate {
  if (delta.contestId !== board.contestId || delta.seq <= board.seq) return { kind: 'stale' };
  if (delta.seq !== board.seq + 1) return { kind: 'gap' };
  const replaced = new Set(delta.rows.map((r) => r.team_id));
  const removed = new Set(delta.removed ?? []);
  const ranks = delta.ranks ?? {};
  const kept = board.rows
    .filter((r) => !replaced.has(r.team_id) && !removed.has(r.team_id))
    .map((r) => (ranks[r.team_id] === undefined ? r : { ...r, rank: ranks[r.team_id]! }));
  return { kind: 'applied', board: { ...board, seq: delta.seq, rows: sortRows([...kept, ...delta.rows], teamName), state: delta.state ?? board.state } };
}
