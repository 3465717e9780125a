import { z } from 'zod';
import { Id } from './common';

/**
 * What the contestant app (desktop or `/app` in a browser) sends the host beyond the CLICS
 * API, and what the host pushes back on `/contestant`. Routes (all need the team's token):
 *
 *   POST /api/arena/contests/{id}/test-runs          TestRunCreate → TestRunAccepted (202)
 *   GET  /api/arena/contests/{id}/test-runs/{rid}    → TestRunResult (own team only)
 *   GET  /api/arena/contests/{id}/submissions/{sid}/compile-output → { compileOutput: string | null }
 *   POST /api/arena/contests/{id}/prints             PrintCreate → { id } (202)
 *   POST /api/arena/contests/{id}/exit-code/verify   ExitCodeVerify → { ok: boolean }
 *
 * and on the `/contestant` socket: client → host `lockdown:report` (LockdownReport, acked);
 * host → client `test-run:result` (TestRunResult) when a test run finishes.
 */

/** A source file as text (the editor's buffer or a file the contestant picked). */
export const SourceText = z.object({
  filename: z.string().min(1).max(255).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'must be a plain file name (letters, digits, _ . -)'),
  text: z.string().max(256 * 1024, 'source files are limited to 256 KiB'),
});
export type SourceText = z.infer<typeof SourceText>;

/**
 * "Run on samples / custom input": judged by a judge at low priority, never a submission (no
 * CLICS event, no scoreboard effect, not in any submission list). `input: null` = the
 * problem's public samples.
 */
export const TestRunCreate = z.object({
  problemId: Id,
  languageId: Id,
  files: z.array(SourceText).min(1).max(20),
  input: z.string().max(64 * 1024, 'custom input is limited to 64 KiB').nullable(),
}).strict();
export type TestRunCreate = z.infer<typeof TestRunCreate>;

export const TestRunAccepted = z.object({ id: Id });
export type TestRunAccepted = z.infer<typeof TestRunAccepted>;

export const TestRunCase = z.object({
  /** `sample 1`…, or `custom input`. */
  label: z.string(),
  verdict: z.string(),
  cpuTimeMs: z.number().nonnegative(),
  input: z.string(),
  /** The program's output, truncated by the judge. */
  output: z.string(),
  /** The sample's expected answer; null for custom input. */
  expected: z.string().nullable(),
});
export type TestRunCase = z.infer<typeof TestRunCase>;

export const TestRunResult = z.object({
  id: Id,
  problemId: Id,
  languageId: Id,
  /** queued → judging → done (verdict set) or failed (the judges could not run it: not the team's fault). */
  state: z.enum(['queued', 'judging', 'done', 'failed']),
  verdict: z.string().nullable(),
  compileOutput: z.string(),
  cases: z.array(TestRunCase),
  error: z.string().nullable(),
  createdMs: z.number().int(),
});
export type TestRunResult = z.infer<typeof TestRunResult>;

/**
 * Pushed on `/contestant` and `/proctor` as `session:ended` right before the host disconnects a
 * socket whose login token expired or was revoked (logout elsewhere, account disabled): the
 * client shows `reason` and asks for a new login instead of reconnecting.
 */
export const SessionEnded = z.object({ reason: z.string() });
export type SessionEnded = z.infer<typeof SessionEnded>;

/**
 * Lockdown signals from the desktop app (the browser `/app` sends none): the proctor console
 * shows them per team with time. `detail` is a short human text ("2 displays", "VirtualBox").
 */
export const LockdownKind = z.enum(['focus-lost', 'focus-regained', 'display-count-changed', 'virtual-machine', 'app-started', 'quit-attempt']);
export type LockdownKind = z.infer<typeof LockdownKind>;
export const LockdownReport = z.object({
  kind: LockdownKind,
  detail: z.string().max(500).default(''),
  /** The desktop's own clock, informational only: the host stamps its own time. */
  clientTimeMs: z.number().int().nonnegative().optional(),
}).strict();
export type LockdownReport = z.infer<typeof LockdownReport>;

/** A team asks the venue to print a source file. */
export const PrintCreate = z.object({
  filename: z.string().min(1).max(255),
  languageId: Id.optional(),
  text: z.string().min(1).max(256 * 1024, 'print jobs are limited to 256 KiB'),
}).strict();
export type PrintCreate = z.infer<typeof PrintCreate>;

/** The desktop app quits only with the proctor's exit code (shown in the console). */
export const ExitCodeVerify = z.object({ code: z.string().min(1).max(64) }).strict();
export type ExitCodeVerify = z.infer<typeof ExitCodeVerify>;

/**
 * Pushed on `/proctor` as `console:changed` when console data changed that has no CLICS event:
 * the console re-fetches that topic's REST endpoint. `teamId` when it concerns one team.
 */
export const ConsoleTopic = z.enum(['judges', 'queue', 'alerts', 'balloons', 'prints', 'accounts', 'audit', 'rejudgings', 'health']);
export type ConsoleTopic = z.infer<typeof ConsoleTopic>;
export const ConsoleChanged = z.object({ topic: ConsoleTopic, teamId: Id.optional() });
export type ConsoleChanged = z.infer<typeof ConsoleChanged>;
