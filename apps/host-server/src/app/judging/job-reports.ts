import { Judgement, JudgeFailure, JudgeResult, LeaseRef, TestcaseResult, type JudgeAck } from '@arena/protocol';
import type { z } from 'zod';
import type { WriteContext } from '../../adapters/sqlite/store';
import {
  extendLease, finishJudgement, getJudgement, getQueueRowByLease, getSubmissionForJob, getTestcase, insertRunOnce,
  markQueueRowDone, maxRunCpuTimeMs, setJudgementValid, type QueueRow,
} from '../../adapters/sqlite/repos/judge-queue-repo';
import { finishedJudgement, runId, runObject } from '../../domain/judging/judgement-objects';
import { classifyLease, leaseExpiresAt } from '../../domain/judging/lease-rules';
import { holdRejudgeResult, rejudgeAwaitsApply } from '../console-judging/rejudge-hold';
import { AppError } from '../errors';
import { recordTestRunCase, recordTestRunFailure, recordTestRunResult } from '../test-runs/test-run-reports';
import type { HostContext } from '../host-context';
import { emitJudgingSignal, type JudgingSignal } from './judging-signals';
import { takeBackLease } from './take-back-lease';

/**
 * What agents report about a leased job. Every function takes the raw socket payload, parses it
 * (bad input: AppError `bad_request`, nothing changed), checks the lease (not current: ack
 * `{ ok: false, stale: true }`, nothing changed) and applies the report in ONE write. Repeats are
 * harmless: a test case or a result already stored is acknowledged and not stored twice.
 */

const STALE: JudgeAck = { ok: false, stale: true, error: 'this lease is no longer current: stop judging the job' };
const OK: JudgeAck = { ok: true };

function parse<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
    throw new AppError('bad_request', `invalid ${what}: ${problems}`);
  }
  return result.data;
}

/**
 * Runs `fn` on the current row of `leaseId` inside one write; a repeat after the job is done
 * gets `finishedAck`, anything else stale. Signals collected by `fn` are sent after the commit.
 */
function withCurrentLease(ctx: HostContext, agentId: string, leaseId: string, finishedAck: JudgeAck,
  fn: (tx: WriteContext, row: QueueRow, signals: JudgingSignal[]) => JudgeAck): JudgeAck {
  const signals: JudgingSignal[] = [];
  const ack = ctx.store.write((tx) => {
    const row = getQueueRowByLease(tx.db, leaseId);
    const status = classifyLease(row, leaseId, agentId);
    if (status === 'stale' || !row) return STALE;
    if (status === 'finished') return finishedAck;
    return fn(tx, row, signals);
  });
  for (const signal of signals) emitJudgingSignal(ctx.store.db, signal);
  return ack;
}

/** `job:heartbeat`: keeps the lease for another leaseTimeoutMs. */
export function reportHeartbeat(ctx: HostContext, agentId: string, raw: unknown): JudgeAck {
  const { leaseId } = parse(LeaseRef, raw, 'heartbeat');
  return withCurrentLease(ctx, agentId, leaseId, OK, (tx) => {
    extendLease(tx.db, leaseId, leaseExpiresAt(tx.nowMs, ctx.config.judging.leaseTimeoutMs));
    return OK;
  });
}

/** `job:testcase`: stores one run (+ `runs` event, jury only); also counts as a heartbeat. */
export function reportTestcase(ctx: HostContext, agentId: string, raw: unknown): JudgeAck {
  const result = parse(TestcaseResult, raw, 'test case result');
  return withCurrentLease(ctx, agentId, result.leaseId, OK, (tx, row) => {
    if (row.kind === 'test-run') return recordTestRunCase(tx, row, result, ctx.config.judging.leaseTimeoutMs);
    const submission = getSubmissionForJob(tx.db, row.contestId, row.submissionId);
    const judgementId = row.judgementId;
    if (!submission || !judgementId) throw new Error(`leased job ${row.submissionId} lost its submission or judgement`);
    const testcase = getTestcase(tx.db, row.contestId, submission.problemId, result.testcaseId);
    if (!testcase) throw new AppError('bad_request', `test case ${result.testcaseId} is not part of this job`);
    const run = runObject(judgementId, testcase.ordinal, result.verdict, result.cpuTimeMs, submission, tx.nowMs);
    const inserted = insertRunOnce(tx.db, row.contestId, {
      id: runId(judgementId, testcase.ordinal), judgementId, ordinal: testcase.ordinal, testcaseId: testcase.id,
      judgementTypeId: result.verdict, cpuTimeMs: result.cpuTimeMs, wallTimeMs: result.wallTimeMs, memoryBytes: result.memoryBytes,
      judgeMessage: result.judgeMessage, teamMessage: result.teamMessage, data: JSON.stringify(run),
    });
    // A console rejudging's runs are announced with its judgement, when the jury applies it.
    const hidden = row.supersededJudgementId !== null && rejudgeAwaitsApply(tx.db, row.contestId, row.submissionId);
    if (inserted && !hidden) tx.emit({ contestId: row.contestId, type: 'runs', id: run.id, data: run, audience: 'jury' });
    extendLease(tx.db, result.leaseId, leaseExpiresAt(tx.nowMs, ctx.config.judging.leaseTimeoutMs));
    return OK;
  });
}

