import { z } from 'zod';
import { Id, RelTime, Time } from './common';

/** CLICS team submission body for `POST /api/contests/{id}/submissions`. */
export const SubmissionCreate = z.object({
  problem_id: Id,
  language_id: Id,
  /** Exactly one base64 zip of the source files, as CLICS specifies. */
  files: z.array(z.object({ data: z.string().min(1), mime: z.string().optional() })).length(1),
  entry_point: z.string().max(255).nullable().optional(),
  /** Only jury/admin may submit on behalf of a team. */
  team_id: Id.optional(),
});
export type SubmissionCreate = z.infer<typeof SubmissionCreate>;

export const LoginRequest = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
  /** Which contest's account, when the same username exists in several; default: the newest. */
  contest_id: Id.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expires_at: z.string(),
  account: z.object({ id: Id, username: z.string(), type: z.string(), team_id: Id.nullable() }),
  contest_id: Id.nullable(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ClarificationCreate = z.object({
  text: z.string().trim().min(1).max(10_000),
  problem_id: Id.nullable().optional(),
  reply_to_id: Id.nullable().optional(),
  /** jury only: to one team, or omitted/null for everyone. */
  to_team_id: Id.nullable().optional(),
});
export type ClarificationCreate = z.infer<typeof ClarificationCreate>;

/**
 * Jury clock command for `POST /api/contests/{id}/clock`. `schedule` with `start_time: null`
 * unschedules; `extend` takes a relative time, negative to shorten (e.g. `-0:15:00`).
 */
export const ClockCommandBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('schedule'), start_time: Time.nullable() }),
  z.object({ action: z.literal('pause-countdown') }),
  z.object({ action: z.literal('resume-countdown') }),
  z.object({ action: z.literal('freeze') }),
  z.object({ action: z.literal('extend'), by: RelTime }),
  z.object({ action: z.literal('end') }),
  z.object({ action: z.literal('thaw') }),
  z.object({ action: z.literal('finalize') }),
]);
export type ClockCommandBody = z.infer<typeof ClockCommandBody>;

/** Query of `GET /api/contests/{id}/event-feed`. */
export const EventFeedQuery = z.object({
  since_token: z.string().optional(),
  /** `false` (or `0`) returns what is there now and closes; default streams forever. */
  stream: z.enum(['true', 'false', '1', '0']).optional(),
});
export type EventFeedQuery = z.infer<typeof EventFeedQuery>;

/** The error body every 4xx/5xx carries (STYLE.md 11). */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
