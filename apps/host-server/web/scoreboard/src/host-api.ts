import {
  Award, Contest, ContestState, HostInfo, LoginResponse, Organization, Problem, Scoreboard, Team,
} from '@arena/protocol';
import { z } from 'zod';

/** A request to the host failed: `message` is the host's own explanation when it gave one. */
export class HostApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'HostApiError';
  }
}

const ErrorShape = z.object({ message: z.string() });

/** GETs or POSTs JSON on this host (same origin) and parses the answer with `schema`. */
async function requestJson<T>(path: string, schema: z.ZodType<T>, options: { token?: string | null; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const raw: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const shaped = ErrorShape.safeParse(raw);
    throw new HostApiError(shaped.success ? shaped.data.message : `the host answered ${res.status} for ${path}`, res.status);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HostApiError(`the host sent an unexpected answer for ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, res.status);
  return parsed.data;
}

const contestPath = (contestId: string, rest = ''): string => `/api/contests/${encodeURIComponent(contestId)}${rest}`;

export function fetchHostInfo(): Promise<HostInfo> {
  return requestJson('/api/arena/host-info', HostInfo);
}

export function fetchContest(contestId: string, token?: string | null): Promise<Contest> {
  return requestJson(contestPath(contestId), Contest, { token: token ?? null });
}

export function fetchContestState(contestId: string, token?: string | null): Promise<ContestState> {
  return requestJson(contestPath(contestId, '/state'), ContestState, { token: token ?? null });
}

export function fetchProblems(contestId: string, token?: string | null): Promise<Problem[]> {
  return requestJson(contestPath(contestId, '/problems'), z.array(Problem), { token: token ?? null });
}

export function fetchTeams(contestId: string, token?: string | null): Promise<Team[]> {
  return requestJson(contestPath(contestId, '/teams'), z.array(Team), { token: token ?? null });
}

export function fetchOrganizations(contestId: string, token?: string | null): Promise<Organization[]> {
  return requestJson(contestPath(contestId, '/organizations'), z.array(Organization), { token: token ?? null });
}

export function fetchScoreboard(contestId: string, view: 'public' | 'jury', token: string): Promise<Scoreboard> {
  return requestJson(contestPath(contestId, `/scoreboard?view=${view}`), Scoreboard, { token });
}

export function fetchAwards(contestId: string, view: 'public' | 'jury', token: string): Promise<Award[]> {
  return requestJson(contestPath(contestId, `/awards?view=${view}`), z.array(Award), { token });
}

export function login(username: string, password: string): Promise<LoginResponse> {
  return requestJson('/api/login', LoginResponse, { body: { username, password } });
}

/** Discards a token on the host; failures are ignored (the token expires anyway). */
export async function logout(token: string): Promise<void> {
  await fetch('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}
