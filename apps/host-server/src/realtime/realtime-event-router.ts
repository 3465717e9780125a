import type { ContestEventPush } from '@arena/protocol';
import type { StoredEvent } from '../adapters/sqlite/store';
import type { HostContext } from '../app/host-context';
import type { ScoreboardService } from '../app/scoreboard/scoreboard-service';
import { hasStarted } from '../domain/clock/contest-clock';
import { canSee, type Viewer, type VisibilityFacts } from '../domain/visibility/visibility';

/** Where pushes go: broadcast to one contest's room, or to one team's room. */
export interface EventTargets {
  /** `/contestant`: every team of the contest. */
  allTeams(contestId: string, push: ContestEventPush): void;
  /** `/contestant`: one team. */
  oneTeam(contestId: string, teamId: string, push: ContestEventPush): void;
  /** `/proctor`: the jury of the contest. */
  jury(contestId: string, push: ContestEventPush): void;
}

/** A team that owns nothing: what EVERY team may see. */
const ANY_TEAM: Viewer = { role: 'team', teamId: '' };
/** The jury (a judge: everything but admin-only accounts). */
const JURY: Viewer = { role: 'jury', accountType: 'judge' };
const NOT_NEEDED: VisibilityFacts = { contestStarted: false };

/**
 * Pushes every committed event to the clients allowed to see it, by the same visibility rules
 * as the REST API and the event feed (domain/visibility): what any team may see goes to the
 * contest's room on `/contestant`, a team's own objects (submissions, judgements, its
 * clarifications) only to that team's room, and everything the jury sees to `/proctor`.
 * Returns the unsubscribe function.
 */
export function routeStoreEvents(ctx: HostContext, service: ScoreboardService, targets: EventTargets): () => void {
  function factsOf(contestId: string): VisibilityFacts {
    try {
      return { contestStarted: hasStarted(service.board(contestId).structure.clock, ctx.clock()) };
    } catch {
      return { contestStarted: false };
    }
  }

  return ctx.store.onEvents((events: readonly StoredEvent[]) => {
    const facts = new Map<string, VisibilityFacts>();
    const serverTimeMs = ctx.clock();
    for (const event of events) {
      // Only problems depend on the facts (hidden before the start); other events skip the lookup.
      let f = event.type === 'problems' ? facts.get(event.contestId) : NOT_NEEDED;
      if (!f) {
        f = factsOf(event.contestId);
        facts.set(event.contestId, f);
      }
      const item = { type: event.type, audience: event.audience, teamId: event.teamId };
      const push: ContestEventPush = {
        serverTimeMs, contestId: event.contestId, type: event.type, id: event.id, data: event.data, token: String(event.token),
      };
      if (canSee(JURY, item, f)) targets.jury(event.contestId, push);
      if (canSee(ANY_TEAM, item, f)) targets.allTeams(event.contestId, push);
      else if (event.teamId && canSee({ role: 'team', teamId: event.teamId }, item, f)) targets.oneTeam(event.contestId, event.teamId, push);
    }
  });
}
