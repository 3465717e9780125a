import { PROTOCOL_VERSION, ScoreboardDelta, ScoreboardSnapshot, type BoardClientToServer, type RealtimeAck, type ScoreboardServerToClient } from '@arena/protocol';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { applyDelta, boardFromSnapshot, type LiveBoard } from './board-state';

export interface LiveBoardStatus {
  board: LiveBoard | null;
  /** Host clock minus local clock, from the last message's `serverTimeMs`. */
  offsetMs: number;
  connected: boolean;
  error: string | null;
}

const RETRY_AFTER_REFUSAL_MS = 3000;

/**
 * The public board of `contestId`, live: connects to the host's `/scoreboard` namespace, takes
 * the snapshot, applies deltas in sequence and asks for a snapshot after a gap. Every payload is
 * parsed; a malformed one is dropped (and a snapshot requested). Reconnects by itself.
 */
export function useLiveBoard(contestId: string | null, teamName: (teamId: string) => string): LiveBoardStatus {
  const [status, setStatus] = useState<LiveBoardStatus>({ board: null, offsetMs: 0, connected: false, error: null });
  const nameRef = useRef(teamName);
  nameRef.current = teamName;

  useEffect(() => {
    if (contestId === null) return;
    const socket: Socket<ScoreboardServerToClient, BoardClientToServer> = io('/scoreboard', {
      auth: { protocolVersion: PROTOCOL_VERSION, contestId },
      transports: ['websocket'],
    });
    let board: LiveBoard | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const name = (id: string) => nameRef.current(id);
    const publish = (serverTimeMs: number | null) => setStatus((s) => ({
      ...s, board, connected: true, error: null, offsetMs: serverTimeMs === null ? s.offsetMs : serverTimeMs - Date.now(),
    }));
    const takeSnapshot = (raw: unknown) => {
      const parsed = ScoreboardSnapshot.safeParse(raw);
      if (!parsed.success) return;
      board = boardFromSnapshot(parsed.data, name);
      publish(parsed.data.serverTimeMs);
    };
    const requestSnapshot = () => socket.emit('snapshot', { view: 'public' }, (ack: RealtimeAck<ScoreboardSnapshot>) => {
      if (ack.ok) takeSnapshot(ack.data);
    });

    socket.on('scoreboard:snapshot', (raw: unknown) => takeSnapshot(raw));
    socket.on('scoreboard:delta', (raw: unknown) => {
      const parsed = ScoreboardDelta.safeParse(raw);
      if (!parsed.success || board === null) return requestSnapshot();
      const outcome = applyDelta(board, parsed.data, name);
      if (outcome.kind === 'gap') return requestSnapshot();
      if (outcome.kind === 'applied') board = outcome.board;
      publish(parsed.data.serverTimeMs);
    });
    socket.on('connect', () => setStatus((s) => ({ ...s, connected: true, error: null })));
    socket.on('disconnect', () => setStatus((s) => ({ ...s, connected: false })));
    socket.on('connect_error', (err) => {
      setStatus((s) => ({ ...s, connected: false, error: err.message }));
      // A refusal by the host's handshake check is not retried by socket.io itself.
      if (!socket.active) retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
    });
    return () => {
      clearTimeout(retry);
      socket.close();
    };
  }, [contestId]);
  return status;
}
