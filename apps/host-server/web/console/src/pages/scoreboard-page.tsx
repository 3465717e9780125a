import { ScoreboardTable, type BoardTeam } from '@arena/ui';
import { useMemo } from 'react';
import { fetchJuryBoard } from '../api/console-api';
import { useConsoleData } from '../live/console-data';
import { useLive, useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { PageFrame } from '../ui/page-frame';

/** The jury scoreboard (never frozen), live: re-read on every jury board delta and judgement. */
export function ScoreboardPage() {
  const { session, problems, teams } = useConsoleData();
  const { contest } = useLive();
  const res = useResource(() => fetchJuryBoard(session), useTopicVersion('scoreboard', 'judgements'));
  const teamMap = useMemo(() => new Map<string, BoardTeam>(teams.map((t) => [t.id, { name: t.display_name ?? t.name }])), [teams]);
  const boardProblems = problems.map((p) => ({ id: p.id, label: p.label, name: p.name, rgb: p.rgb }));
  return (
    <PageFrame title="Scoreboard (jury view)" error={res.error} tools={<a className="c-button" href="/scoreboard" target="_blank" rel="noopener">Public board</a>}>
      <div className="c-board">
        <ScoreboardTable rows={res.data?.rows ?? []} problems={boardProblems} teams={teamMap} scoreboardType={contest?.scoreboard_type ?? 'pass-fail'}
          caption="Jury scoreboard" animate={false} />
      </div>
    </PageFrame>
  );
}
