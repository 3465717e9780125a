import type { ClarificationCreate, ClockCommandBody, JurySubmissionRow } from '@arena/protocol';
import {
  AccountCreated, AccountList, AccountsImportResult, AlertList, AuditList, Balloon, BalloonList, Clarification, ConsoleHealth, Contest, ContestState,
  JudgeAgentInfo, JudgesOverview, JurySubmissionDetail, JurySubmissionList, Language, LoginResponse, PasswordReset, PrintJob, PrintJobDetail,
  PrintList, Problem, Rejudging, RejudgingList, Scoreboard, Team,
} from '@arena/protocol';
import { z } from 'zod';
import { ImportReport } from './console-schemas';
import { requestJson, requestText } from './host-request';

/** A logged-in console user: the token and the contest it is bound to. */
export interface Session {
  token: string;
  contestId: string;
  username: string;
  /** Account type: 'judge' | 'admin' | 'staff' (teams are refused at login). */
  type: string;
}

const enc = encodeURIComponent;
const clics = (s: Session, rest = '') => `/api/contests/${enc(s.contestId)}${rest}`;
const arena = (s: Session, rest: string) => `/api/arena/contests/${enc(s.contestId)}${rest}`;
const auth = (s: Session) => ({ token: s.token });
const Ok = z.unknown();

export function login(username: string, password: string, contestId: string | null): Promise<LoginResponse> {
  return requestJson('/api/login', LoginResponse, { body: { username, password, ...(contestId ? { contest_id: contestId } : {}) } });
}

