import type {
  ContestEventPush, JudgingAlert, RealtimeAck, RealtimeWelcome, ScoreboardDelta, ScoreboardSnapshot,
} from '../schemas/realtime';
import type { ConsoleChanged, SessionEnded, TestRunResult } from '../schemas/contestant-app';

/**
 * socket.io event maps of the realtime namespaces. Handshake `auth` is `RealtimeHandshake`
 * (protocol version checked on every namespace). Client payloads arrive as `unknown` and are
 * parsed by the host; a bad payload gets `{ ok: false, error }` and changes nothing.
 */

/** Client → host on `/scoreboard`, `/contestant` and `/proctor`. */
export interface BoardClientToServer {
  /** Asks for the full board (after a gap in `seq`); payload `SnapshotRequest`. */
  snapshot: (payload: unknown, ack: (res: RealtimeAck<ScoreboardSnapshot>) => void) => void;
}

/** Host → client on `/scoreboard` (public, no login). */
export interface ScoreboardServerToClient {
  'scoreboard:snapshot': (snapshot: ScoreboardSnapshot) => void;
  'scoreboard:delta': (delta: ScoreboardDelta) => void;
}

/** Client → host on `/contestant`: the board requests plus lockdown reports (desktop app only). */
export interface ContestantClientToServer extends BoardClientToServer {
  /** payload `LockdownReport`; the host stamps its own time and alerts the proctor console. */
  'lockdown:report': (payload: unknown, ack: (res: RealtimeAck<null>) => void) => void;
}

/** Host → client on `/contestant` (a team): its own objects, public ones, the public board. */
export interface ContestantServerToClient extends ScoreboardServerToClient {
  welcome: (welcome: RealtimeWelcome) => void;
  /** Submissions and judgements of this team only, clarifications to it or to all, state, contest. */
  event: (push: ContestEventPush) => void;
  /** One of this team's test runs changed state (queued → judging → done/failed). */
  'test-run:result': (result: TestRunResult) => void;
  /** The login token expired or was revoked: the host disconnects right after this. */
  'session:ended': (ended: SessionEnded) => void;
}

/** Host → client on `/proctor` (jury): every event, both boards, judging alerts. */
export interface ProctorServerToClient extends ScoreboardServerToClient {
  welcome: (welcome: RealtimeWelcome) => void;
  event: (push: ContestEventPush) => void;
  'judging:alert': (alert: JudgingAlert) => void;
  /** Console data without a CLICS event changed (judges, alerts, balloons…): re-fetch that topic. */
  'console:changed': (change: ConsoleChanged) => void;
  /** The login token expired or was revoked: the host disconnects right after this. */
  'session:ended': (ended: SessionEnded) => void;
}
