import { ScoreboardTable } from '@arena/ui';
import type { HostInfo } from '@arena/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ProjectorLayout } from './projector-layout';
import { useContestMeta } from './use-contest-meta';
import { useLiveBoard } from './use-live-board';
import { usePaging } from './use-paging';

const META_REFRESH_MS = 30_000;

/** The audience board: live public scoreboard, paged when it does not fit. No login. */
export function LivePage({ hostInfo, pageSeconds }: { hostInfo: HostInfo; pageSeconds: number }) {
  const contestId = hostInfo.contestId;
  const viewportRef = useRef<HTMLElement>(null);
  const teamsRef = useRef<Map<string, { name: string }>>(new Map());
  const teamName = useCallback((id: string) => teamsRef.current.get(id)?.name ?? id, []);
  const live = useLiveBoard(contestId, teamName);
  // Contest, problems and teams are re-read when the state changes and every half minute
  // (a rescheduled start or a team added on the host shows up without a reload).
  const [refreshTick, setRefreshTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setRefreshTick((t) => t + 1), META_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const stateKey = live.board ? JSON.stringify(live.board.state) : null;
  const { meta, error } = useContestMeta(contestId, `${stateKey}#${refreshTick}`);
  if (meta) teamsRef.current = meta.teams;
  const rows = live.board?.rows ?? [];
  const page = usePaging(viewportRef, rows.length, pageSeconds, null);

  const notice = contestId === null ? 'No contest is loaded on this host yet.'
    : live.error ?? error ?? (live.board === null ? 'Connecting to the host…' : live.connected ? null : 'Connection to the host lost; reconnecting…');
  return (
    <ProjectorLayout title={meta?.contest.name ?? 'Scoreboard'} contest={meta?.contest ?? null} state={live.board?.state ?? null}
      offsetMs={live.offsetMs} fingerprint={hostInfo.fingerprint} page={page} notice={notice} viewportRef={viewportRef}>
      {meta && live.board ? (
        <ScoreboardTable rows={rows.slice(page.start, page.end)} problems={meta.problems} teams={meta.teams}
          scoreboardType={meta.contest.scoreboard_type} caption={`Scoreboard of ${meta.contest.name}`} />
      ) : null}
    </ProjectorLayout>
  );
}
