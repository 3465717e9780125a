import {
  ContestEventPush, ContestState, PROTOCOL_VERSION, RealtimeWelcome, ScoreboardDelta, ScoreboardSnapshot, SessionEnded, TestRunResult,
  type ContestantClientToServer, type ContestantServerToClient, type RealtimeAck,
} from '@arena/protocol';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { clockOffsetMs } from '../lib/clock-offset';
import { applyBoardDelta, boardOfSnapshot, type LiveBoard } from '../lib/live-board';
import { desktopBridge } from '../lib/platform';

export interface ContestLive {
  /** The socket is connected (the host is reachable). */
  connected: boolean;
  /** Why the last connection attempt failed, for the connection indicator. */
  error: string | null;
  /** Host clock minus local clock (from every message's `serverTimeMs`). */
  offsetMs: number;
  state: ContestState | null;
  /** The CLICS contest object from `welcome` (or a `contest` event). */
  contest: Record<string, unknown> | null;
  board: LiveBoard | null;
  /** Increases on every (re)connect: lists re-fetch to catch what was missed while away. */
  connectCount: number;
}

export interface LiveHandlers {
  onEvent(push: ContestEventPush): void;
  onTestRun(result: TestRunResult): void;
  /** The host ended this login (expired, revoked): the socket does not reconnect. */
  onSessionEnded(reason: string): void;
}

const RETRY_AFTER_REFUSAL_MS = 3000;

/**
 * The team's `/contestant` socket: welcome (clock, state), the public board (snapshot + deltas,
 * re-snapshot after a gap), the team's own events and test-run results. Every payload is
 * parsed; a malformed one is dropped. On the desktop, lockdown signals from main are forwarded
 * as `lockdown:report`. Reconnects by itself.
 */
export function useContestLive(hostUrl: string, token: string, teamName: (teamId: string) => string, handlers: LiveHandlers): ContestLive {
  const [live, setLive] = useState<ContestLive>({ connected: false, error: null, offsetMs: 0, state: null, contest: null, board: null, connectCount: 0 });
  const handlerRef = useRef(handlers);
  handlerRef.current = handlers;
  const nameRef = useRef(teamName);
  nameRef.current = teamName;

  useEffect(() => {
    const socket: Socket<ContestantServerToClient, ContestantClientToServer> = io(`${hostUrl}/contestant`, {
      auth: { token, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      // Its own connection: a shared manager being closed by a previous mount would delay this one.
      forceNew: true,
    });
    let board: LiveBoard | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    const name = (id: string) => nameRef.current(id);
    const stamp = (serverTimeMs: number) => setLive((s) => ({ ...s, offsetMs: clockOffsetMs(serverTimeMs, Date.now()) }));
    const takeSnapshot = (raw: unknown) => {
      const parsed = ScoreboardSnapshot.safeParse(raw);
      if (!parsed.success) return;
      board = boardOfSnapshot(parsed.data, name);
      setLive((s) => ({ ...s, board, offsetMs: clockOffsetMs(parsed.data.serverTimeMs, Date.now()) }));
    };
    const requestSnapshot = () => socket.emit('snapshot', { view: 'public' }, (ack: RealtimeAck<ScoreboardSnapshot>) => {
      if (ack.ok) takeSnapshot(ack.data);
    });

    socket.on('welcome', (raw: unknown) => {
      const parsed = RealtimeWelcome.safeParse(raw);
      if (!parsed.success) return;
      setLive((s) => ({ ...s, state: parsed.data.state, contest: parsed.data.contest, offsetMs: clockOffsetMs(parsed.data.serverTimeMs, Date.now()) }));
    });
    socket.on('scoreboard:snapshot', (raw: unknown) => takeSnapshot(raw));
    socket.on('scoreboard:delta', (raw: unknown) => {
      const parsed = ScoreboardDelta.safeParse(raw);
      if (!parsed.success || board === null) return requestSnapshot();
      const update = applyBoardDelta(board, parsed.data, name);
      if (update.kind === 'gap') return requestSnapshot();
      if (update.kind === 'applied') board = update.board;
      setLive((s) => ({ ...s, board, state: parsed.data.state ?? s.state }));
      stamp(parsed.data.serverTimeMs);
    });
    socket.on('event', (raw: unknown) => {
      const parsed = ContestEventPush.safeParse(raw);
      if (!parsed.success) return;
      const push = parsed.data;
      stamp(push.serverTimeMs);
      if (push.type === 'state' && push.data) {
        const state = ContestState.safeParse(push.data);
        if (state.success) setLive((s) => ({ ...s, state: state.data }));
      }
      if (push.type === 'contest' && push.data) setLive((s) => ({ ...s, contest: push.data }));
      handlerRef.current.onEvent(push);
    });
    socket.on('test-run:result', (raw: unknown) => {
      const parsed = TestRunResult.safeParse(raw);
      if (parsed.success) handlerRef.current.onTestRun(parsed.data);
    });
    socket.on('session:ended', (raw: unknown) => {
      const parsed = SessionEnded.safeParse(raw);
      ended = true;
      socket.close();
      handlerRef.current.onSessionEnded(parsed.success ? parsed.data.reason : 'the host ended this login');
    });
    socket.on('connect', () => setLive((s) => ({ ...s, connected: true, error: null, connectCount: s.connectCount + 1 })));
    socket.on('disconnect', () => setLive((s) => ({ ...s, connected: false })));
    socket.on('connect_error', (err) => {
      setLive((s) => ({ ...s, connected: false, error: err.message }));
      // A refusal by the host's handshake check is not retried by socket.io itself.
      if (!socket.active && !ended) retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
    });

    const bridge = desktopBridge();
    const stopLockdown = bridge?.lockdown.onSignal((signal) => {
      socket.emit('lockdown:report', { kind: signal.kind, detail: signal.detail.slice(0, 500), clientTimeMs: Math.max(0, Math.round(signal.clientTimeMs)) }, () => undefined);
    });
    return () => {
      stopLockdown?.();
      clearTimeout(retry);
      socket.close();
    };
  }, [hostUrl, token]);
  return live;
}
