import type { ScoreboardProblemCell } from '@arena/protocol';

/**
 * How a scoreboard cell is drawn. `first` = solved first of all teams; `pending` = has runs
 * not yet (visibly) judged and no accepted one; `failed` = only rejected tries; `untried` = none.
 */
export type CellKind = 'first' | 'solved' | 'pending' | 'failed' | 'untried';

export function cellKind(cell: ScoreboardProblemCell | undefined): CellKind {
  if (cell === undefined) return 'untried';
  if (cell.solved) return cell.first_to_solve === true ? 'first' : 'solved';
  if (cell.num_pending > 0) return 'pending';
  if (cell.num_judged > 0) return 'failed';
  return 'untried';
}

/** Tries shown in a cell: judged plus pending submissions. */
export function cellTries(cell: ScoreboardProblemCell | undefined): number {
  return cell === undefined ? 0 : cell.num_judged + cell.num_pending;
}

/**
 * Text of a cell: `tries / minute` when solved ("3 / 127"), `tries` when failed, `judged + pending?`
 * when pending ("2 + 1?"), empty when untried.
 */
export function cellText(cell: ScoreboardProblemCell | undefined): string {
  const kind = cellKind(cell);
  if (cell === undefined || kind === 'untried') return '';
  if (kind === 'solved' || kind === 'first') return `${cellTries(cell)} / ${cell.time ?? 0}`;
  if (kind === 'pending') return cell.num_judged > 0 ? `${cell.num_judged} + ${cell.num_pending}?` : `${cell.num_pending}?`;
  return `${cell.num_judged}`;
}

/** Words for screen readers and the cell's title ("solved first, 3 tries, minute 127"). */
export function cellDescription(cell: ScoreboardProblemCell | undefined): string {
  const kind = cellKind(cell);
  if (cell === undefined || kind === 'untried') return 'not tried';
  const tries = `${cellTries(cell)} ${cellTries(cell) === 1 ? 'try' : 'tries'}`;
  switch (kind) {
    case 'first': return `solved first, ${tries}, minute ${cell.time ?? 0}`;
    case 'solved': return `solved, ${tries}, minute ${cell.time ?? 0}`;
    case 'pending': return `${cell.num_pending} pending, ${cell.num_judged} judged`;
    default: return `not solved, ${tries}`;
  }
}
