import { z } from 'zod';
import { Id } from './common';
import { VerdictId } from './judging';

/**
 * Judging operations of the proctor console (jury only): the submission list and details,
 * rejudgings with a scoreboard preview, verdict overrides, the judge agents registry, the audit
 * log and the host health summary. Paths are in the lead's console contract; every body and
 * query here is parsed by the host, every reply is what the console renders.
 */

/** A query-string integer (`?limit=50`): digits only, so `1e3` or `-1` are refused, not guessed. */
const QueryInt = z.string().regex(/^\d{1,15}$/, 'must be a whole non-negative number').transform(Number);

/** Filters of `GET …/console/submissions`; `verdict=pending` lists submissions without a verdict. */
export const JurySubmissionQuery = z.object({
  team: Id.optional(),
  problem: Id.optional(),
  language: Id.optional(),
  verdict: z.union([VerdictId, z.literal('pending')]).optional(),
  /** Judge agent id that produced the current judgement. */
  judge: z.string().min(1).max(100).optional(),
  /** Submission host time range (epoch ms, inclusive). */
  fromMs: QueryInt.optional(),
  toMs: QueryInt.optional(),
  limit: QueryInt.pipe(z.number().int().min(1).max(1000)).optional(),
}).strict().refine((q) => q.fromMs === undefined || q.toMs === undefined || q.fromMs <= q.toMs, {
  message: 'fromMs must not be after toMs', path: ['fromMs'],
});
export type JurySubmissionQuery = z.infer<typeof JurySubmissionQuery>;

export const JurySubmissionState = z.enum(['queued', 'judging', 'judged', 'held']);
export type JurySubmissionState = z.infer<typeof JurySubmissionState>;

export const JurySubmissionRow = z.object({
  id: Id,
  teamId: Id,
  teamName: z.string(),
  problemId: Id,
  problemLabel: z.string(),
  languageId: Id,
  /** Host time of the submission (epoch ms). */
  timeMs: z.number(),
  /** Contest time in ms since the start. */
  contestTime: z.number(),
  /** Verdict of the current (valid) judgement; null = pending. */
  verdict: z.string().nullable(),
  judgementId: z.string().nullable(),
  agentId: z.string().nullable(),
  maxCpuTimeMs: z.number().nullable(),
  state: JurySubmissionState,
});
export type JurySubmissionRow = z.infer<typeof JurySubmissionRow>;

export const JurySubmissionList = z.object({ submissions: z.array(JurySubmissionRow) });
export type JurySubmissionList = z.infer<typeof JurySubmissionList>;

export const JuryRun = z.object({
  ordinal: z.number().int(),
  testcaseId: z.string(),
  verdict: z.string(),
  cpuTimeMs: z.number(),
  wallTimeMs: z.number(),
  memoryBytes: z.number(),
  judgeMessage: z.string(),
  teamMessage: z.string(),
});
export type JuryRun = z.infer<typeof JuryRun>;

export const JuryJudgement = z.object({
  id: z.string(),
  /** Null while judging (or a judging that was abandoned). */
  verdict: z.string().nullable(),
  valid: z.boolean(),
  agentId: z.string().nullable(),
  startMs: z.number(),
  endMs: z.number().nullable(),
  compileOutput: z.string(),
  /** Username of the jury member who set this verdict by hand; null for a judge agent's. */
  overriddenBy: z.string().nullable(),
  runs: z.array(JuryRun),
});
export type JuryJudgement = z.infer<typeof JuryJudgement>;

export const JurySubmissionDetail = JurySubmissionRow.extend({
  /** Source files as text (UTF-8; bytes that are not valid UTF-8 show as U+FFFD). */
  files: z.array(z.object({ filename: z.string(), text: z.string() })),
  /** Every judgement of the submission, oldest first. */
  judgements: z.array(JuryJudgement),
});
export type JurySubmissionDetail = z.infer<typeof JurySubmissionDetail>;

export const SubmissionParams = z.object({ id: Id, sid: Id });
export type SubmissionParams = z.infer<typeof SubmissionParams>;

/** `POST …/console/rejudgings`: explicit ids, or filters (all given filters must match). */
export const RejudgingCreate = z.object({
  submissionIds: z.array(Id).min(1).max(10_000).optional(),
  problemId: Id.optional(),
  teamId: Id.optional(),
  languageId: Id.optional(),
  /** Only submissions whose current verdict is this one. */
  verdict: VerdictId.optional(),
  reason: z.string().trim().min(1, 'say why you rejudge').max(1000),
}).strict().refine((b) => b.submissionIds !== undefined || b.problemId !== undefined || b.teamId !== undefined
  || b.languageId !== undefined || b.verdict !== undefined, {
  message: 'choose what to rejudge: submissionIds or at least one of problemId, teamId, languageId, verdict',
});
export type RejudgingCreate = z.infer<typeof RejudgingCreate>;

