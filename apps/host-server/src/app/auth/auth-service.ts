import { createHash, randomBytes } from 'node:crypto';
import { AuthRepo, type AuthAccountRow } from '../../adapters/sqlite/repos/auth-repo';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './password';
import { emitSessionRevoked } from './session-signals';
import type { Principal } from './principal';

/** How long a verified Basic credential is trusted without running scrypt again. */
const BASIC_CACHE_TTL_MS = 5 * 60_000;
const BASIC_CACHE_MAX = 20_000;

export interface LoginResult {
  token: string;
  expiresMs: number;
  principal: Principal;
}

export interface AuthService {
  /**
   * Checks a username and password and opens a session: returns a random bearer token (only
   * its sha256 is stored) valid for `config.auth.sessionTtlHours`. Refuses with `unauthorized`
   * (wrong credentials), `forbidden` (disabled account or team) or `rate_limited` (too many
   * failures from this client for this username).
   */
  login(input: { username: string; password: string; contestId?: string; clientIp: string }): LoginResult;
  /** Revokes a bearer token; returns whether it was a known session. */
  logout(token: string): boolean;
  /**
   * Resolves an `Authorization` header (Bearer token or HTTP Basic) to a principal; no header
   * is anonymous (null). Bad, expired or revoked credentials throw `unauthorized`, a disabled
   * account `forbidden`: a client that sends credentials is never silently treated as anonymous.
   * `contestId` (from the URL) picks the account when a username exists in several contests.
   */
  authenticate(header: string | undefined, options: { contestId?: string; clientIp: string }): Principal | null;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toPrincipal(account: AuthAccountRow): Principal {
  return { contestId: account.contestId, accountId: account.id, username: account.username, type: account.type, teamId: account.teamId };
}

export function createAuthService(ctx: HostContext, options: { maxFailures?: number; failureWindowMs?: number } = {}): AuthService {
  const repo = new AuthRepo(ctx.store.db);
  const throttle = new LoginThrottle({ maxFailures: options.maxFailures ?? 5, windowMs: options.failureWindowMs ?? 60_000, clock: ctx.clock });
  // Memoized scrypt: sha256(password, stored hash) -> expiry, i.e. "this password matches this
  // stored hash". A password change invalidates it; enabled flags are re-read on every use.
  const verifiedBasic = new Map<string, number>();

  function checkPassword(candidates: AuthAccountRow[], password: string): AuthAccountRow | undefined {
    const nowMs = ctx.clock();
    for (const account of candidates) {
      const key = sha256Hex(`${password}\0${account.passwordHash}`);
      const until = verifiedBasic.get(key);
      if (until !== undefined && until > nowMs) return account;
      if (verifyPassword(password, account.passwordHash)) {
        if (verifiedBasic.size >= BASIC_CACHE_MAX) verifiedBasic.clear();
        verifiedBasic.set(key, nowMs + BASIC_CACHE_TTL_MS);
        return account;
      }
    }
    return undefined;
  }

  function verifyCredentials(username: string, password: string, contestId: string | undefined, clientIp: string): AuthAccountRow {
    const throttleKey = `${clientIp}\0${username}`;
    const waitMs = throttle.retryAfterMs(throttleKey);
    if (waitMs > 0) {
      throw new AppError('rate_limited', `too many failed logins for ${username}; try again in ${Math.ceil(waitMs / 1000)} s`, { retryAfterS: Math.ceil(waitMs / 1000) });
    }
    // The contest in the URL picks among same-named accounts; if it has none, any contest's may match.
    const inContest = contestId === undefined ? [] : repo.findByUsername(username, contestId);
    const account = checkPassword(inContest.length > 0 ? inContest : repo.findByUsername(username), password);
    if (!account) {
      throttle.recordFailure(throttleKey);
      throw new AppError('unauthorized', 'wrong username or password');
    }
    throttle.recordSuccess(throttleKey);
    if (!account.enabled) throw new AppError('forbidden', `the account ${username} is disabled; ask the contest staff`);
    return account;
  }

  function fromBearer(token: string): Principal {
    const session = repo.findSession(sha256Hex(token));
    if (!session || session.revoked) throw new AppError('unauthorized', 'the session token is not valid (logged out or unknown); log in again');
    if (session.expiresMs <= ctx.clock()) throw new AppError('unauthorized', 'the session has expired; log in again');
    const account = repo.findById(session.contestId, session.accountId);
    if (!account) throw new AppError('unauthorized', 'the account of this session no longer exists; log in again');
    if (!account.enabled) throw new AppError('forbidden', `the account ${account.username} is disabled; ask the contest staff`);
    return toPrincipal(account);
  }

  return {
    login({ username, password, contestId, clientIp }) {
      const account = verifyCredentials(username, password, contestId, clientIp);
      const token = randomBytes(32).toString('base64url');
      const nowMs = ctx.clock();
      const expiresMs = nowMs + Math.round(ctx.config.auth.sessionTtlHours * 3_600_000);
      repo.purgeExpired(nowMs);
      repo.insertSession(sha256Hex(token), account.contestId, account.id, nowMs, expiresMs);
      return { token, expiresMs, principal: toPrincipal(account) };
    },

    logout(token) {
      const revoked = repo.revokeSession(sha256Hex(token));
      if (revoked) emitSessionRevoked(ctx.store.db, sha256Hex(token));
      return revoked;
    },

    authenticate(header, { contestId, clientIp }) {
      if (header === undefined || header.trim() === '') return null;
      const space = header.indexOf(' ');
      const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
      const value = space < 0 ? '' : header.slice(space + 1).trim();
      if (scheme === 'bearer' && value !== '') return fromBearer(value);
      if (scheme === 'basic' && value !== '') {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon <= 0) throw new AppError('unauthorized', 'malformed Basic credentials: expected base64 of "username:password"');
        return toPrincipal(verifyCredentials(decoded.slice(0, colon), decoded.slice(colon + 1), contestId, clientIp));
      }
      throw new AppError('unauthorized', 'unsupported Authorization header: use "Bearer <token>" from /api/login or HTTP Basic');
    },
  };
}
