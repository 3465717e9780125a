import type { Server as SocketServer } from 'socket.io';
import { openRankingStore } from '../adapters/redis/open-ranking-store';
import type { ComponentStatuses } from '../app/metrics/component-statuses';
import { createAuthService } from '../app/auth/auth-service';
import type { HostContext } from '../app/host-context';
import { onConsoleChanged } from '../app/console/console-signals';
import { onJudgingSignal } from '../app/judging/judging-signals';
import { createScoreboardService, type ScoreboardService } from '../app/scoreboard/scoreboard-service';
import { createRequestAuth } from '../http/auth-hook';
import type { ArenaFastify } from '../http/create-http-server';
import { registerScoreboardRoutes } from '../http/routes/scoreboard-routes';
import { registerContestantNamespace } from './contestant-namespace';
import { registerProctorNamespace } from './proctor-namespace';
import { BoardFeeds, type BoardFeedOptions } from './realtime-board-feeds';
import { routeStoreEvents } from './realtime-event-router';
import { contestRoom, teamRoom } from './realtime-rooms';
import { expireRealtimeSessions } from './realtime-session-expiry';
import { registerScoreboardNamespace } from './scoreboard-namespace';

export interface LiveScoreboardModule {
  service: ScoreboardService;
}

/**
 * Live scoreboards: the scoreboard service (SQLite → scoring → ranking store; in-process
 * ranking without `config.redisUrl`, else Redis with the in-process fallback, refilled from the
 * service when Redis comes back), CLICS `/scoreboard` and `/awards`, and the realtime
 * namespaces `/scoreboard`, `/contestant` and `/proctor` with store events routed to them.
 * Everything is stopped when the host closes.
 */
export async function registerLiveScoreboardModule(deps: {
  ctx: HostContext; http: ArenaFastify; io: SocketServer; onClose(fn: () => Promise<void> | void): void; statuses?: ComponentStatuses;
}, options: BoardFeedOptions = {}): Promise<LiveScoreboardModule> {
  const { ctx, http, io } = deps;
  let service: ScoreboardService | null = null;
  const ranking = openRankingStore({ redisUrl: ctx.config.redisUrl, log: ctx.log, recompute: async () => service?.rankingSnapshots() ?? [] });
  deps.statuses?.register('ranking', () => {
    const status = ranking.status();
    if (ctx.config.redisUrl === null) return { ok: true, detail: 'in-process (no Redis configured)' };
    return status.backend === 'redis' ? { ok: true, detail: 'redis' } : { ok: false, detail: `in-process while Redis is unavailable: ${status.reason ?? 'unknown'}` };
  });
  const live = createScoreboardService(ctx, ranking.store);
  service = live;
  await live.start();

  const auth = createAuthService(ctx);
  await registerScoreboardRoutes(http, createRequestAuth(auth), live);

  const feeds = new BoardFeeds(ctx, live, options);
  registerScoreboardNamespace(ctx, io, live, feeds);
  const contestant = registerContestantNamespace(ctx, io, { auth, service: live, feeds });
  const proctor = registerProctorNamespace(ctx, io, { auth, service: live, feeds });
  deps.onClose(expireRealtimeSessions(ctx, io, auth));
  const stopRouting = routeStoreEvents(ctx, live, {
    allTeams: (contestId, push) => contestant.to(contestRoom(contestId)).emit('event', push),
    oneTeam: (contestId, teamId, push) => contestant.to(teamRoom(contestId, teamId)).emit('event', push),
    jury: (contestId, push) => proctor.to(contestRoom(contestId)).emit('event', push),
  });
  const stopAlerts = onJudgingSignal(ctx.store.db, (signal) => {
    if (signal.type !== 'judging-error') return;
    proctor.to(contestRoom(signal.contestId)).emit('judging:alert', {
      serverTimeMs: ctx.clock(), contestId: signal.contestId, submissionId: signal.submissionId, agentId: signal.agentId,
      reason: signal.reason, attempts: signal.attempts, held: signal.held,
    });
  });

  const stopConsolePush = onConsoleChanged(ctx.store.db, ({ contestId, ...change }) => {
    proctor.to(contestRoom(contestId)).emit('console:changed', change);
  });

  deps.onClose(async () => {
    stopConsolePush();
    stopAlerts();
    stopRouting();
    feeds.close();
    live.close();
    await live.settled();
    await ranking.store.close();
  });
  return { service: live };
}
