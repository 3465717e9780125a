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

/** New connections within this window share one snapshot broadcast (encoded once). */
const SNAPSHOT_BATCH_MS = 20;

/**
 * `/scoreboard`: the public board, no login (projector, audience). On connect: a snapshot of the
 * public board of `auth.contestId` (default: the newest contest); then coalesced deltas to the
 * contest's room; `snapshot` answers with the whole board (after a gap in `seq`). Only the
 * public view is ever served here. Connections arriving together (a venue's projectors and
 * browsers after a host restart) get their first snapshot as ONE broadcast to a batch room, so
 * a board of 1,000 teams is encoded once per batch, not once per socket. A delta may reach a
 * client just before its snapshot; the snapshot's `seq` tells it which deltas it already has.
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

  const batches = new Map<string, string>();
  let batchCounter = 0;
  function queueSnapshot(contestId: string): string {
    let room = batches.get(contestId);
    if (room === undefined) {
      const batch = `snapshot-batch:${++batchCounter}`;
      room = batch;
      batches.set(contestId, batch);
      setTimeout(() => {
        batches.delete(contestId);
        try {
          nsp.to(batch).emit('scoreboard:snapshot', feeds.snapshot(contestId, 'public'));
        } catch (err) {
          ctx.log.warn({ err, contestId }, 'scoreboard snapshot unavailable');
        }
        nsp.in(batch).socketsLeave(batch);
      }, SNAPSHOT_BATCH_MS).unref();
    }
    return room;
  }

  nsp.on('connection', (socket) => {
    const { contestId } = socket.data;
    void socket.join([contestRoom(contestId), queueSnapshot(contestId)]);
    onRequest(ctx, socket as never, 'snapshot', SnapshotRequest, (request) => {
      if (request.view !== 'public') throw new AppError('forbidden', 'only the public board is served on /scoreboard');
      return feeds.snapshot(contestId, 'public');
    });
  });
}
