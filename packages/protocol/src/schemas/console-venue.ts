import { z } from 'zod';
import { Id } from './common';
import { LockdownKind } from './contestant-app';

/**
 * Venue and people features of the proctor console (H2): teams and their accounts, credential
 * slips, balloons, print jobs, lockdown alerts and the desktop app's exit code. Routes:
 *
 *   POST  /api/arena/contest-packages                               (admin) zip body → import report
 *   GET   /api/arena/contests/{id}/console/accounts                 (jury)  → AccountList
 *   POST  /api/arena/contests/{id}/console/accounts                 (admin) AccountCreate → AccountCreated
 *   PATCH /api/arena/contests/{id}/console/accounts/{teamId}        (admin) AccountPatch → AccountRow
 *   POST  /api/arena/contests/{id}/console/accounts/import          (admin) AccountsImport → AccountsImportResult
 *   POST  /api/arena/contests/{id}/console/accounts/{teamId}/password (admin) → PasswordReset
 *   POST  /api/arena/contests/{id}/console/credential-slips         (admin) CredentialSlipsRequest → text/html
 *   GET   /api/arena/contests/{id}/console/balloons                 (staff) → BalloonList
 *   POST  /api/arena/contests/{id}/console/balloons/{bid}/delivered (staff) → Balloon
 *   GET   /api/arena/contests/{id}/console/prints                   (staff) → PrintList
 *   GET   /api/arena/contests/{id}/console/prints/{pid}             (staff) → PrintJobDetail
 *   POST  /api/arena/contests/{id}/console/prints/{pid}/done|retry  (staff) → PrintJob
 *   GET   /api/arena/contests/{id}/console/alerts?teamId=           (jury)  → AlertList
 *   GET   /api/arena/contests/{id}/console/exit-code                (jury)  → ExitCodeInfo
 *
 * Team side (schemas in contestant-app.ts): POST …/prints (PrintCreate), POST …/exit-code/verify
 * (ExitCodeVerify → ExitCodeVerifyResult), and `lockdown:report` on `/contestant`.
 */

/** A team with its team account as the console lists it. Password hashes are never served. */
export const AccountRow = z.object({
  teamId: Id,
  name: z.string(),
  displayName: z.string().nullable(),
  organizationId: Id.nullable(),
  groupIds: z.array(Id),
  /** The team's login; null when the team has no team account yet. */
  username: z.string().nullable(),
  enabled: z.boolean(),
  /** Last login or contestant-app connection, null if never seen. */
  lastSeenMs: z.number().int().nullable(),
});
export type AccountRow = z.infer<typeof AccountRow>;

export const AccountList = z.object({ teams: z.array(AccountRow) });
export type AccountList = z.infer<typeof AccountList>;

/** A team account's username is also its account id. */
const Username = Id;
const TeamName = z.string().trim().min(1, 'must not be empty').max(200);

/** A new team and its team account. `teamId` and `username` default to the next free `teamN`. */
export const AccountCreate = z.object({
  teamId: Id.optional(),
  name: TeamName,
  displayName: z.string().max(200).optional(),
  organizationId: Id.optional(),
  groupIds: z.array(Id).max(50).optional(),
  username: Username.optional(),
}).strict();
export type AccountCreate = z.infer<typeof AccountCreate>;

/** The created team and its generated password (shown once: only its hash is stored). */
export const AccountCreated = AccountRow.extend({ password: z.string() });
export type AccountCreated = z.infer<typeof AccountCreated>;

/** Changes to a team; `enabled: false` also ends every session of its accounts. */
export const AccountPatch = z.object({
  name: TeamName.optional(),
  displayName: z.string().max(200).nullable().optional(),
  groupIds: z.array(Id).max(50).optional(),
  enabled: z.boolean().optional(),
}).strict();
export type AccountPatch = z.infer<typeof AccountPatch>;

/**
 * Bulk import of teams, all or nothing. `tsv`: one team per line, tab-separated
 * `team_id  name  display_name  organization_id  group_ids(comma-separated)  username`
 * (trailing columns optional; an optional first line starting with `team_id` is a header; blank
 * lines and lines starting with `#` are skipped). `json`: a list of objects shaped like
 * AccountCreate with `teamId` required. Existing teams are updated; new ones get an account.
 */
