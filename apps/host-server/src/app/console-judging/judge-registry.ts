import type { JudgeAgentInfo, JudgesOverview } from '@arena/protocol';
import type { Db } from '../../adapters/sqlite/database';
import {
  countAgentVerdicts, getAgent, isAgentPaused, lastAgentError, listAgents, listContestIds, listLeasedJobs, setAgentPaused, touchAgent,
  upsertAgent, type JudgeAgentDbRow,
} from '../../adapters/sqlite/repos/console-judging-agents-repo';
import { countQueue } from '../../adapters/sqlite/repos/judge-queue-repo';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { emitJudgingSignal } from '../judging/judging-signals';
import { auditJuryAction, signalConsoles } from './console-audit';

/** Window of `jobsPerMinute`. */
const RATE_WINDOW_MS = 10 * 60_000;

/**
 * The judge agents registry of the console. Who is online is known only in this process (the
 * `/judge` namespace reports connects and disconnects); what outlives a restart (hostname,
 * sandbox, paused, last seen) is in SQLite, keyed by agent id, so a paused agent stays paused
 * when it reconnects. Figures (current job, rate, errors) are read from the queue, judgements
 * and audit log when asked.
 */

interface Presence {
  connections: number;
  lastSeenMs: number;
}

const presenceByDb = new WeakMap<Db, Map<string, Presence>>();

function presenceOf(db: Db): Map<string, Presence> {
  let map = presenceByDb.get(db);
  if (!map) {
    map = new Map();
    presenceByDb.set(db, map);
  }
  return map;
}

/** An agent's socket connected (after its hello was accepted). */
export function agentConnected(ctx: HostContext, hello: { agentId: string; hostname: string; sandbox: string }): void {
  const nowMs = ctx.clock();
  ctx.store.write((tx) => upsertAgent(tx.db, { ...hello, nowMs: tx.nowMs }));
  const presence = presenceOf(ctx.store.db);
  const entry = presence.get(hello.agentId) ?? { connections: 0, lastSeenMs: nowMs };
  presence.set(hello.agentId, { connections: entry.connections + 1, lastSeenMs: nowMs });
  signalConsoles(ctx.store.db, listContestIds(ctx.store.db), ['judges']);
}

/** An agent's socket disconnected. */
export function agentDisconnected(ctx: HostContext, agentId: string): void {
  const nowMs = ctx.clock();
  const presence = presenceOf(ctx.store.db);
  const entry = presence.get(agentId);
  if (entry) presence.set(agentId, { connections: Math.max(0, entry.connections - 1), lastSeenMs: nowMs });
  ctx.store.write((tx) => touchAgent(tx.db, agentId, tx.nowMs));
  signalConsoles(ctx.store.db, listContestIds(ctx.store.db), ['judges']);
}

/** The agent sent something (in memory only: no write per heartbeat). */
export function agentSeen(ctx: HostContext, agentId: string): void {
  const entry = presenceOf(ctx.store.db).get(agentId);
  if (entry) entry.lastSeenMs = ctx.clock();
}

/** False while the jury has paused this agent: it is offered no new job. */
export function agentMayTakeJobs(db: Db, agentId: string): boolean {
  return !isAgentPaused(db, agentId);
}

function infoOf(ctx: HostContext, row: JudgeAgentDbRow): JudgeAgentInfo {
  const db = ctx.store.db;
  const nowMs = ctx.clock();
  const presence = presenceOf(db).get(row.agentId);
  const job = listLeasedJobs(db, row.agentId)[0];
  const counts = countAgentVerdicts(db, row.agentId, nowMs - RATE_WINDOW_MS);
  return {
    agentId: row.agentId,
    ...(row.hostname === '' ? {} : { hostname: row.hostname }),
    online: (presence?.connections ?? 0) > 0,
    sandbox: row.sandbox,
    paused: row.paused === 1,
    currentJob: job ? { submissionId: job.submissionId, kind: job.kind, sinceMs: job.leasedMs ?? nowMs } : null,
    jobsPerMinute: Math.round((counts.recent / (RATE_WINDOW_MS / 60_000)) * 100) / 100,
    judgedTotal: counts.total,
    lastError: lastAgentError(db, row.agentId) ?? null,
    lastSeenMs: Math.max(row.lastSeenMs, presence?.lastSeenMs ?? 0),
  };
}

/** Every agent ever seen (online first, then by id) and the queue figures. */
export function judgesOverview(ctx: HostContext): JudgesOverview {
  const judges = listAgents(ctx.store.db).map((row) => infoOf(ctx, row));
  judges.sort((a, b) => Number(b.online) - Number(a.online) || a.agentId.localeCompare(b.agentId));
  const counts = countQueue(ctx.store.db);
  return {
    judges,
    queue: {
      depth: counts.queued,
      oldestWaitMs: counts.oldestQueuedMs === null ? null : Math.max(0, ctx.clock() - counts.oldestQueuedMs),
      held: counts.held,
    },
  };
}

/**
 * Pauses or resumes an agent (by id; it need not be online). A paused agent finishes its current
 * job but is offered no new one until resumed; resuming nudges idle agents. Audited.
 * `not_found` for an agent never seen.
 */
export function setAgentPausedByJury(ctx: HostContext, actor: Principal, agentId: string, paused: boolean): JudgeAgentInfo {
  ctx.store.write((tx) => {
    if (!setAgentPaused(tx.db, agentId, paused)) throw new AppError('not_found', `no judge agent ${agentId} has ever connected`);
    auditJuryAction(tx, actor, actor.contestId, paused ? 'judge-paused' : 'judge-resumed', { agentId });
  });
  if (!paused) emitJudgingSignal(ctx.store.db, { type: 'queued' });
  signalConsoles(ctx.store.db, listContestIds(ctx.store.db), ['judges', 'audit']);
  const row = getAgent(ctx.store.db, agentId);
  if (!row) throw new AppError('not_found', `no judge agent ${agentId} has ever connected`);
  return infoOf(ctx, row);
}
