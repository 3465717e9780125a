import type { Contest, JudgementType, Language, Problem } from '@arena/protocol';
import type { BoardTeam } from '@arena/ui';
import { useEffect, useState } from 'react';
import { describeFailure, type HostClient } from '../api/host-client';

/** What every screen needs about the contest besides live data. */
export interface ContestMeta {
  contest: Contest;
  /** Sorted by ordinal; empty before the contest starts (teams see problems only then). */
  problems: Problem[];
  languages: Language[];
  judgementTypes: Map<string, JudgementType>;
  teams: Map<string, BoardTeam>;
}

/** Loads the contest meta; again whenever `refreshKey` changes. Keeps the last good value on failure. */
export function useContestMeta(client: HostClient, contestId: string, refreshKey: string): { meta: ContestMeta | null; error: string | null } {
  const [meta, setMeta] = useState<ContestMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<ContestMeta> => {
      const [contest, problems, languages, judgementTypes, teams, organizations] = await Promise.all([
        client.getContest(contestId),
        client.getProblems(contestId).catch(() => [] as Problem[]),
        client.getLanguages(contestId),
        client.getJudgementTypes(contestId).catch(() => [] as JudgementType[]),
        client.getTeams(contestId),
        client.getOrganizations(contestId).catch(() => []),
      ]);
      const orgName = new Map(organizations.map((o) => [o.id, o.name]));
      return {
        contest,
        problems: [...problems].sort((a, b) => a.ordinal - b.ordinal),
        languages,
        judgementTypes: new Map(judgementTypes.map((j) => [j.id, j])),
        teams: new Map(teams.map((t) => [t.id, { name: t.display_name ?? t.name, organization: t.organization_id ? orgName.get(t.organization_id) : undefined }])),
      };
    };
    load().then(
      (loaded) => { if (!cancelled) { setMeta(loaded); setError(null); } },
      (err: unknown) => { if (!cancelled) setError(describeFailure(err)); },
    );
    return () => { cancelled = true; };
  }, [client, contestId, refreshKey]);
  return { meta, error };
}
