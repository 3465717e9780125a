import { SnapshotRequest, type BoardClientToServer, type ScoreboardServerToClient } from '@arena/protocol';
import type { Namespace, Server as SocketServer } from 'socket.io';
import { AppError } from '../app/errors';
import type { HostContext } from '../app/host-context';
import type { ScoreboardService } from '../app/scoreboard/scoreboard-service';
import type { BoardFeeds } from './realtime-board-feeds';
import { guardHandshake } from './realtime-handshake';
import { onRequest } from './realtime-requests';
import { contestRoom } from './realtime-rooms';

interface ScoreboardSocketData {
  contestId: string;
}

type ScoreboardNamespace = Namespace<BoardClientToServer, ScoreboardServerToClient, Record<string, never>, ScoreboardSocketData>;

/**
 * `/scoreboard`: the public board, no login (projector, audience). On connect: a snapshot of the
 * public board of `auth.contestId` (default: the newest contest); then coalesced deltas to the
 * contest's room; `snapshot` answers with the whole board (after a gap in `seq`). Only the
 * public view is ever served here.
 */
export function registerScoreboardNamespace(ctx: HostContext, io: SocketServer, service: ScoreboardService, feeds: BoardFeeds): void {
  const nsp = io.of('/scoreboard') as ScoreboardNamespace;
  guardHandshake(ctx, nsp as unknown as Namespace, (socket, handshake) => {
    const contestId = handshake.contestId ?? service.defaultContestId();
    if (contestId === null) throw new AppError('not_found', 'there is no contest on this host yet');
    service.board(contestId); // not_found / unavailable before the connection is accepted
    (socket.data as ScoreboardSocketData).contestId = contestId;
  });
  feeds.addSink('public', (delta) => nsp.to(contestRoom(delta.contestId)).emit('scoreboard:delta', delta));

  nsp.on('connection', (socket) => {
    const { contestId } = socket.data;
    void socket.join(contestRoom(contestId));
    socket.emit('scoreboard:snapshot', feeds.snapshot(contestId, 'public'));
    onRequest(ctx, socket as never, 'snapshot', SnapshotRequest, (request) => {
      if (request.view !== 'public') throw new AppError('forbidden', 'only the public board is served on /scoreboard');
      return feeds.snapshot(contestId, 'public');
    });
  });
}
