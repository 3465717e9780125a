import type { TestRunAccepted, TestRunCreate, TestRunResult } from '@arena/protocol';
import { randomBytes } from 'node:crypto';
import { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import { listTestcases } from '../../adapters/sqlite/repos/judge-queue-repo';
import { SubmissionRepo } from '../../adapters/sqlite/repos/submission-repo';
import {
  countTeamTestRuns, getSubmissionCompileOutput, getTestRun, insertTestRun,
} from '../../adapters/sqlite/repos/test-run-repo';
import { hasEnded, hasStarted, phase } from '../../domain/clock/contest-clock';
import { isJury, type Viewer } from '../../domain/visibility/visibility';
import { loadContest } from '../clock/contest-clock-store';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { enqueueSubmission } from '../judging/queue';
import { emitTestRunChangedAfterCommit } from './test-run-signals';
import { testRunView } from './test-run-view';
import { zipTestRunSources } from './zip-test-run-sources';

export interface TestRunLimits {
  /** Test runs of one team waiting or being judged at once. */
  maxPendingPerTeam: number;
  /** Test runs one team may start per minute. */
  perMinute: number;
}

export const DEFAULT_TEST_RUN_LIMITS: TestRunLimits = Object.freeze({ maxPendingPerTeam: 1, perMinute: 6 });

export interface TestRunService {
  /**
   * Starts a test run for the viewer's team: checks everything (a team login, contest running,
   * team enabled, problem, language, files, samples to run, rate limits), then in ONE write
   * stores the test run with its sources and queues it for the judges (after submissions).
   * No CLICS event: it is in no submission list, feed or scoreboard. Refusals change nothing.
   */
  create(viewer: Viewer, contestId: string, body: TestRunCreate): Promise<TestRunAccepted>;
  /** The test run as its team sees it; another team's (or an unknown one) is `not_found`; the jury sees all. */
  get(viewer: Viewer, contestId: string, testRunId: string): TestRunResult;
  /** Same as `get` but without checks: what the team's push carries. Undefined if it does not exist. */
  viewOf(contestId: string, testRunId: string): TestRunResult | undefined;
  /**
   * Compiler output of a submission's latest valid finished judgement (null while none), for its
   * own team or the jury; another team's submission is `not_found`.
   */
  compileOutput(viewer: Viewer, contestId: string, submissionId: string): { compileOutput: string | null };
}

const MINUTE_MS = 60_000;

function requireViewer(viewer: Viewer): void {
  if (viewer.role === 'anonymous') throw new AppError('unauthorized', 'log in first');
}

export function createTestRunService(ctx: HostContext, limits: TestRunLimits = DEFAULT_TEST_RUN_LIMITS): TestRunService {
  const api = new ApiRepo(ctx.store.db);
  const submissions = new SubmissionRepo(ctx.store.db);

  function readBlobText(sha256: string): string | undefined {
    try {
      return ctx.blobs.read(sha256).toString('utf8');
    } catch {
      return undefined;
    }
  }

  function requireRunning(contestId: string, nowMs: number): void {
    const { clock } = loadContest(api, contestId);
    if (!hasStarted(clock, nowMs)) throw new AppError('contest_not_running', 'the contest has not started yet; test runs open at the start');
    if (hasEnded(clock, nowMs) || phase(clock, nowMs) === 'finalized') throw new AppError('contest_not_running', 'the contest has ended; test runs are closed');
  }

  function checkRequest(contestId: string, teamId: string, body: TestRunCreate): { entryPoint: string | null } {
    const enabled = submissions.teamEnabled(contestId, teamId);
    if (enabled === undefined) throw new AppError('forbidden', `team ${teamId} is not part of contest ${contestId}`);
    if (!enabled) throw new AppError('forbidden', `team ${teamId} is disabled`);
    const problem = api.get('problems', contestId, body.problemId);
    if (!problem) throw new AppError('bad_request', `unknown problemId ${JSON.stringify(body.problemId)}`);
    const language = api.get('languages', contestId, body.languageId);
    if (!language) throw new AppError('bad_request', `unknown languageId ${JSON.stringify(body.languageId)}`);
    const names = new Set<string>();
    let totalBytes = 0;
    for (const file of body.files) {
      if (names.has(file.filename)) throw new AppError('bad_request', `the file name ${file.filename} appears twice`);
      names.add(file.filename);
      totalBytes += Buffer.byteLength(file.text, 'utf8');
    }
    if (totalBytes > ctx.config.submissions.maxSourceBytes) {
      throw new AppError('too_large', `the sources are ${totalBytes} bytes; at most ${ctx.config.submissions.maxSourceBytes} bytes are allowed`);
    }
    if (body.input === null && !listTestcases(ctx.store.db, contestId, body.problemId).some((t) => t.isSample === 1)) {
      throw new AppError('bad_request', `problem ${body.problemId} has no sample test cases; run it on your own input instead`);
    }
    // The contestant app sends no entry point: a language that needs one gets the first file's name (Main.java → Main).
    const entryPoint = language.data.entry_point_required === true ? (body.files[0]?.filename.replace(/\.[^.]*$/, '') ?? null) : null;
    return { entryPoint };
  }

  function checkRate(contestId: string, teamId: string, nowMs: number): void {
    const counts = countTeamTestRuns(ctx.store.db, contestId, teamId, nowMs - MINUTE_MS);
    if (counts.pending >= limits.maxPendingPerTeam) {
      throw new AppError('rate_limited', `your team already has ${limits.maxPendingPerTeam === 1 ? 'a test run' : `${counts.pending} test runs`} waiting for a judge; wait for its result first`);
    }
    if (counts.recent >= limits.perMinute) {
      throw new AppError('rate_limited', `at most ${limits.perMinute} test runs per minute per team; try again shortly`, { retryAfterS: 60 });
    }
  }

  function view(contestId: string, testRunId: string): TestRunResult | undefined {
    const row = getTestRun(ctx.store.db, contestId, testRunId);
    return row && testRunView(row, readBlobText);
  }

  return {
    async create(viewer, contestId, body) {
      requireViewer(viewer);
      loadContest(api, contestId);
      if (viewer.role !== 'team') throw new AppError('forbidden', 'test runs are for team accounts');
      const teamId = viewer.teamId;
      requireRunning(contestId, ctx.clock());
      const { entryPoint } = checkRequest(contestId, teamId, body);
      checkRate(contestId, teamId, ctx.clock());
      const sources = await zipTestRunSources(body.files);
      const id = `tr-${randomBytes(9).toString('base64url')}`;
      ctx.store.write((tx) => {
        // Checked again in the write: the clock or another request may have moved on while zipping.
        requireRunning(contestId, tx.nowMs);
        checkRate(contestId, teamId, tx.nowMs);
        submissions.insertSources(sources.zipSha256, sources.zip, sources.files);
        insertTestRun(tx.db, {
          contestId, id, teamId, problemId: body.problemId, languageId: body.languageId, files: JSON.stringify(sources.files),
          zipSha256: sources.zipSha256, entryPoint, input: body.input, createdMs: tx.nowMs,
        });
        enqueueSubmission(tx, { contestId, submissionId: id, teamId, kind: 'test-run', customInput: body.input });
      });
      emitTestRunChangedAfterCommit(ctx.store.db, { contestId, teamId, testRunId: id });
      return { id };
    },

    get(viewer, contestId, testRunId) {
      requireViewer(viewer);
      const row = getTestRun(ctx.store.db, contestId, testRunId);
      const visible = row && (isJury(viewer) || (viewer.role === 'team' && viewer.teamId === row.teamId));
      if (!row || !visible) throw new AppError('not_found', `no test run ${testRunId} of your team in contest ${contestId}`);
      return testRunView(row, readBlobText);
    },

    viewOf: view,

    compileOutput(viewer, contestId, submissionId) {
      requireViewer(viewer);
      const row = getSubmissionCompileOutput(ctx.store.db, contestId, submissionId);
      const visible = row && (isJury(viewer) || (viewer.role === 'team' && viewer.teamId === row.teamId));
      if (!row || !visible) throw new AppError('not_found', `no submission ${submissionId} of your team in contest ${contestId}`);
      return { compileOutput: row.compileOutput };
    },
  };
}
