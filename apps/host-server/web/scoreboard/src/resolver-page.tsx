import { planResolver, ScoreboardTable, type ResolverPlan } from '@arena/ui';
import type { HostInfo } from '@arena/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchAwards, fetchScoreboard, login, logout } from './host-api';
import { LoginForm } from './login-form';
import { ProjectorLayout } from './projector-layout';
import { loadContestMeta, type ContestMeta } from './use-contest-meta';
import { usePaging } from './use-paging';

const NEXT_KEYS = new Set([' ', 'Spacebar', 'ArrowRight', 'PageDown', 'Enter']);
const BACK_KEYS = new Set(['Backspace', 'ArrowLeft', 'PageUp']);

interface Ceremony {
  meta: ContestMeta;
  plan: ResolverPlan;
}

/** Loads both boards and the jury awards with a jury token and plans the ceremony. */
async function prepareCeremony(contestId: string, token: string): Promise<Ceremony> {
  const [meta, publicBoard, juryBoard, awards] = await Promise.all([
    loadContestMeta(contestId, token),
    fetchScoreboard(contestId, 'public', token),
    fetchScoreboard(contestId, 'jury', token),
    fetchAwards(contestId, 'jury', token),
  ]);
  const plan = planResolver({
    publicRows: publicBoard.rows, juryRows: juryBoard.rows, problemIds: meta.problems.map((p) => p.id),
    teamName: (id) => meta.teams.get(id)?.name ?? id, penaltyMinutes: meta.contest.penalty_time,
    scoreboardType: meta.contest.scoreboard_type, awards,
  });
  return { meta, plan };
}

/**
 * `/scoreboard?resolver`: the jury-driven reveal of the frozen results. Asks for a jury login
 * (team accounts are refused), then steps with the keyboard: Space / → next, Backspace / ← back.
 */
export function ResolverPage({ hostInfo }: { hostInfo: HostInfo }) {
  const [ceremony, setCeremony] = useState<Ceremony | null>(null);
  const [index, setIndex] = useState(0);
  const viewportRef = useRef<HTMLElement>(null);
  const contestId = hostInfo.contestId;

  const onLogin = useCallback(async (username: string, password: string): Promise<string | null> => {
    if (contestId === null) return 'No contest is loaded on this host yet.';
    try {
      const session = await login(username, password);
      if (session.account.type === 'team') {
        await logout(session.token);
        return 'A team account cannot run the resolver: log in with a jury account.';
      }
      setCeremony(await prepareCeremony(contestId, session.token));
      setIndex(0);
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }, [contestId]);

  const stepCount = ceremony?.plan.steps.length ?? 0;
  useEffect(() => {
    if (ceremony === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (NEXT_KEYS.has(event.key)) setIndex((i) => Math.min(stepCount, i + 1));
      else if (BACK_KEYS.has(event.key)) setIndex((i) => Math.max(0, i - 1));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ceremony, stepCount]);

  const state = ceremony?.plan.states[index] ?? null;
  const rows = state?.rows ?? [];
  const cursor = state?.cursorTeamId ?? null;
  const focus = ceremony === null ? null : cursor === null ? Math.max(0, rows.length - 1) : rows.findIndex((r) => r.team_id === cursor);
  const page = usePaging(viewportRef, rows.length, 3600, focus);

  if (ceremony === null || state === null) {
    return (
      <ProjectorLayout title="Resolver" contest={null} state={null} offsetMs={0} fingerprint={hostInfo.fingerprint} page={null} viewportRef={viewportRef}>
        <LoginForm onSubmit={onLogin} message="The resolver reveals the frozen results. It needs a jury account." />
      </ProjectorLayout>
    );
  }
  const { meta } = ceremony;
  // Keep the announcement clear of the team it is about: at the top when that row is low on screen.
  const announcementOnTop = focus !== null && focus - page.start > (page.end - page.start) / 2;
  const announced = state.announcement;
  const announcedTeam = announced ? meta.teams.get(announced.teamId) : undefined;
  const status = (
    <div className="resolver-status" data-testid="resolver-step" data-step={index} data-steps={stepCount} data-remaining={state.remaining}>
      <span className="arena-clock-label">{index === stepCount ? 'Final standings' : `${state.remaining} frozen results left`}</span>
      <span className="resolver-step">{`Step ${index} / ${stepCount}`}</span>
    </div>
  );
  return (
    <ProjectorLayout title={meta.contest.name} contest={null} state={null} offsetMs={0} fingerprint={hostInfo.fingerprint}
      page={page} status={status} viewportRef={viewportRef}>
      <ScoreboardTable rows={rows.slice(page.start, page.end)} problems={meta.problems} teams={meta.teams}
        scoreboardType={meta.contest.scoreboard_type} caption={`Resolver for ${meta.contest.name}`}
        highlightTeamId={cursor} revealed={state.revealed} />
      {announced ? (
        <section className={`resolver-announcement${announcementOnTop ? ' resolver-announcement--top' : ''}`} role="status" aria-live="assertive" data-testid="resolver-announcement">
          <p className="resolver-announcement-team">{announcedTeam?.name ?? announced.teamId}</p>
          {announcedTeam?.organization ? <p className="resolver-announcement-org">{announcedTeam.organization}</p> : null}
          <ul>{announced.citations.map((c) => <li key={c}>{c}</li>)}</ul>
        </section>
      ) : null}
      <p className="arena-visually-hidden">Space or right arrow: next step. Backspace or left arrow: previous step.</p>
    </ProjectorLayout>
  );
}
