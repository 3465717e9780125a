import type { Readable } from 'node:stream';
import type { HostSetupStatus } from '@arena/protocol';
import { listContestIds } from '../../adapters/sqlite/repos/console-judging-agents-repo';
import { LoginThrottle } from '../auth/login-throttle';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import type { ImportReport } from '../import/import-report';
import { ensureSetupCode, readSetupCode, removeSetupCode, setupCodeMatches } from './setup-code';
import { importUploadedPackage } from './upload-package';

/** Wrong setup codes one client address may send per window before it must wait. */
const MAX_WRONG_CODES = 5;
const WRONG_CODE_WINDOW_MS = 60_000;

/** The `actor` of the import's audit row. */
export const SETUP_ACTOR = 'setup';

export interface SetupUploadRequest {
  /** The code as typed (header or query); undefined when none was sent. */
  code: string | undefined;
  /** Client address: wrong codes are counted per address. */
  clientIp: string;
  maxBytes: number;
}

export interface SetupService {
  /** `needed` while the host has no contest. */
  status(): HostSetupStatus;
  /**
   * Imports the first contest package of a fresh host (same path as the admin upload), for whoever
   * holds the one-time setup code. Refused with `rate_limited` after MAX_WRONG_CODES wrong codes
   * from the address within a minute (until the minute has passed, whatever the code), `conflict`
   * once a contest exists or while another first-run import runs, `forbidden` for a wrong or
   * missing code. A bad package is `bad_request` naming the file: nothing imported, code still
   * valid. After a successful import the code is deleted.
   */
  upload(body: Readable, request: SetupUploadRequest): Promise<ImportReport>;
  /** Stops watching for contests. */
  close(): void;
}

/** Whether the host has any contest. */
export function hostHasContest(ctx: HostContext): boolean {
  return listContestIds(ctx.store.db).length > 0;
}

/** The setup code to show the operator: the stored one while the host has no contest, else null. */
export function activeSetupCode(ctx: HostContext): string | null {
  return hostHasContest(ctx) ? null : readSetupCode(ctx.config.dataDir);
}

/**
 * First-run setup. At creation: with no contest, makes sure a setup code exists and logs it
 * (warn, so it shows at every log level the CLI allows) for the operator at the host's screen;
 * with a contest, deletes a code left behind. When a contest arrives by any path the code is
 * withdrawn.
 */
export function createSetupService(ctx: HostContext): SetupService {
  const dataDir = ctx.config.dataDir;
  const throttle = new LoginThrottle({ maxFailures: MAX_WRONG_CODES, windowMs: WRONG_CODE_WINDOW_MS, clock: ctx.clock });
  let importing = false;

  try {
    if (hostHasContest(ctx)) {
      removeSetupCode(dataDir);
    } else {
      const { code } = ensureSetupCode(dataDir);
      ctx.log.warn({ setupCode: code }, `No contest yet: open /console on this host and enter setup code ${code} to upload a contest package`);
    }
  } catch (err) {
    // A convenience must not keep the host from serving: without a code the route answers `unavailable`.
    ctx.log.error({ err }, 'cannot write the first-run setup code file; load a contest with `pnpm host import` instead');
  }

  const unsubscribe = ctx.store.onEvents((events) => {
    if (!events.some((e) => e.type === 'contest') || readSetupCode(dataDir) === null || !hostHasContest(ctx)) return;
    removeSetupCode(dataDir);
    ctx.log.info('a contest was loaded: the first-run setup code is withdrawn');
  });

  return {
    status: () => ({ needed: !hostHasContest(ctx) }),

    async upload(body, request) {
      const waitMs = throttle.retryAfterMs(request.clientIp);
      if (waitMs > 0) {
        const waitS = Math.ceil(waitMs / 1000);
        throw new AppError('rate_limited', `too many wrong setup codes; try again in ${waitS} s`, { retryAfterS: waitS });
      }
      if (hostHasContest(ctx)) throw new AppError('conflict', 'this host already has a contest; log in as its admin');
      const expected = readSetupCode(dataDir);
      if (expected === null) throw new AppError('unavailable', 'this host has no setup code: restart the host to print a new one');
      if (request.code === undefined || !setupCodeMatches(expected, request.code)) {
        throttle.recordFailure(request.clientIp);
        ctx.log.warn({ clientIp: request.clientIp }, 'wrong first-run setup code');
        throw new AppError('forbidden', 'wrong setup code: type the code the host printed when it started (in its terminal or log)');
      }
      throttle.recordSuccess(request.clientIp);
      if (importing) throw new AppError('conflict', 'a contest package is already being imported through first-run setup; wait for it to finish');
      importing = true;
      try {
        const report = await importUploadedPackage(ctx, body, { actor: SETUP_ACTOR, maxBytes: request.maxBytes });
        removeSetupCode(dataDir);
        ctx.log.info({ contestId: report.contestId }, 'first contest imported through first-run setup; setup code deleted');
        return report;
      } finally {
        importing = false;
      }
    },

    close: unsubscribe,
  };
}
