import { LockdownReport, SnapshotRequest, type ContestantClientToServer, type ContestantServerToClient } from '@arena/protocol';
import type { Namespace, Server as SocketServer } from 'socket.io';
import { ApiRepo } from '../adapters/sqlite/repos/api-repo';
import type { AuthService } from '../app/auth/auth-service';
import { AppError } from '../app/errors';
import type { HostContext } from '../app/host-context';
import type { ScoreboardService } from '../app/scoreboard/scoreboard-service';
import { onTeamDisabled, recordAlert, recordLockdownReport } from '../app/venue/alerts';
import type { BoardFeeds } from './realtime-board-feeds';
import { guardHandshake, principalOfToken } from './realtime-handshake';
import { onRequest } from './realtime-requests';
import { contestRoom, teamRoom } from './realtime-rooms';
import { welcomeFor } from './realtime-session';

interface ContestantSocketData {
  contestId: string;
  teamId: string;
}

export type ContestantNamespace = Namespace<ContestantClientToServer, ContestantServerToClient, Record<string, never>, ContestantSocketData>;

/**
 * `/contestant`: one team, authenticated by its login token (`auth.token`); any other account
 * is refused. The socket joins its contest's room (public events, public board deltas) and its
 * team's room (its own submissions, judgements and clarifications, pushed the moment they
 * commit). On connect: `welcome` (contest, state, server time) and a public board snapshot.
 * Lockdown reports (`lockdown:report`) and every connect/disconnect become console alerts; a
 * team disabled in the console is disconnected.
 */
export function registerContestantNamespace(ctx: HostContext, io: SocketServer, deps: {
  auth: AuthService; service: ScoreboardService; feeds: BoardFeeds;
}): ContestantNamespace {
  const nsp = io.of('/contestant') as ContestantNamespace;
  const repo = new ApiRepo(ctx.store.db);
  guardHandshake(ctx, nsp as unknown as Namespace, (socket, handshake) => {
    const principal = principalOfToken(deps.auth, handshake, socket.handshake.address, 'a team');
    if (principal.type !== 'team' || principal.teamId === null) {
      throw new AppError('forbidden', `the contestant connection is for team accounts; ${principal.username} is a ${principal.type} account`);
    }
    const data = socket.data as ContestantSocketData;
    data.contestId = principal.contestId;
    data.teamId = principal.teamId;
  });
  deps.feeds.addSink('public', (delta) => nsp.to(contestRoom(delta.contestId)).emit('scoreboard:delta', delta));
  // A team disabled in the console loses its open connections too (its sessions are revoked).
  onTeamDisabled(ctx, (contestId, teamId) => nsp.in(teamRoom(contestId, teamId)).disconnectSockets(true));

  nsp.on('connection', (socket) => {
    const { contestId, teamId } = socket.data;
    void socket.join([contestRoom(contestId), teamRoom(contestId, teamId)]);
    try {
      socket.emit('welcome', welcomeFor(ctx, repo, contestId, teamId));
    } catch (err) {
      ctx.log.warn({ err, contestId }, 'realtime client connected to a contest that cannot be read');
      socket.disconnect(true);
      return;
    }
    try {
      socket.emit('scoreboard:snapshot', deps.feeds.snapshot(contestId, 'public'));
    } catch (err) {
      ctx.log.warn({ err, contestId }, 'contestant connected but the scoreboard is unavailable');
    }
    onRequest(ctx, socket as never, 'snapshot', SnapshotRequest, (request) => {
      if (request.view !== 'public') throw new AppError('forbidden', 'only the jury can see the jury board');
      return deps.feeds.snapshot(contestId, 'public');
    });
    onRequest(ctx, socket as never, 'lockdown:report', LockdownReport, (report) => {
      recordLockdownReport(ctx, contestId, teamId, report);
      return null;
    });
    const connection = (kind: 'connected' | 'disconnected', detail: string): void => {
      try {
        recordAlert(ctx, contestId, teamId, { kind, detail });
      } catch (err) {
        ctx.log.warn({ err, contestId, teamId }, `could not record a contestant ${kind} alert`);
      }
    };
    connection('connected', `from ${socket.handshake.address}`);
    socket.on('disconnect', (reason) => connection('disconnected', reason));
  });
  return nsp;
}
