import {
  ContestEventPush, Judgement, LoginResponse, PROTOCOL_VERSION, ScoreboardDelta,
} from '@arena/protocol';
import { io } from 'socket.io-client';
import type { Pool } from 'undici';
import { connectLeanContestant, type LeanContestantSocket } from './load-lean-socket';

/** Logs `usernames` in with POST /api/login, `concurrency` at a time; resolves username → token. */
export async function loginAll(pool: Pool, usernames: readonly string[], password: string, concurrency = 50): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, usernames.length) }, async () => {
    while (next < usernames.length) {
      const username = usernames[next++]!;
      const res = await pool.request({
        method: 'POST', path: '/api/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
      });
      const body: unknown = await res.body.json();
      if (res.statusCode !== 200) throw new Error(`login of ${username} refused: ${res.statusCode} ${JSON.stringify(body)}`);
      tokens.set(username, LoginResponse.parse(body).token);
    }
  }));
  return tokens;
}

/** A verdict seen on a team's socket: when it arrived here, and the host's push time. */
export interface VerdictArrival {
  teamId: string;
  verdict: string;
  atMs: number;
  serverTimeMs: number;
}

export interface ContestantCrowd {
  /** First final judgement per submission id, as pushed to the submitting team's socket. */
  readonly verdicts: Map<string, VerdictArrival>;
  /** Sockets that disconnected during the run (should stay 0). */
  readonly disconnects: () => number;
  /** Pushes that failed to parse (should stay 0). */
  readonly badPushes: () => number;
  close(): void;
}

/**
 * Connects one `/contestant` socket per team (websocket transport, its own login token), 100 at
 * a time, each waiting for its `welcome` and board snapshot. Records the first final judgement
 * (non-null `judgement_type_id`) of every submission pushed to its team. Board deltas also
 * reach every contestant socket (the host sends them; the lean client skips them undecoded —
 * see load-lean-socket.ts).
 */
export async function connectContestants(hostUrl: string, tokens: ReadonlyMap<string, string>): Promise<ContestantCrowd> {
  const verdicts = new Map<string, VerdictArrival>();
  const sockets: LeanContestantSocket[] = [];
  let disconnects = 0;
  let badPushes = 0;
  const entries = [...tokens];
  for (let batch = 0; batch < entries.length; batch += 100) {
    await Promise.all(entries.slice(batch, batch + 100).map(([teamId, token]) => {
      const socket = connectLeanContestant(hostUrl, { protocolVersion: PROTOCOL_VERSION, token }, {
        onEvent(raw) {
          const atMs = Date.now();
          const push = ContestEventPush.safeParse(raw);
          if (!push.success) {
            badPushes++;
            return;
          }
          if (push.data.type !== 'judgements' || push.data.data === null) return;
          const judgement = Judgement.safeParse(push.data.data);
          if (!judgement.success) {
            badPushes++;
            return;
          }
          const { submission_id: submissionId, judgement_type_id: verdict } = judgement.data;
          if (verdict === null || verdicts.has(submissionId)) return;
          verdicts.set(submissionId, { teamId, verdict, atMs, serverTimeMs: push.data.serverTimeMs });
        },
        onDisconnect(reason) {
          disconnects++;
          if (disconnects <= 3) process.stderr.write(`[crowd] ${teamId} disconnected: ${reason}\n`);
        },
      });
      sockets.push(socket);
      return socket.ready.catch((err: Error) => { throw new Error(`contestant ${teamId}: ${err.message}`); });
    }));
  }
  return {
    verdicts,
    disconnects: () => disconnects,
    badPushes: () => badPushes,
    close() {
      for (const socket of sockets) socket.close();
    },
  };
}

/** One delta as the projector saw it: `teamIds` = teams whose whole row changed. */
export interface DeltaArrival {
  atMs: number;
  serverTimeMs: number;
  seq: number;
  teamIds: Set<string>;
}

export interface Projector {
  readonly deltas: DeltaArrival[];
  /** Deltas whose `seq` did not follow the previous one, or unreadable (a real projector would refetch). */
  readonly gaps: () => number;
  close(): void;
}

/** A `/scoreboard` client (what the venue projector runs): records every public board delta. */
export async function connectProjector(hostUrl: string, contestId: string): Promise<Projector> {
  const deltas: DeltaArrival[] = [];
  let gaps = 0;
  let lastSeq: number | null = null;
  const socket = io(`${hostUrl}/scoreboard`, { auth: { protocolVersion: PROTOCOL_VERSION, contestId }, transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('scoreboard:snapshot', (raw: { seq?: unknown }) => {
    if (typeof raw?.seq === 'number') lastSeq = raw.seq;
  });
  socket.on('scoreboard:delta', (raw: unknown) => {
    const atMs = Date.now();
    const delta = ScoreboardDelta.safeParse(raw);
    if (!delta.success) {
      gaps++; // an unreadable delta is as good as a missed one
      return;
    }
    if (lastSeq !== null && delta.data.seq !== lastSeq + 1) gaps++;
    lastSeq = delta.data.seq;
    const teamIds = new Set(delta.data.rows.map((r) => r.team_id));
    deltas.push({ atMs, serverTimeMs: delta.data.serverTimeMs, seq: delta.data.seq, teamIds });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('scoreboard:snapshot', () => resolve());
    socket.once('connect_error', (err) => reject(new Error(`projector refused: ${err.message}`)));
  });
  return { deltas, gaps: () => gaps, close: () => socket.close() };
}