export async function logout(token: string): Promise<void> {
  await fetch('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}

/** Every contest on the host (public list; the login form offers a picker when there are several). */
export function fetchContests(): Promise<Contest[]> {
  return requestJson('/api/contests', z.array(Contest));
}

// CLICS reads
export const fetchContest = (s: Session) => requestJson(clics(s), Contest, auth(s));
export const fetchState = (s: Session) => requestJson(clics(s, '/state'), ContestState, auth(s));
export const fetchProblems = (s: Session) => requestJson(clics(s, '/problems'), z.array(Problem), auth(s));
export const fetchTeams = (s: Session) => requestJson(clics(s, '/teams'), z.array(Team), auth(s));
export const fetchLanguages = (s: Session) => requestJson(clics(s, '/languages'), z.array(Language), auth(s));
export const fetchClarifications = (s: Session) => requestJson(clics(s, '/clarifications'), z.array(Clarification), auth(s));
export const fetchJuryBoard = (s: Session) => requestJson(clics(s, '/scoreboard?view=jury'), Scoreboard, auth(s));

export function sendClock(s: Session, command: ClockCommandBody): Promise<unknown> {
  return requestJson(clics(s, '/clock'), Ok, { ...auth(s), body: command });
}

export function sendClarification(s: Session, body: ClarificationCreate): Promise<unknown> {
  return requestJson(clics(s, '/clarifications'), Ok, { ...auth(s), body });
}

// H1 — judging
export interface SubmissionFilter { team?: string; problem?: string; language?: string; verdict?: string; judge?: string; limit?: number }

export function fetchSubmissions(s: Session, filter: SubmissionFilter): Promise<JurySubmissionRow[]> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  return requestJson(arena(s, `/console/submissions?${query.toString()}`), JurySubmissionList, auth(s)).then((r) => r.submissions);
}
export const fetchSubmission = (s: Session, id: string) => requestJson(arena(s, `/console/submissions/${enc(id)}`), JurySubmissionDetail, auth(s));

export interface RejudgeRequest { submissionIds?: string[]; problemId?: string; teamId?: string; languageId?: string; verdict?: string; reason: string }
export const createRejudging = (s: Session, body: RejudgeRequest) => requestJson(arena(s, '/console/rejudgings'), Rejudging, { ...auth(s), body });
export const fetchRejudging = (s: Session, id: string) => requestJson(arena(s, `/console/rejudgings/${enc(id)}`), Rejudging, auth(s));
export const fetchRejudgings = (s: Session) => requestJson(arena(s, '/console/rejudgings'), RejudgingList, auth(s)).then((r) => r.rejudgings);
export const finishRejudging = (s: Session, id: string, how: 'apply' | 'cancel') =>
  requestJson(arena(s, `/console/rejudgings/${enc(id)}/${how}`), Rejudging, { ...auth(s), body: {} });
export const overrideVerdict = (s: Session, id: string, body: { verdict: string; reason: string; password: string }) =>
  requestJson(arena(s, `/console/submissions/${enc(id)}/override`), JurySubmissionDetail, { ...auth(s), body });

export const fetchJudges = (s: Session) => requestJson('/api/arena/console/judges', JudgesOverview, auth(s));
export const setJudgePaused = (s: Session, agentId: string, paused: boolean) =>
  requestJson(`/api/arena/console/judges/${enc(agentId)}/${paused ? 'pause' : 'resume'}`, JudgeAgentInfo, { ...auth(s), body: {} });
export const fetchAudit = (s: Session, limit = 200) =>
  requestJson(`/api/arena/console/audit?contestId=${enc(s.contestId)}&limit=${limit}`, AuditList, auth(s)).then((r) => r.entries);
export const fetchHealth = (s: Session) => requestJson('/api/arena/console/health', ConsoleHealth, auth(s));

// H2 — venue and people
export const uploadPackage = (s: Session, zip: Blob) =>
  requestJson('/api/arena/contest-packages', ImportReport, { ...auth(s), raw: { data: zip, contentType: 'application/zip' } });
export const fetchAccounts = (s: Session) => requestJson(arena(s, '/console/accounts'), AccountList, auth(s)).then((r) => r.teams);
export interface AccountCreate { teamId?: string; name: string; displayName?: string; organizationId?: string; groupIds?: string[]; username?: string }
export const createAccount = (s: Session, body: AccountCreate) =>
  requestJson(arena(s, '/console/accounts'), AccountCreated, { ...auth(s), body });
export const updateAccount = (s: Session, teamId: string, body: { name?: string; displayName?: string; groupIds?: string[]; enabled?: boolean }) =>
  requestJson(arena(s, `/console/accounts/${enc(teamId)}`), Ok, { ...auth(s), method: 'PATCH', body });
export const importAccounts = (s: Session, format: 'tsv' | 'json', text: string) =>
  requestJson(arena(s, '/console/accounts/import'), AccountsImportResult, { ...auth(s), body: { format, text } });
export const resetPassword = (s: Session, teamId: string) =>
  requestJson(arena(s, `/console/accounts/${enc(teamId)}/password`), PasswordReset, { ...auth(s), body: {} });
export const credentialSlips = (s: Session, teamIds?: string[]) =>
  requestText(arena(s, '/console/credential-slips'), { ...auth(s), body: teamIds ? { teamIds } : {} });

export const fetchBalloons = (s: Session) => requestJson(arena(s, '/console/balloons'), BalloonList, auth(s)).then((r) => r.balloons);
export const markDelivered = (s: Session, id: string) => requestJson(arena(s, `/console/balloons/${enc(id)}/delivered`), Balloon, { ...auth(s), body: {} });
export const fetchPrints = (s: Session) => requestJson(arena(s, '/console/prints'), PrintList, auth(s)).then((r) => r.prints);
export const fetchPrint = (s: Session, id: string) => requestJson(arena(s, `/console/prints/${enc(id)}`), PrintJobDetail, auth(s));
export const finishPrint = (s: Session, id: string, how: 'done' | 'retry') => requestJson(arena(s, `/console/prints/${enc(id)}/${how}`), PrintJob, { ...auth(s), body: {} });
export const fetchAlerts = (s: Session) => requestJson(arena(s, '/console/alerts'), AlertList, auth(s)).then((r) => r.alerts);
export const fetchExitCode = (s: Session) => requestJson(arena(s, '/console/exit-code'), z.object({ code: z.string() }), auth(s)).then((r) => r.code);
