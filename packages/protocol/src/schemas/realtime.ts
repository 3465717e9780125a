import { z } from 'zod';
import { Id } from './common';
import { ContestState } from './contest';
import { EventType } from './event';
import { Scoreboard, ScoreboardRow } from './scoreboard';

/**
 * Payloads of the host's realtime namespaces `/scoreboard`, `/contestant` and `/proctor`
 * (socket.io). Every message the host sends carries `serverTimeMs` (host clock, epoch ms) so a
 * client can correct its own clock skew. Receivers parse with these schemas.
 */

/** What a client sends as the socket.io handshake `auth` on every realtime namespace. */
export const RealtimeHandshake = z.object({
  /** Must equal the host's PROTOCOL_VERSION, or the connection is refused. */
  protocolVersion: z.number().int(),
  /** Login token (`/api/login`): a team's on `/contestant`, a jury account's on `/proctor`. */
  token: z.string().min(1).optional(),
  /** `/scoreboard` only: which contest (default: the most recently created one). */
  contestId: Id.optional(),
});
export type RealtimeHandshake = z.infer<typeof RealtimeHandshake>;

export const BoardView = z.enum(['public', 'jury']);
export type BoardView = z.infer<typeof BoardView>;

/**
 * The whole board: sent on connect and in answer to `snapshot`. `seq` is the sequence number
 * of the last delta it includes; the next delta of this board has `seq + 1`.
 */
export const ScoreboardSnapshot = z.object({
  contestId: Id,
  view: BoardView,
  seq: z.number().int().nonnegative(),
  serverTimeMs: z.number().int(),
  scoreboard: Scoreboard,
});
export type ScoreboardSnapshot = z.infer<typeof ScoreboardSnapshot>;

/**
 * What changed since the previous delta (`seq - 1`): whole rows of teams whose score or cells
 * changed, `ranks` (team id → new rank) of teams whose row changed ONLY in its rank (one
 * accepted run can move a hundred teams down a place: they are sent as a few bytes each, not
 * as whole rows), teams that left the board, and the contest state when it changed. A client
 * that sees a gap in `seq` asks for a snapshot; deltas with `seq` ≤ its snapshot's are old.
 */
export const ScoreboardDelta = z.object({
  contestId: Id,
  view: BoardView,
  seq: z.number().int().positive(),
  serverTimeMs: z.number().int(),
  rows: z.array(ScoreboardRow),
  ranks: z.record(Id, z.number().int().positive()).optional(),
  removed: z.array(Id).optional(),
  state: ContestState.optional(),
});
export type ScoreboardDelta = z.infer<typeof ScoreboardDelta>;

/** `snapshot` request; `view: 'jury'` only on `/proctor`. */
export const SnapshotRequest = z.object({ view: BoardView.default('public') }).strict();
export type SnapshotRequest = z.infer<typeof SnapshotRequest>;

/** Answer to any client request: the result, or why it was refused (nothing changed). */
export type RealtimeAck<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * One committed change pushed to `/contestant` and `/proctor`, in the CLICS event-feed shape
 * (`data: null` = deleted), filtered by the same visibility rules as the event feed.
 */
export const ContestEventPush = z.object({
  serverTimeMs: z.number().int(),
  contestId: Id,
  type: EventType,
  id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  token: z.string(),
});
export type ContestEventPush = z.infer<typeof ContestEventPush>;

/** `/proctor`: a judge failed on a job (never a verdict); the job was re-queued or held. */
export const JudgingAlert = z.object({
  serverTimeMs: z.number().int(),
  contestId: Id,
  submissionId: Id,
  agentId: z.string(),
  reason: z.string(),
  attempts: z.number().int().nonnegative(),
  held: z.boolean(),
});
export type JudgingAlert = z.infer<typeof JudgingAlert>;

/** Sent right after connecting: who the host thinks you are, and its clock. */
export const RealtimeWelcome = z.object({
  serverTimeMs: z.number().int(),
  contestId: Id,
  /** `/contestant`: the team; otherwise null. */
  teamId: Id.nullable(),
  /** The CLICS contest object (start time, duration, freeze): with `serverTimeMs`, the clock. */
  contest: z.record(z.string(), z.unknown()),
  state: ContestState,
});
export type RealtimeWelcome = z.infer<typeof RealtimeWelcome>;
