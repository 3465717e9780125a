/**
 * Lease rules of the judge queue (pure). A lease id is a fencing token: a message about a job
 * counts only while its lease is the job's current one.
 */

export interface LeaseHolder {
  state: 'queued' | 'leased' | 'done' | 'held';
  leaseId: string | null;
  agentId: string | null;
}

/**
 * How to treat a message carrying `leaseId` from `agentId`, given the row that holds (or last
 * held) that lease: `current` = act on it; `finished` = the job is already done under this very
 * lease (a repeat: acknowledge, change nothing); `stale` = drop it and tell the agent to stop.
 */
export function classifyLease(row: LeaseHolder | undefined, leaseId: string, agentId: string): 'current' | 'finished' | 'stale' {
  if (!row || row.leaseId !== leaseId || row.agentId !== agentId) return 'stale';
  if (row.state === 'leased') return 'current';
  if (row.state === 'done') return 'finished';
  return 'stale';
}

/** When a lease granted or renewed at `nowMs` expires without a heartbeat. */
export function leaseExpiresAt(nowMs: number, leaseTimeoutMs: number): number {
  return nowMs + leaseTimeoutMs;
}

export function isLeaseExpired(leaseExpiresMs: number | null, nowMs: number): boolean {
  return leaseExpiresMs !== null && leaseExpiresMs <= nowMs;
}

/**
 * Where a job goes after a judging error: back to the queue, or `held` for the jury once it has
 * failed `maxAttempts` times (a broken problem or a bad judge must not loop forever).
 */
export function afterJudgingError(previousAttempts: number, maxAttempts: number): { attempts: number; state: 'queued' | 'held' } {
  const attempts = previousAttempts + 1;
  return { attempts, state: attempts >= maxAttempts ? 'held' : 'queued' };
}