export const AccountsImport = z.object({
  format: z.enum(['tsv', 'json']),
  text: z.string().min(1).max(4 * 1024 * 1024),
}).strict();
export type AccountsImport = z.infer<typeof AccountsImport>;

export const GeneratedPassword = z.object({ teamId: Id, username: z.string(), password: z.string() });
export type GeneratedPassword = z.infer<typeof GeneratedPassword>;

export const AccountsImportResult = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  /** Passwords of the accounts this import created (shown once). */
  passwords: z.array(GeneratedPassword),
});
export type AccountsImportResult = z.infer<typeof AccountsImportResult>;

/** One problem of a rejected import, with its line (TSV) or entry number (JSON, from 1). */
export const ImportProblem = z.object({ line: z.number().int().positive(), message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

export const PasswordReset = z.object({ username: z.string(), password: z.string() });
export type PasswordReset = z.infer<typeof PasswordReset>;

/** Which teams get slips (default: every team with a team account). Printing resets their passwords. */
export const CredentialSlipsRequest = z.object({ teamIds: z.array(Id).min(1).max(10_000).optional() }).strict();
export type CredentialSlipsRequest = z.infer<typeof CredentialSlipsRequest>;

/** One balloon: a team's first accepted submission on a problem. */
export const Balloon = z.object({
  id: Id,
  teamId: Id,
  teamName: z.string(),
  problemId: Id,
  problemLabel: z.string(),
  color: z.string().nullable(),
  rgb: z.string().nullable(),
  /** The earliest solve of this problem in the contest. */
  firstToSolve: z.boolean(),
  /** Submission time (host clock, epoch ms) and contest time (ms since start). */
  timeMs: z.number().int(),
  contestTime: z.number().int(),
  delivered: z.boolean(),
  deliveredBy: z.string().nullable(),
});
export type Balloon = z.infer<typeof Balloon>;

export const BalloonList = z.object({ balloons: z.array(Balloon) });
export type BalloonList = z.infer<typeof BalloonList>;

export const PrintState = z.enum(['queued', 'printing', 'printed', 'failed']);
export type PrintState = z.infer<typeof PrintState>;

export const PrintJob = z.object({
  id: Id,
  teamId: Id,
  teamName: z.string(),
  filename: z.string(),
  languageId: z.string().nullable(),
  timeMs: z.number().int(),
  state: PrintState,
  /** Why the print command failed (exit status and its output), null otherwise. */
  error: z.string().nullable(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const PrintJobDetail = PrintJob.extend({ text: z.string() });
export type PrintJobDetail = z.infer<typeof PrintJobDetail>;

export const PrintList = z.object({ prints: z.array(PrintJob) });
export type PrintList = z.infer<typeof PrintList>;

export const PrintAccepted = z.object({ id: Id });
export type PrintAccepted = z.infer<typeof PrintAccepted>;

/** What the console shows per team: lockdown reports and contestant-app connections. */
export const AlertKind = z.union([LockdownKind, z.enum(['connected', 'disconnected'])]);
export type AlertKind = z.infer<typeof AlertKind>;

export const Alert = z.object({
  id: Id,
  teamId: Id,
  teamName: z.string(),
  kind: AlertKind,
  detail: z.string(),
  /** Host time. */
  timeMs: z.number().int(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.object({ alerts: z.array(Alert) });
export type AlertList = z.infer<typeof AlertList>;

export const AlertQuery = z.object({ teamId: Id.optional() });
export type AlertQuery = z.infer<typeof AlertQuery>;

/** The contest's exit code for the desktop app, e.g. `7K3-9QX`. */
export const ExitCodeInfo = z.object({ code: z.string() });
export type ExitCodeInfo = z.infer<typeof ExitCodeInfo>;

export const ExitCodeVerifyResult = z.object({ ok: z.boolean() });
export type ExitCodeVerifyResult = z.infer<typeof ExitCodeVerifyResult>;
