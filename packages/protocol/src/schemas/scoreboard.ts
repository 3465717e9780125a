import { z } from 'zod';
import { Id, RelTime, Time } from './common';
import { ContestState } from './contest';

export const ScoreboardProblemCell = z.object({
  problem_id: Id,
  num_judged: z.number().int().nonnegative(),
  num_pending: z.number().int().nonnegative(),
  solved: z.boolean(),
  time: z.number().int().optional(),
  score: z.number().optional(),
  first_to_solve: z.boolean().optional(),
});
export type ScoreboardProblemCell = z.infer<typeof ScoreboardProblemCell>;

export const ScoreboardRow = z.object({
  rank: z.number().int().positive(),
  team_id: Id,
  score: z.object({
    num_solved: z.number().int().nonnegative().optional(),
    total_time: z.number().int().optional(),
    score: z.number().optional(),
    time: z.number().int().optional(),
  }),
  problems: z.array(ScoreboardProblemCell),
});
export type ScoreboardRow = z.infer<typeof ScoreboardRow>;

export const Scoreboard = z.object({
  time: Time,
  contest_time: RelTime,
  state: ContestState,
  rows: z.array(ScoreboardRow),
});
export type Scoreboard = z.infer<typeof Scoreboard>;
