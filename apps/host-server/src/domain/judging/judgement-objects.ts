import { formatRelTime, formatTime, type Judgement, type Run, type VerdictId } from '@arena/protocol';

/**
 * CLICS `judgements` and `runs` objects as served and stored in `data` (pure). Contest times are
 * derived from the submission's own contest time plus the host time elapsed since it arrived,
 * so they need no contest clock here.
 */

export interface SubmissionTimes {
  timeMs: number;
  contestTimeMs: number;
}

export function contestTimeAt(submission: SubmissionTimes, nowMs: number): number {
  return submission.contestTimeMs + (nowMs - submission.timeMs);
}

/** A judgement just started: no verdict yet. */
export function startedJudgement(id: string, submissionId: string, submission: SubmissionTimes, startMs: number): Judgement {
  return {
    id, submission_id: submissionId, judgement_type_id: null,
    start_time: formatTime(startMs), start_contest_time: formatRelTime(contestTimeAt(submission, startMs)),
    end_time: null, end_contest_time: null,
  };
}

/** The same judgement, finished with a verdict. `maxRunTimeMs` becomes CLICS seconds. */
export function finishedJudgement(started: Judgement, submission: SubmissionTimes, result: {
  verdict: VerdictId; endMs: number; maxRunTimeMs: number; score?: number | undefined;
}): Judgement {
  return {
    ...started,
    judgement_type_id: result.verdict,
    end_time: formatTime(result.endMs),
    end_contest_time: formatRelTime(contestTimeAt(submission, result.endMs)),
    max_run_time: Math.round(result.maxRunTimeMs) / 1000,
    ...(result.score === undefined ? {} : { score: result.score }),
  };
}

/** Run id: unique per contest, stable for a (judgement, test case) so a repeat maps to the same row. */
export function runId(judgementId: string, testcaseOrdinal: number): string {
  return `${judgementId}-${testcaseOrdinal}`;
}

export function runObject(judgementId: string, testcaseOrdinal: number, verdict: VerdictId, cpuTimeMs: number,
  submission: SubmissionTimes, nowMs: number): Run {
  return {
    id: runId(judgementId, testcaseOrdinal), judgement_id: judgementId, ordinal: testcaseOrdinal, judgement_type_id: verdict,
    time: formatTime(nowMs), contest_time: formatRelTime(contestTimeAt(submission, nowMs)),
    run_time: Math.round(cpuTimeMs) / 1000,
  };
}
