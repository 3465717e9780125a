import {
  ConsoleChanged, Contest, ContestEventPush, ContestState, JudgingAlert, PROTOCOL_VERSION, RealtimeWelcome, ScoreboardDelta,
  type BoardClientToServer, type ProctorServerToClient,
} from '@arena/protocol';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';

/**
 * What the `/proctor` socket tells the console: the contest and its state (for the clock, with
 * the host's time offset), the connection, judging alerts, and a version counter per topic that
 * pages use as a re-fetch key. Topics are CLICS event types ('submissions', 'judgements',
 * 'clarifications', …), console topics ('judges', 'balloons', …) and 'scoreboard'.
 */
export interface ProctorLive {
  contest: Contest | null;
  state: ContestState | null;
  /** Host clock minus local clock, from the last `serverTimeMs`. */
  offsetMs: number;
  connected: boolean;
  connectionError: string | null;
  judgingAlerts: JudgingAlert[];
  versions: Readonly<Record<string, number>>;
}

export const EMPTY_LIVE: ProctorLive = { contest: null, state: null, offsetMs: 0, connected: false, connectionError: null, judgingAlerts: [], versions: {} };

export const ProctorLiveContext = createContext<ProctorLive>(EMPTY_LIVE);

/** The live console state (inside `ProctorLiveContext`). */
export function useLive(): ProctorLive {
  return useContext(ProctorLiveContext);
}

/** The version counter of `topics` summed: changes whenever any of them is pushed. */
export function useTopicVersion(...topics: string[]): number {
  const { versions } = useLive();
  return topics.reduce((sum, topic) => sum + (versions[topic] ?? 0), 0);
}

const RETRY_AFTER_REFUSAL_MS = 3000;
const MAX_ALERTS = 200;

export interface ProctorCallbacks {
  /** A clarification object arrived (new or changed). */
  onClarification?(push: ContestEventPush): void;
  /** A judging alert arrived. */
  onJudgingAlert?(alert: JudgingAlert): void;
  /** The host refused the token (expired): the session is over. */
  onRefused?(message: string): void;
}

/**
 * Connects to `/proctor` with the jury token and keeps `ProctorLive` current. Every payload is
 * parsed; malformed ones are dropped. Reconnects by itself (and after a handshake refusal).
 */
export function useProctorLive(token: string | null, callbacks: ProctorCallbacks): ProctorLive {
  const [live, setLive] = useState<ProctorLive>(EMPTY_LIVE);
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;

  useEffect(() => {
    if (token === null) return;
    const socket: Socket<ProctorServerToClient, BoardClientToServer> = io('/proctor', {
      auth: { token, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
    });
    let retry: ReturnType<typeof setTimeout> | undefined;
    const bump = (topic: string, serverTimeMs?: number) => setLive((l) => ({
      ...l,
      versions: { ...l.versions, [topic]: (l.versions[topic] ?? 0) + 1 },
      ...(serverTimeMs === undefined ? {} : { offsetMs: serverTimeMs - Date.now() }),
    }));

    socket.on('welcome', (raw: unknown) => {
      const welcome = RealtimeWelcome.safeParse(raw);
      if (!welcome.success) return;
      const contest = Contest.safeParse(welcome.data.contest);
      setLive((l) => ({
        ...l,
        contest: contest.success ? contest.data : l.contest,
        state: welcome.data.state,
        offsetMs: welcome.data.serverTimeMs - Date.now(),
        connected: true,
        connectionError: null,
        // Something may have changed while disconnected: every page re-fetches.
        versions: Object.fromEntries(Object.entries(l.versions).map(([k, v]) => [k, v + 1])),
      }));
    });
    socket.on('event', (raw: unknown) => {
      const push = ContestEventPush.safeParse(raw);
      if (!push.success) return;
      const { type, data, serverTimeMs } = push.data;
      if (type === 'state') {
        const state = ContestState.safeParse(data);
        if (state.success) setLive((l) => ({ ...l, state: state.data }));
      } else if (type === 'contest') {
        const contest = Contest.safeParse(data);
        if (contest.success) setLive((l) => ({ ...l, contest: contest.data }));
      } else if (type === 'clarifications') {
        callbacksRef.current.onClarification?.(push.data);
      }
      bump(type, serverTimeMs);
    });
    socket.on('console:changed', (raw: unknown) => {
      const change = ConsoleChanged.safeParse(raw);
      if (change.success) bump(change.data.topic);
    });
    socket.on('judging:alert', (raw: unknown) => {
      const alert = JudgingAlert.safeParse(raw);
      if (!alert.success) return;
      setLive((l) => ({ ...l, judgingAlerts: [alert.data, ...l.judgingAlerts].slice(0, MAX_ALERTS) }));
      bump('judges', alert.data.serverTimeMs);
      callbacksRef.current.onJudgingAlert?.(alert.data);
    });
    socket.on('scoreboard:delta', (raw: unknown) => {
      const delta = ScoreboardDelta.safeParse(raw);
      if (!delta.success) return;
      if (delta.data.state) {
        const state = delta.data.state;
        setLive((l) => ({ ...l, state }));
      }
      if (delta.data.view === 'jury') bump('scoreboard', delta.data.serverTimeMs);
    });
    socket.on('connect', () => setLive((l) => ({ ...l, connected: true, connectionError: null })));
    socket.on('disconnect', () => setLive((l) => ({ ...l, connected: false })));
    socket.on('connect_error', (err) => {
      setLive((l) => ({ ...l, connected: false, connectionError: err.message }));
      if (!socket.active) {
        if (/log in|token|expired|unauthori/i.test(err.message)) callbacksRef.current.onRefused?.(err.message);
        retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
      }
    });
    return () => {
      clearTimeout(retry);
      socket.close();
      setLive(EMPTY_LIVE);
    };
  }, [token]);
  return live;
}
