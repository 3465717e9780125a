import { formatRelTime, formatTime, type Submission, type SubmissionCreate } from '@arena/protocol';
import { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import { SubmissionRepo } from '../../adapters/sqlite/repos/submission-repo';
import { contestTimeMs, hasEnded, hasStarted, phase, type ContestClock } from '../../domain/clock/contest-clock';
import { canManageContest, type Viewer } from '../../domain/visibility/visibility';
import { createContestCache } from '../clock/contest-cache';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { enqueueSubmission } from '../judging/queue';
import { decodeSubmissionZip, hashSourceFiles, sha256Hex } from './decode-submission-zip';
import { createSubmissionCatalog } from './submission-catalog';
import { TokenBuckets } from './token-buckets';
import { WriteBatcher } from './write-batcher';

export type SubmitService = ReturnType<typeof createSubmitService>;

/**
 * Team submissions (CLICS `POST /submissions`). `submit` validates everything first (contest
 * running, team, problem, language, entry point, the zip), then in ONE write inserts the
 * submission with its source bytes (the zip as submitted, and an index of its files), emits its
 * `submissions` event (audience: the team) and queues it for judging. It resolves only after
 * that commit, so an acknowledged submission, sources included, is durable; any refusal throws
 * an AppError and changes nothing. Submissions arriving together share one commit (one fsync).
 */
export function createSubmitService(ctx: HostContext) {
  const api = new ApiRepo(ctx.store.db);
  const repo = new SubmissionRepo(ctx.store.db);
  const contests = createContestCache(ctx, api);
  const catalog = createSubmissionCatalog(ctx, api);
  const batcher = new WriteBatcher(ctx.store);
  const buckets = new TokenBuckets({
    perMinute: ctx.config.submissions.rateLimitPerMinute, burst: ctx.config.submissions.rateLimitBurst, clock: ctx.clock,
  });
  // Submitted zips live in SQLite: let every reader by sha256 (the zip download) find them.
  ctx.blobs.attachSource({ read: (sha256) => repo.zipBytes(sha256) });

  function submittingTeam(viewer: Viewer, requestedTeamId: string | undefined): string {
    if (viewer.role === 'anonymous') throw new AppError('unauthorized', 'log in as a team to submit');
    if (viewer.role === 'team') {
      if (requestedTeamId !== undefined && requestedTeamId !== viewer.teamId) throw new AppError('forbidden', 'a team can only submit for itself');
      return viewer.teamId;
    }
    if (!canManageContest(viewer)) throw new AppError('forbidden', 'only teams, judges and admins can submit');
    if (requestedTeamId === undefined) throw new AppError('bad_request', 'team_id is required when the jury submits on behalf of a team');
    return requestedTeamId;
  }

  /** The contest's clock (cached; every clock change commits with an event that drops it), or `not_found`. */
  function clockOf(contestId: string): ContestClock {
    return contests.get(contestId).clock;
  }

  function requireRunning(contestId: string): void {
    const clock = clockOf(contestId);
    const nowMs = ctx.clock();
    if (!hasStarted(clock, nowMs)) throw new AppError('contest_not_running', 'the contest has not started yet; submissions open at the start');
    if (hasEnded(clock, nowMs) || phase(clock, nowMs) === 'finalized') throw new AppError('contest_not_running', 'the contest has ended; no more submissions are accepted');
  }

  return {
    async submit(viewer: Viewer, contestId: string, body: SubmissionCreate): Promise<Submission> {
      clockOf(contestId);
      const teamId = submittingTeam(viewer, body.team_id);
      requireRunning(contestId);
      const enabled = repo.teamEnabled(contestId, teamId);
      if (enabled === undefined) throw new AppError('bad_request', `no team ${teamId} in contest ${contestId}`);
      if (!enabled) throw new AppError('forbidden', `team ${teamId} is disabled`);
      if (!catalog.hasProblem(contestId, body.problem_id)) throw new AppError('bad_request', `unknown problem_id ${JSON.stringify(body.problem_id)}`);
      const language = catalog.language(contestId, body.language_id);
      if (!language) throw new AppError('bad_request', `unknown language_id ${JSON.stringify(body.language_id)}`);
      const entryPoint = body.entry_point ?? null;
      if (language.entry_point_required === true && (entryPoint === null || entryPoint.trim() === '')) {
        throw new AppError('bad_request', `language ${body.language_id} needs an entry_point (e.g. the main class)`);
      }
      const waitMs = buckets.waitMs(teamId);
      if (waitMs > 0) throw new AppError('rate_limited', `too many submissions; try again in ${Math.ceil(waitMs / 1000)} s`, { retryAfterS: Math.ceil(waitMs / 1000) });

      // The commit waits (briefly) for submissions still unzipping, so they share its fsync.
      const arrived = batcher.expect();
      let decoded: Awaited<ReturnType<typeof decodeSubmissionZip>>;
      try {
        decoded = await decodeSubmissionZip((body.files[0] as { data: string }).data, ctx.config.submissions.maxSourceBytes);
      } finally {
        arrived();
      }
      // The clock may have moved while unzipping: check again right before committing.
      requireRunning(contestId);
      if (!buckets.tryTake(teamId)) throw new AppError('rate_limited', 'too many submissions; try again shortly');
      const files = hashSourceFiles(decoded.files);
      const zipSha256 = sha256Hex(decoded.zip);

      // Group commit: submissions arriving together share one transaction (one fsync).
      return batcher.run((tx) => {
        const clock = clockOf(contestId);
        if (hasEnded(clock, tx.nowMs)) throw new AppError('contest_not_running', 'the contest has ended; no more submissions are accepted');
        const seq = repo.nextSeq(contestId);
        const id = String(seq);
        const contestMs = contestTimeMs(clock, tx.nowMs) ?? 0;
        const data: Submission = {
          id, language_id: body.language_id, problem_id: body.problem_id, team_id: teamId,
          time: formatTime(tx.nowMs), contest_time: formatRelTime(contestMs), entry_point: entryPoint,
          files: [{ href: `contests/${contestId}/submissions/${id}/files`, mime: 'application/zip' }],
        };
        repo.insertSources(zipSha256, decoded.zip, files);
        repo.insert({
          contestId, id, seq, teamId, problemId: body.problem_id, languageId: body.language_id, timeMs: tx.nowMs,
          contestTimeMs: contestMs, files, zipSha256, entryPoint, data,
        });
        tx.emit({ contestId, type: 'submissions', id, data, audience: 'team', teamId });
        enqueueSubmission(tx, { contestId, submissionId: id, teamId, kind: 'submission' });
        return data;
      });
    },
  };
}