export const RejudgingState = z.enum(['judging', 'ready', 'applied', 'cancelled']);
export type RejudgingState = z.infer<typeof RejudgingState>;

export const RejudgingItem = z.object({
  submissionId: z.string(),
  teamId: z.string(),
  problemId: z.string(),
  oldVerdict: z.string().nullable(),
  newVerdict: z.string().nullable(),
});
export type RejudgingItem = z.infer<typeof RejudgingItem>;

/** A team whose jury scoreboard row would change if the rejudging were applied. */
export const ScoreboardChange = z.object({
  teamId: z.string(),
  teamName: z.string(),
  oldRank: z.number().int(),
  newRank: z.number().int(),
  oldSolved: z.number().int(),
  newSolved: z.number().int(),
  oldPenalty: z.number(),
  newPenalty: z.number(),
});
export type ScoreboardChange = z.infer<typeof ScoreboardChange>;

export const Rejudging = z.object({
  id: z.string(),
  /** Username of the jury member who started it. */
  createdBy: z.string(),
  createdMs: z.number(),
  reason: z.string(),
  state: RejudgingState,
  total: z.number().int(),
  done: z.number().int(),
  items: z.array(RejudgingItem),
  scoreboardPreview: z.array(ScoreboardChange),
});
export type Rejudging = z.infer<typeof Rejudging>;

export const RejudgingList = z.object({ rejudgings: z.array(Rejudging) });
export type RejudgingList = z.infer<typeof RejudgingList>;

export const RejudgingParams = z.object({ id: Id, rid: Id });
export type RejudgingParams = z.infer<typeof RejudgingParams>;

/** `POST …/submissions/:sid/override`: `password` is the acting account's own (re-authentication). */
export const VerdictOverride = z.object({
  verdict: VerdictId.exclude(['JE']),
  reason: z.string().trim().min(1, 'say why you override the verdict').max(1000),
  password: z.string().min(1).max(1000),
}).strict();
export type VerdictOverride = z.infer<typeof VerdictOverride>;

export const JudgeAgentInfo = z.object({
  agentId: z.string(),
  hostname: z.string().optional(),
  online: z.boolean(),
  sandbox: z.string(),
  paused: z.boolean(),
  currentJob: z.object({ submissionId: z.string(), kind: z.string(), sinceMs: z.number() }).nullable(),
  /** Final verdicts per minute over the last 10 minutes. */
  jobsPerMinute: z.number(),
  judgedTotal: z.number().int(),
  lastError: z.object({ reason: z.string(), atMs: z.number() }).nullable(),
  lastSeenMs: z.number(),
});
export type JudgeAgentInfo = z.infer<typeof JudgeAgentInfo>;

export const JudgesOverview = z.object({
  judges: z.array(JudgeAgentInfo),
  queue: z.object({ depth: z.number().int(), oldestWaitMs: z.number().nullable(), held: z.number().int() }),
});
export type JudgesOverview = z.infer<typeof JudgesOverview>;

export const AgentParams = z.object({ agentId: z.string().min(1).max(100) });
export type AgentParams = z.infer<typeof AgentParams>;

export const AuditQuery = z.object({
  contestId: Id.optional(),
  limit: QueryInt.pipe(z.number().int().min(1).max(1000)).optional(),
  /** Entries older than this id (paging backwards). */
  beforeId: QueryInt.optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  contestId: z.string().nullable(),
  timeMs: z.number(),
  actor: z.string(),
  action: z.string(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ entries: z.array(AuditEntry) });
export type AuditList = z.infer<typeof AuditList>;

const Status = z.object({ ok: z.boolean(), detail: z.string() });

export const ConsoleHealth = z.object({
  ranking: Status,
  database: z.object({
    bytes: z.number(),
    walBytes: z.number(),
    lastBackup: z.object({ path: z.string(), timeMs: z.number() }).nullable(),
  }),
  sockets: z.object({ contestant: z.number().int(), proctor: z.number().int(), scoreboard: z.number().int(), judge: z.number().int() }),
  /** Enqueue → final verdict, over the recent verdicts this host process saw. */
  verdictLatencyMs: z.object({ p50: z.number().nullable(), p90: z.number().nullable(), p99: z.number().nullable(), count: z.number().int() }),
  errors: z.object({ http5xx: z.number().int(), judgingErrors: z.number().int() }),
  metricsPath: z.literal('/metrics'),
  components: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
});
export type ConsoleHealth = z.infer<typeof ConsoleHealth>;
