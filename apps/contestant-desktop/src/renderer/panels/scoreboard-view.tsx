import type { Contest, Problem } from '@arena/protocol';
import { contestPhase, freezeBannerText, ScoreboardTable, useHostNow, type BoardTeam } from '@arena/ui';
import type { LiveBoard } from '../lib/live-board';

/** The public (frozen when frozen) scoreboard, live, with the team's own row highlighted. */
export function ScoreboardView(props: { board: LiveBoard | null; contest: Contest; problems: Problem[]; teams: ReadonlyMap<string, BoardTeam>; teamId: string; offsetMs: number }) {
  const now = useHostNow(props.offsetMs, 1000);
  const phase = contestPhase(props.contest, props.board?.state ?? null, now);
  const problems = props.problems.map((p) => ({ id: p.id, label: p.label, name: p.name, rgb: p.rgb }));
  return (
    <section className="page scoreboard-page" aria-labelledby="scoreboard-title">
      <h2 id="scoreboard-title">Scoreboard</h2>
      {phase.frozen && phase.freezeMinutes !== null ? <p className="freeze-banner" role="note">{freezeBannerText(phase.freezeMinutes)}</p> : null}
      {props.board === null ? <p className="muted">Waiting for the scoreboard…</p> : (
        <div className="board-wrap">
          <ScoreboardTable rows={props.board.rows} problems={problems} teams={props.teams} caption="Public scoreboard"
            scoreboardType={props.contest.scoreboard_type} highlightTeamId={props.teamId} animate={false} />
        </div>
      )}
    </section>
  );
}
