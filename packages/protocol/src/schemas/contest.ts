import { z } from 'zod';
import { FileRef, Id, RelTime, Time } from './common';

/** CLICS `contest` object. `start_time` null means not scheduled. */
export const Contest = z.object({
  id: Id,
  name: z.string().min(1),
  formal_name: z.string().optional(),
  start_time: Time.nullable(),
  countdown_pause_time: RelTime.nullable().optional(),
  duration: RelTime,
  scoreboard_freeze_duration: RelTime.nullable().optional(),
  scoreboard_thaw_time: Time.nullable().optional(),
  scoreboard_type: z.enum(['pass-fail', 'score']).default('pass-fail'),
  penalty_time: z.number().int().nonnegative().default(20),
  banner: z.array(FileRef).optional(),
  logo: z.array(FileRef).optional(),
});
export type Contest = z.infer<typeof Contest>;

/** CLICS `state`: when each phase happened, null until it has. */
export const ContestState = z.object({
  started: Time.nullable(),
  frozen: Time.nullable(),
  ended: Time.nullable(),
  thawed: Time.nullable(),
  finalized: Time.nullable(),
  end_of_updates: Time.nullable(),
});
export type ContestState = z.infer<typeof ContestState>;

export const JudgementType = z.object({
  id: Id,
  name: z.string(),
  penalty: z.boolean(),
  solved: z.boolean(),
});
export type JudgementType = z.infer<typeof JudgementType>;

export const Language = z.object({
  id: Id,
  name: z.string(),
  entry_point_required: z.boolean().default(false),
  entry_point_name: z.string().nullable().optional(),
  extensions: z.array(z.string()).default([]),
});
export type Language = z.infer<typeof Language>;

export const Problem = z.object({
  id: Id,
  uuid: z.string().optional(),
  label: z.string().min(1),
  name: z.string().min(1),
  ordinal: z.number().int(),
  rgb: z.string().regex(/^#[0-9A-Fa-f]{6}$/).optional(),
  color: z.string().optional(),
  time_limit: z.number().positive(),
  test_data_count: z.number().int().nonnegative(),
  max_score: z.number().optional(),
  statement: z.array(FileRef).optional(),
  attachments: z.array(FileRef).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Group = z.object({
  id: Id,
  icpc_id: z.string().nullable().optional(),
  name: z.string(),
  type: z.string().optional(),
  hidden: z.boolean().optional(),
});
export type Group = z.infer<typeof Group>;

export const Organization = z.object({
  id: Id,
  icpc_id: z.string().nullable().optional(),
  name: z.string(),
  formal_name: z.string().optional(),
  country: z.string().optional(),
  url: z.string().optional(),
  logo: z.array(FileRef).optional(),
});
export type Organization = z.infer<typeof Organization>;

export const Team = z.object({
  id: Id,
  icpc_id: z.string().nullable().optional(),
  label: z.string().optional(),
  name: z.string().min(1),
  display_name: z.string().optional(),
  organization_id: Id.nullable().optional(),
  group_ids: z.array(Id).default([]),
  hidden: z.boolean().optional(),
  location: z.object({ x: z.number(), y: z.number(), rotation: z.number() }).optional(),
});
export type Team = z.infer<typeof Team>;

export const AccountType = z.enum(['team', 'judge', 'admin', 'analyst', 'staff']);
export type AccountType = z.infer<typeof AccountType>;

/** CLICS `account`. The password is never part of what is served. */
export const Account = z.object({
  id: Id,
  username: z.string().min(1),
  name: z.string().optional(),
  type: AccountType,
  ip: z.string().nullable().optional(),
  team_id: Id.nullable().optional(),
});
export type Account = z.infer<typeof Account>;
