import type { RealtimeWelcome } from '@arena/protocol';
import type { ApiRepo } from '../adapters/sqlite/repos/api-repo';
import { contestObject, loadContest } from '../app/clock/contest-clock-store';
import type { HostContext } from '../app/host-context';
import { clicsState } from '../domain/clock/contest-clock';

/** The welcome a logged-in client gets on connect: contest, state and the host's clock. */
export function welcomeFor(ctx: HostContext, repo: ApiRepo, contestId: string, teamId: string | null): RealtimeWelcome {
  const { row, clock } = loadContest(repo, contestId);
  const nowMs = ctx.clock();
  return { serverTimeMs: nowMs, contestId, teamId, contest: contestObject(row, clock), state: clicsState(clock, nowMs) };
}
