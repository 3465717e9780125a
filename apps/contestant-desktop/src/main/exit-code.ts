import { ErrorBody } from '@arena/protocol';
import { z } from 'zod';
import type { QuitResult } from '../shared/bridge';

/** The session the renderer reported after login (`session.set`). */
export interface TeamSession {
  contestId: string;
  token: string;
}

/** The fetch main uses: Electron's `net.fetch` (so the pinned certificate applies); any fetch in tests. */
export type FetchFn = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<Response>;

const VerifyResponse = z.object({ ok: z.boolean() });
const VERIFY_TIMEOUT_MS = 8000;

/**
 * Asks the host whether `code` is the proctor's exit code for this contest
 * (`POST /api/arena/contests/{id}/exit-code/verify`, body `ExitCodeVerify`, the team's token).
 * Resolves `{ ok: true }` only when the host answered 2xx with `{ ok: true }`; every other case
 * (not logged in, no host, unreachable, wrong code, refused login, garbage answer) resolves
 * `{ ok: false, message }` with a message for the contestant. Never rejects.
 */
export async function verifyExitCode(input: { fetch: FetchFn; hostOrigin: string | null; session: TeamSession | null; code: string; timeoutMs?: number }): Promise<QuitResult> {
  if (input.hostOrigin === null) return { ok: false, message: 'Not connected to a host: the exit code can only be checked by the host.' };
  if (input.session === null) return { ok: false, message: 'Log in first: the exit code is checked by the host for your team.' };
  const url = `${input.hostOrigin}/api/arena/contests/${encodeURIComponent(input.session.contestId)}/exit-code/verify`;
  let response: Response;
  try {
    response = await input.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${input.session.token}` },
      body: JSON.stringify({ code: input.code }),
      signal: AbortSignal.timeout(input.timeoutMs ?? VERIFY_TIMEOUT_MS),
    });
  } catch (err) {
    return { ok: false, message: `The host is unreachable (${(err as Error).message}); the app stays open.` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 || response.status === 403) return { ok: false, message: 'The host did not accept your login; log in again, then retry.' };
  if (!response.ok) {
    const error = ErrorBody.safeParse(body);
    return { ok: false, message: `The host refused: ${error.success ? error.data.message : `HTTP ${response.status}`}` };
  }
  const verdict = VerifyResponse.safeParse(body);
  if (!verdict.success) return { ok: false, message: 'The host gave an answer this app does not understand; the app stays open.' };
  return verdict.data.ok ? { ok: true, message: 'Exit code accepted.' } : { ok: false, message: 'Wrong exit code.' };
}
