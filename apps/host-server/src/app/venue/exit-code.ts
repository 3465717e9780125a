import { timingSafeEqual } from 'node:crypto';
import type { ExitCodeInfo, ExitCodeVerifyResult } from '@arena/protocol';
import { ensureExitCode, getExitCode } from '../../adapters/sqlite/repos/venue-alerts-repo';
import { contestExists } from '../../adapters/sqlite/repos/venue-accounts-repo';
import { LoginThrottle } from '../auth/login-throttle';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { recordAlert } from './alerts';
import { generateExitCode, normalizeExitCode } from './readable-secrets';
import { audit, signalConsole } from './venue-audit';

/** Wrong exit codes a team may type per window before it must wait. */
const MAX_WRONG_ATTEMPTS = 5;
const ATTEMPT_WINDOW_MS = 60_000;

export interface ExitCodeService {
  /** The contest's exit code, created (random) and stored on first use. */
  code(contestId: string): ExitCodeInfo;
  /**
   * Checks a code typed into a team's desktop app. Every attempt is audited; a wrong one also
   * raises a `quit-attempt` alert. After MAX_WRONG_ATTEMPTS wrong codes within a minute the team
   * gets `rate_limited` (nothing checked) until the window has passed.
   */
  verify(contestId: string, team: { accountId: string; teamId: string }, typed: string): ExitCodeVerifyResult;
}

export function createExitCodeService(ctx: HostContext): ExitCodeService {
  const throttle = new LoginThrottle({ maxFailures: MAX_WRONG_ATTEMPTS, windowMs: ATTEMPT_WINDOW_MS, clock: ctx.clock });

  function code(contestId: string): string {
    if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
    const existing = getExitCode(ctx.store.db, contestId);
    if (existing !== null) return existing;
    return ctx.store.write((tx) => ensureExitCode(tx.db, contestId, generateExitCode(), tx.nowMs));
  }

  return {
    code: (contestId) => ({ code: code(contestId) }),

    verify(contestId, team, typed) {
      const key = `${contestId}\0${team.teamId}`;
      const waitMs = throttle.retryAfterMs(key);
      if (waitMs > 0) {
        const waitS = Math.ceil(waitMs / 1000);
        throw new AppError('rate_limited', `too many wrong exit codes; try again in ${waitS} s`, { retryAfterS: waitS });
      }
      const expected = Buffer.from(normalizeExitCode(code(contestId)));
      const given = Buffer.from(normalizeExitCode(typed));
      const ok = expected.length === given.length && timingSafeEqual(expected, given);
      if (ok) throttle.recordSuccess(key);
      else throttle.recordFailure(key);
      ctx.store.write((tx) => audit(tx, { contestId, actor: team.accountId, action: ok ? 'exit-code.accepted' : 'exit-code.rejected', details: { teamId: team.teamId } }));
      signalConsole(ctx, contestId, ['audit'], team.teamId);
      if (!ok) recordAlert(ctx, contestId, team.teamId, { kind: 'quit-attempt', detail: 'wrong exit code typed' });
      return { ok };
    },
  };
}
