import { SnapshotRequest, type BoardClientToServer, type BoardView, type ProctorServerToClient } from '@arena/protocol';
import type { Namespace, Server as SocketServer } from 'socket.io';
import { ApiRepo } from '../adapters/sqlite/repos/api-repo';
import type { AuthService } from '../app/auth/auth-service';
import { AppError } from '../app/errors';
import type { HostContext } from '../app/host-context';
import type { ScoreboardService } from '../app/scoreboard/scoreboard-service';
import type { BoardFeeds } from './realtime-board-feeds';
import { guardHandshake, principalOfToken } from './realtime-handshake';
import { onRequest } from './realtime-requests';
import { contestRoom } from './realtime-rooms';
import { welcomeFor } from './realtime-session';

interface ProctorSocketData {
  contestId: string;
}

export type ProctorNamespace = Namespace<BoardClientToServer, ProctorServerToClient, Record<string, never>, ProctorSocketData>;

const BOTH_VIEWS: readonly BoardView[] = ['public', 'jury'];

/**
 * `/proctor`: the jury (judge, admin, analyst or staff login token in `auth.token`; team
 * accounts are refused). Gets every event the jury may see, the live jury board and the public
 * (frozen) board with their deltas, and judging alerts. On connect: `welcome` and a snapshot of
 * both boards.
 */
export function registerProctorNamespace(ctx: HostContext, io: SocketServer, deps: {
  auth: AuthService; service: ScoreboardService; feeds: BoardFeeds;
}): ProctorNamespace {
  const nsp = io.of('/proctor') as ProctorNamespace;
  const repo = new ApiRepo(ctx.store.db);
  guardHandshake(ctx, nsp as unknown as Namespace, (socket, handshake) => {
    const principal = principalOfToken(deps.auth, handshake, socket.handshake.address, 'a jury');
    if (principal.type === 'team') throw new AppError('forbidden', 'the proctor connection is for jury accounts; team accounts use the contestant app');
    (socket.data as ProctorSocketData).contestId = principal.contestId;
  });
  for (const view of BOTH_VIEWS) deps.feeds.addSink(view, (delta) => nsp.to(contestRoom(delta.contestId)).emit('scoreboard:delta', delta));

  nsp.on('connection', (socket) => {
    const { contestId } = socket.data;
    void socket.join(contestRoom(contestId));
    try {
      socket.emit('welcome', welcomeFor(ctx, repo, contestId, null));
    } catch (err) {
      ctx.log.warn({ err, contestId }, 'realtime client connected to a contest that cannot be read');
      socket.disconnect(true);
      return;
    }
    for (const view of BOTH_VIEWS) {
      try {
        socket.emit('scoreboard:snapshot', deps.feeds.snapshot(contestId, view));
      } catch (err) {
        ctx.log.warn({ err, contestId }, 'proctor connected but the scoreboard is unavailable');
      }
    }
    onRequest(ctx, socket as never, 'snapshot', SnapshotRequest, (request) => deps.feeds.snapshot(contestId, request.view));
  });
  return nsp;
}
