import { HashedFile, JudgeTestGroup, Validation } from '@arena/protocol';
import { z } from 'zod';

/**
 * How a problem is judged, as stored in `problems.spec` (JSON) by the importer and read by the
 * judge queue to build `JudgeJob`s. Parsed on every read: the database is a boundary too.
 */
export const ProblemSpec = z.object({
  /** Package format the problem came in. */
  format: z.enum(['legacy-icpc', '2025-09']),
  type: z.enum(['pass-fail', 'scoring']),
  timeLimitMs: z.number().int().positive(),
  memoryLimitBytes: z.number().int().positive(),
  outputLimitBytes: z.number().int().positive(),
  compileTimeLimitMs: z.number().int().positive(),
  validatorTimeLimitMs: z.number().int().positive(),
  validatorMemoryLimitBytes: z.number().int().positive(),
  validation: Validation,
  validatorFlags: z.array(z.string()),
  /** Source of the custom output validator (all files of `output_validators/<name>/`). */
  validator: z.array(HashedFile),
  /** Input validators, kept for `verify-problem`; not run while judging. */
  inputValidators: z.array(HashedFile).default([]),
  /** Test groups of a scoring problem, paths relative to `data/` (`secret`, `secret/group1`). */
  testGroups: z.array(JudgeTestGroup),
  /** Warnings found at import (e.g. "no time limit in package: used the default 2 s"). */
  warnings: z.array(z.string()).default([]),
});
export type ProblemSpec = z.infer<typeof ProblemSpec>;
