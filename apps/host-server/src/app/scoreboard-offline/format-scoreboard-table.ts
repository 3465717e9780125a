import type { Award } from '@arena/protocol';
import type { ContestFeed } from '../../domain/feed/feed-model';
import type { OfflineScoreboard } from './offline-scoreboard';

/**
 * A readable plain-text scoreboard: one line per team (rank, name, solved, time, then per problem
 * `+tries/minute` solved, `-tries` rejected, `?n` pending, `*` first to solve), then the awards.
 */
export function formatScoreboardTable(feed: ContestFeed, result: OfflineScoreboard): string {
  const teamNames = new Map(feed.teams.map((t) => [t.id, t.name]));
  const labels = new Map(feed.problems.map((p) => [p.id, p.label]));
  const problemIds = result.json.rows[0]?.problems.map((p) => p.problem_id) ?? [];
  const isScore = result.board.type === 'score';
  const header = ['rank', 'team', isScore ? 'score' : 'solved', isScore ? 'time' : 'penalty', ...problemIds.map((id) => labels.get(id) ?? id)];
  const lines = result.json.rows.map((row) => [
    String(row.rank),
    truncate(teamNames.get(row.team_id) ?? row.team_id, 32),
    String(isScore ? row.score.score ?? 0 : row.score.num_solved ?? 0),
    String(isScore ? row.score.time ?? '' : row.score.total_time ?? 0),
    ...row.problems.map((cell) => {
      const tries = cell.num_judged + cell.num_pending;
      if (isScore) return cell.num_judged + cell.num_pending === 0 ? '.' : `${cell.score ?? 0}${cell.num_pending ? `?${cell.num_pending}` : ''}`;
      if (cell.solved) return `+${tries}/${cell.time ?? ''}${cell.first_to_solve ? '*' : ''}`;
      if (cell.num_pending > 0) return `?${cell.num_pending}${cell.num_judged ? `-${cell.num_judged}` : ''}`;
      return cell.num_judged > 0 ? `-${cell.num_judged}` : '.';
    }),
  ]);
  const table = [header, ...lines];
  const widths = header.map((_, col) => Math.max(...table.map((cells) => [...cells[col]!].length)));
  const rendered = table.map((cells) => cells.map((cell, col) => (col === 1 ? pad(cell, widths[col]!) : padStart(cell, widths[col]!))).join('  ').trimEnd());
  const notes = result.frozen ? ['', 'Public view of a frozen contest: submissions after the freeze are shown as pending.'] : [];
  return [...rendered, ...notes, '', ...formatAwards(result.awards, teamNames)].join('\n') + '\n';
}

function formatAwards(awards: readonly Award[], teamNames: ReadonlyMap<string, string>): string[] {
  return awards.filter((a) => a.team_ids.length > 0)
    .map((a) => `${a.citation}: ${a.team_ids.map((id) => teamNames.get(id) ?? id).join(', ')}`);
}

function truncate(text: string, length: number): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length - 1).join('')}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - [...text].length)) + text;
}
