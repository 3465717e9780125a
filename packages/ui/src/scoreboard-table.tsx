import type { ScoreboardRow } from '@arena/protocol';
import { useRef, type CSSProperties } from 'react';
import { cellDescription, cellKind, cellText } from './cell-state';
import { problemColor } from './problem-colors';
import { useFlip } from './use-flip';

export interface BoardProblem {
  id: string;
  label: string;
  name: string;
  rgb?: string | undefined;
}

export interface BoardTeam {
  name: string;
  organization?: string | undefined;
}

export interface ScoreboardTableProps {
  /** Rows in display order (already ranked); pass a slice to show one page. */
  rows: readonly ScoreboardRow[];
  problems: readonly BoardProblem[];
  /** Team names and organizations by team id; unknown teams show their id. */
  teams: ReadonlyMap<string, BoardTeam>;
  /** 'score' shows a score column instead of solved + penalty. */
  scoreboardType?: 'pass-fail' | 'score';
  /** Accessible caption (visually hidden). */
  caption: string;
  /** A team to highlight (the resolver's cursor, or the contestant's own team). */
  highlightTeamId?: string | null | undefined;
  /** A cell to emphasise (the resolver's last reveal). */
  revealed?: { teamId: string; problemId: string } | null | undefined;
  /** Slide rows to their new places when ranks change (off under prefers-reduced-motion). */
  animate?: boolean;
}

/**
 * The scoreboard table shared by the projector and the contestant app: rank, team (with
 * organization), solved and penalty (or score), then one cell per problem coloured by state
 * (first to solve, solved, pending, failed, untried) with "tries / minute". Real table
 * semantics: a caption, column headers, a row header per team.
 */
export function ScoreboardTable(props: ScoreboardTableProps) {
  const { rows, problems, teams, caption, highlightTeamId, revealed } = props;
  const scoreType = props.scoreboardType ?? 'pass-fail';
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useFlip(bodyRef, props.animate ?? true);
  const style = { '--problem-count': Math.max(problems.length, 1) } as CSSProperties;

  return (
    <table className="arena-board" style={style} data-testid="scoreboard">
      <caption className="arena-visually-hidden">{caption}</caption>
      <colgroup>
        <col className="arena-col-rank" />
        <col className="arena-col-team" />
        {scoreType === 'pass-fail' ? <><col className="arena-col-num" /><col className="arena-col-time" /></> : <col className="arena-col-time" />}
        {problems.map((p) => <col key={p.id} className="arena-col-problem" />)}
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="arena-rank">Rank</th>
          <th scope="col" className="arena-team">Team</th>
          {scoreType === 'pass-fail'
            ? <><th scope="col" className="arena-num">Solved</th><th scope="col" className="arena-num">Penalty</th></>
            : <th scope="col" className="arena-num">Score</th>}
          {problems.map((p) => (
            <th scope="col" key={p.id} className="arena-problem-head" title={p.name}>
              <span className="arena-problem-dot" style={{ backgroundColor: problemColor(p.rgb) }} aria-hidden="true" />
              <span className="arena-problem-label">{p.label}</span>
              <span className="arena-visually-hidden">{`: ${p.name}`}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {rows.map((row, index) => {
          const team = teams.get(row.team_id);
          const highlighted = row.team_id === highlightTeamId;
          const zebra = index % 2 === 1 ? ' arena-row--alt' : '';
          return (
            <tr key={row.team_id} data-flip-key={row.team_id} data-team-id={row.team_id} data-rank={row.rank}
              className={`arena-row${zebra}${highlighted ? ' arena-row--highlight' : ''}`} aria-current={highlighted ? 'true' : undefined}>
              <td className="arena-rank">{row.rank}</td>
              <th scope="row" className="arena-team">
                <span className="arena-team-name">{team?.name ?? row.team_id}</span>
                {team?.organization ? <span className="arena-team-org">{team.organization}</span> : null}
              </th>
              {scoreType === 'pass-fail'
                ? <><td className="arena-num arena-solved">{row.score.num_solved ?? 0}</td><td className="arena-num">{row.score.total_time ?? 0}</td></>
                : <td className="arena-num arena-solved">{row.score.score ?? 0}</td>}
              {problems.map((p) => {
                const cell = row.problems.find((c) => c.problem_id === p.id);
                const kind = cellKind(cell);
                const isRevealed = revealed?.teamId === row.team_id && revealed.problemId === p.id;
                return (
                  <td key={p.id} className={`arena-cell arena-cell--${kind}${isRevealed ? ' arena-cell--revealed' : ''}`}
                    data-problem-id={p.id} data-cell={kind} title={`${p.label}: ${cellDescription(cell)}`}>
                    <span aria-hidden="true">{cellText(cell)}</span>
                    <span className="arena-visually-hidden">{cellDescription(cell)}</span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
