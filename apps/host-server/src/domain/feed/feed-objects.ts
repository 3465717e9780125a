import { z } from 'zod';
import { FeedId, FeedPenaltyMinutes, FeedRelTimeMs } from './feed-values';

// Schemas of the objects a scoreboard needs. Unknown fields are allowed (and dropped); a null
// field means the same as an absent one (CLICS).

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

export const FeedContestData = z.object({
  id: FeedId,
  name: nullish(z.string()),
  start_time: nullish(z.string()),
  duration: FeedRelTimeMs,
  scoreboard_freeze_duration: nullish(FeedRelTimeMs),
  penalty_time: nullish(FeedPenaltyMinutes),
  scoreboard_type: nullish(z.enum(['pass-fail', 'score'])),
});

export const FeedStateData = z.object({
  started: nullish(z.string()),
  frozen: nullish(z.string()),
  ended: nullish(z.string()),
  thawed: nullish(z.string()),
  finalized: nullish(z.string()),
  end_of_updates: nullish(z.string()),
});

export const FeedJudgementTypeData = z.object({
  id: FeedId,
  name: nullish(z.string()),
  penalty: z.boolean(),
  solved: z.boolean(),
});

export const FeedProblemData = z.object({
  id: FeedId,
  label: nullish(z.string()),
  name: nullish(z.string()),
  ordinal: nullish(z.number()),
  max_score: nullish(z.number()),
});

export const FeedGroupData = z.object({
  id: FeedId,
  name: nullish(z.string()),
  hidden: nullish(z.boolean()),
});

export const FeedTeamData = z.object({
  id: FeedId,
  name: nullish(z.string()),
  display_name: nullish(z.string()),
  group_ids: nullish(z.array(FeedId)),
  hidden: nullish(z.boolean()),
});

export const FeedSubmissionData = z.object({
  id: FeedId,
  team_id: FeedId,
  problem_id: FeedId,
  contest_time: nullish(FeedRelTimeMs),
  time: nullish(z.string()),
});

export const FeedJudgementData = z.object({
  id: FeedId,
  submission_id: FeedId,
  judgement_type_id: nullish(FeedId),
  valid: nullish(z.boolean()),
  score: nullish(z.number()),
});

/** The envelope of one event, current (`{type, id, data, token}`) or 2020-era (`{id, type, op, data}`). */
export const FeedEnvelope = z.object({
  type: z.string().min(1),
  id: z.union([z.string(), z.number()]).nullish(),
  op: z.enum(['create', 'update', 'delete']).optional(),
  data: z.unknown().optional(),
});
