import { z } from 'zod';
import { Id, Sha256 } from './common';
import { VerdictId } from './judging';

/** A file the judge fetches by hash from `GET /judge/files/{sha256}` and verifies. */
export const HashedFile = z.object({ path: z.string().min(1).max(255), sha256: Sha256 });
export type HashedFile = z.infer<typeof HashedFile>;

export const JudgeLimits = z.object({
  timeLimitMs: z.number().int().positive(),
  memoryLimitBytes: z.number().int().positive(),
  outputLimitBytes: z.number().int().positive(),
  compileTimeLimitMs: z.number().int().positive(),
  /** Validator limits (Kattis defaults are generous; kept separate from the team's). */
  validatorTimeLimitMs: z.number().int().positive(),
  validatorMemoryLimitBytes: z.number().int().positive(),
});
export type JudgeLimits = z.infer<typeof JudgeLimits>;

export const Validation = z.enum(['default', 'custom', 'custom-interactive']);
export type Validation = z.infer<typeof Validation>;

export const JudgeTestcase = z.object({
  id: Id,
  /** Path under data/ without extension, e.g. `secret/group1/03-big`. Name order = judging order. */
  name: z.string(),
  ordinal: z.number().int().nonnegative(),
  inputSha256: Sha256,
  answerSha256: Sha256,
  isSample: z.boolean(),
  /** Extra files shipped with the test case (`.args`, `.files`, ...), if any. */
  extra: z.array(HashedFile).default([]),
});
export type JudgeTestcase = z.infer<typeof JudgeTestcase>;

/** A test group of a scoring problem (Kattis `test_group.yaml`), path relative to data/. */
export const JudgeTestGroup = z.object({
  path: z.string(),
  maxScore: z.number().nonnegative().nullable(),
  aggregation: z.enum(['pass-fail', 'sum', 'min']),
  requirePass: z.array(z.string()).default([]),
  acceptScore: z.number().optional(),
});
export type JudgeTestGroup = z.infer<typeof JudgeTestGroup>;

/**
 * A judge job: plain data (STYLE.md 7). `leaseId` is the fencing token: every message about the
 * job carries it, and the host drops any whose lease is no longer current.
 */
export const JudgeJob = z.object({
  leaseId: z.string().min(1),
  kind: z.enum(['submission', 'test-run']),
  contestId: Id,
  submissionId: Id,
  problemId: Id,
  languageId: Id,
  entryPoint: z.string().nullable(),
  source: z.array(HashedFile).min(1),
  limits: JudgeLimits,
  problem: z.object({
    validation: Validation,
    validatorFlags: z.array(z.string()).default([]),
    /** Source files of the output validator (custom validation), compiled by the judge. */
    validator: z.array(HashedFile).default([]),
    scoring: z.enum(['pass-fail', 'score']),
    /** Pass-fail: stop at the first failing test case in name order. */
    stopAtFirstFailure: z.boolean().default(true),
    testGroups: z.array(JudgeTestGroup).default([]),
  }),
  testcases: z.array(JudgeTestcase),
  /** test-run only: custom input given by the contestant (no answer; output is returned). */
  customInput: z.string().max(1_000_000).nullable().default(null),
});
export type JudgeJob = z.infer<typeof JudgeJob>;

/** What the agent says when it connects (socket.io `auth`). */
export const JudgeHello = z.object({
  key: z.string().min(1),
  agentId: z.string().min(1).max(100),
  protocolVersion: z.number().int(),
  hostname: z.string().max(255).default(''),
  sandbox: z.enum(['native', 'docker']),
  parallel: z.number().int().positive().max(64).default(1),
  languages: z.array(Id).default([]),
});
export type JudgeHello = z.infer<typeof JudgeHello>;

export const LeaseRef = z.object({ leaseId: z.string().min(1) });
export type LeaseRef = z.infer<typeof LeaseRef>;

/** One test case's outcome, streamed while judging. */
export const TestcaseResult = z.object({
  leaseId: z.string().min(1),
  testcaseId: Id,
  ordinal: z.number().int().nonnegative(),
  verdict: VerdictId.exclude(['CE', 'JE']),
  cpuTimeMs: z.number().nonnegative(),
  wallTimeMs: z.number().nonnegative(),
  memoryBytes: z.number().int().nonnegative(),
  score: z.number().optional(),
  /** validator's judgemessage.txt (jury only), truncated by the agent. */
  judgeMessage: z.string().max(65_536).default(''),
  /** validator's teammessage.txt (may be shown to the team). */
  teamMessage: z.string().max(4096).default(''),
  /** test-run only: the program's output, truncated. */
  output: z.string().max(65_536).optional(),
});
export type TestcaseResult = z.infer<typeof TestcaseResult>;

/** The final judgement of a job. JE never arrives here: that is `JudgeFailure`. */
export const JudgeResult = z.object({
  leaseId: z.string().min(1),
  verdict: VerdictId.exclude(['JE']),
  score: z.number().optional(),
  compileOutput: z.string().max(65_536).default(''),
  maxCpuTimeMs: z.number().nonnegative().default(0),
});
export type JudgeResult = z.infer<typeof JudgeResult>;

/** The judge itself failed (sandbox, fetch, validator crash): the host re-queues and alerts. */
export const JudgeFailure = z.object({
  leaseId: z.string().min(1),
  reason: z.string().min(1).max(4096),
});
export type JudgeFailure = z.infer<typeof JudgeFailure>;

/** Host's answer to `job:request`: a job, or null (nothing suits; `error` set if the request was bad). */
export const JobOffer = z.object({ job: JudgeJob.nullable(), error: z.string().optional() });
export type JobOffer = z.infer<typeof JobOffer>;

/** Generic ack for agent messages. `ok: false` with `stale` means the lease is gone: stop the job. */
export const JudgeAck = z.object({ ok: z.boolean(), stale: z.boolean().optional(), error: z.string().optional() });
export type JudgeAck = z.infer<typeof JudgeAck>;