/**
 * `job:result`: the final verdict goes on the judgement (+ `judgements` event to the team), the
 * job is done. A completed rejudge replaces the judgement it supersedes (that one gets valid=0
 * and a delete event).
 */
export function reportResult(ctx: HostContext, agentId: string, raw: unknown): JudgeAck {
  const result = parse(JudgeResult, raw, 'judge result');
  return withCurrentLease(ctx, agentId, result.leaseId, OK, (tx, row, signals) => {
    if (row.kind === 'test-run') return recordTestRunResult(tx, row, result);
    const submission = getSubmissionForJob(tx.db, row.contestId, row.submissionId);
    const judgement = row.judgementId ? getJudgement(tx.db, row.contestId, row.judgementId) : undefined;
    if (!submission || !judgement) throw new Error(`leased job ${row.submissionId} lost its submission or judgement`);
    const started = Judgement.parse(JSON.parse(judgement.data));
    const maxRunTimeMs = Math.max(result.maxCpuTimeMs, maxRunCpuTimeMs(tx.db, row.contestId, judgement.id));
    const data = finishedJudgement(started, submission, { verdict: result.verdict, endMs: tx.nowMs, maxRunTimeMs, score: result.score });
    finishJudgement(tx.db, row.contestId, {
      id: judgement.id, judgementTypeId: result.verdict, endMs: tx.nowMs, compileOutput: result.compileOutput, data: JSON.stringify(data),
    });
    // A console rejudging's result stays hidden (valid=0, no event) until the jury applies it.
    const heldForApply = row.supersededJudgementId !== null && holdRejudgeResult(tx, row.contestId, row.submissionId, judgement.id, result.verdict);
    if (heldForApply) setJudgementValid(tx.db, row.contestId, judgement.id, false);
    if (row.supersededJudgementId && !heldForApply) {
      setJudgementValid(tx.db, row.contestId, row.supersededJudgementId, false);
      tx.emit({ contestId: row.contestId, type: 'judgements', id: row.supersededJudgementId, data: null, audience: 'team', teamId: row.teamId });
    }
    if (!heldForApply) tx.emit({ contestId: row.contestId, type: 'judgements', id: judgement.id, data, audience: 'team', teamId: row.teamId });
    markQueueRowDone(tx.db, row.contestId, row.submissionId, tx.nowMs);
    signals.push({ type: 'completed', contestId: row.contestId, submissionId: row.submissionId, verdict: result.verdict,
      latencyMs: tx.nowMs - row.enqueuedMs, judgingMs: tx.nowMs - (row.leasedMs ?? tx.nowMs) });
    return OK;
  });
}

/**
 * `job:failure`: a judging error, never a verdict. The judgement is invalidated, the attempt
 * counted and audited, and the job re-queued — or held for the jury after maxAttempts.
 */
export function reportFailure(ctx: HostContext, agentId: string, raw: unknown): JudgeAck {
  const failure = parse(JudgeFailure, raw, 'judge failure');
  return withCurrentLease(ctx, agentId, failure.leaseId, STALE, (tx, row, signals) => {
    if (row.kind === 'test-run') {
      if (recordTestRunFailure(tx, row, failure, agentId).requeued) signals.push({ type: 'queued' });
      return OK;
    }
    const next = takeBackLease(tx, row, { countAttempt: true, reason: failure.reason, maxAttempts: ctx.config.judging.maxAttempts });
    signals.push({ type: 'judging-error', contestId: row.contestId, submissionId: row.submissionId, agentId, reason: failure.reason,
      attempts: next.attempts, held: next.state === 'held', timeMs: tx.nowMs });
    if (next.state === 'queued') signals.push({ type: 'queued' });
    return OK;
  });
}

/** `job:release`: the agent gives the job back (shutdown); re-queued at once, no attempt counted. */
export function reportRelease(ctx: HostContext, agentId: string, raw: unknown): JudgeAck {
  const { leaseId } = parse(LeaseRef, raw, 'release');
  return releaseLease(ctx, agentId, leaseId, 'released by the agent');
}

/** Takes a lease back from an agent (release, disconnect) if it is still current; no attempt counted. */
export function releaseLease(ctx: HostContext, agentId: string, leaseId: string, reason: string): JudgeAck {
  return withCurrentLease(ctx, agentId, leaseId, OK, (tx, row, signals) => {
    takeBackLease(tx, row, { countAttempt: false, reason, maxAttempts: Infinity });
    signals.push({ type: 'queued' });
    return OK;
  });
}
