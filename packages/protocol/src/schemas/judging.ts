import { z } from 'zod';
import { FileRef, Id, RelTime, Time } from './common';

/** CLICS verdict ids Arena's judges produce. JE = judging error (never a contestant verdict). */
export const VerdictId = z.enum(['AC', 'WA', 'TLE', 'RTE', 'MLE', 'OLE', 'CE', 'JE']);
export type VerdictId = z.infer<typeof VerdictId>;

export const Submission = z.object({
  id: Id,
  language_id: Id,
  problem_id: Id,
  team_id: Id,
  time: Time,
  contest_time: RelTime,
  entry_point: z.string().nullable().optional(),
  files: z.array(FileRef),
});
export type Submission = z.infer<typeof Submission>;

export const Judgement = z.object({
  id: Id,
  submission_id: Id,
  judgement_type_id: Id.nullable(),
  score: z.number().optional(),
  start_time: Time,
  start_contest_time: RelTime,
  end_time: Time.nullable(),
  end_contest_time: RelTime.nullable(),
  max_run_time: z.number().nullable().optional(),
});
export type Judgement = z.infer<typeof Judgement>;

export const Run = z.object({
  id: Id,
  judgement_id: Id,
  ordinal: z.number().int(),
  judgement_type_id: Id,
  time: Time,
  contest_time: RelTime,
  run_time: z.number().nonnegative(),
});
export type Run = z.infer<typeof Run>;

export const Clarification = z.object({
  id: Id,
  from_team_id: Id.nullable(),
  to_team_id: Id.nullable(),
  reply_to_id: Id.nullable(),
  problem_id: Id.nullable(),
  text: z.string().min(1),
  time: Time,
  contest_time: RelTime,
});
export type Clarification = z.infer<typeof Clarification>;

export const Award = z.object({
  id: Id,
  citation: z.string(),
  team_ids: z.array(Id),
});
export type Award = z.infer<typeof Award>;
