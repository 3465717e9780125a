import type { ContestState, ScoreboardDelta, ScoreboardRow, ScoreboardSnapshot } from '@arena/protocol';

/** The public board as the projector holds it between pushes. */
export interface LiveBoard {
  contestId: string;
  /** Sequence number of the last delta applied. */
  seq: number;
  /** Ranked rows, in display order (rank, then team name). */
  rows: ScoreboardRow[];
  state: ContestState;
}

export type DeltaOutcome =
  | { kind: 'applied'; board: LiveBoard }
  /** Already applied (an older or repeated delta): ignore it. */
  | { kind: 'stale' }
  /** One or more deltas were missed: ask for a snapshot. */
  | { kind: 'gap' };

function ordered(rows: ScoreboardRow[], teamName: (teamId: string) => string): ScoreboardRow[] {
  return rows.sort((a, b) => a.rank - b.rank || teamName(a.team_id).localeCompare(teamName(b.team_id)) || a.team_id.localeCompare(b.team_id));
}

export function boardFromSnapshot(snapshot: ScoreboardSnapshot, teamName: (teamId: string) => string): LiveBoard {
  return { contestId: snapshot.contestId, seq: snapshot.seq, rows: ordered([...snapshot.scoreboard.rows], teamName), state: snapshot.scoreboard.state };
}

/**
 * Applies a delta (`seq` must be exactly `board.seq + 1`): changed rows replace the old ones,
 * teams in `ranks` (rank-only changes) take their new rank, removed teams leave, the state is
 * replaced when sent; rows are re-ordered by their new ranks. Pure; the board is not changed.
 */
export function applyDelta(board: LiveBoard, delta: ScoreboardDelta, teamName: (teamId: string) => string): DeltaOutcome {
  if (delta.contestId !== board.contestId || delta.seq <= board.seq) return { kind: 'stale' };
  if (delta.seq !== board.seq + 1) return { kind: 'gap' };
  const changed = new Map(delta.rows.map((r) => [r.team_id, r]));
  const removed = new Set(delta.removed ?? []);
  const ranks = delta.ranks ?? {};
  const rows = board.rows
    .filter((r) => !removed.has(r.team_id) && !changed.has(r.team_id))
    .map((r) => {
      const rank = ranks[r.team_id];
      return rank === undefined || rank === r.rank ? r : { ...r, rank };
    });
  rows.push(...changed.values());
  return { kind: 'applied', board: { ...board, seq: delta.seq, rows: ordered(rows, teamName), state: delta.state ?? board.state } };
}
