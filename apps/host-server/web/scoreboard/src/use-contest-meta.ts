import type { BoardProblem, BoardTeam } from '@arena/ui';
import type { Contest } from '@arena/protocol';
import { useEffect, useState } from 'react';
import { fetchContest, fetchOrganizations, fetchProblems, fetchTeams } from './host-api';

/** What the board needs besides the rows: the contest (clock), problem columns, team names. */
export interface ContestMeta {
  contest: Contest;
  problems: BoardProblem[];
  teams: Map<string, BoardTeam>;
}

/** Loads the contest, problems, teams and organizations; again whenever `refreshKey` changes. */
export async function loadContestMeta(contestId: string, token: string | null): Promise<ContestMeta> {
  const [contest, problems, teams, organizations] = await Promise.all([
    fetchContest(contestId, token), fetchProblems(contestId, token), fetchTeams(contestId, token), fetchOrganizations(contestId, token),
  ]);
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  return {
    contest,
    problems: [...problems].sort((a, b) => a.ordinal - b.ordinal).map((p) => ({ id: p.id, label: p.label, name: p.name, rgb: p.rgb })),
    teams: new Map(teams.map((t) => [t.id, { name: t.display_name ?? t.name, organization: t.organization_id ? orgName.get(t.organization_id) : undefined }])),
  };
}

/** React side of `loadContestMeta`: keeps the last good value when a refresh fails. */
export function useContestMeta(contestId: string | null, refreshKey: unknown): { meta: ContestMeta | null; error: string | null } {
  const [meta, setMeta] = useState<ContestMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (contestId === null) return;
    let cancelled = false;
    loadContestMeta(contestId, null).then(
      (loaded) => { if (!cancelled) { setMeta(loaded); setError(null); } },
      (err: unknown) => { if (!cancelled) setError(err instanceof Error ? err.message : String(err)); },
    );
    return () => { cancelled = true; };
  }, [contestId, refreshKey]);
  return { meta, error };
}
