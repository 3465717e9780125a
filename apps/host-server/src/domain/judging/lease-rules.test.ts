import { describe, expect, it } from 'vitest';
import { afterJudgingError, classifyLease, isLeaseExpired, leaseExpiresAt, type LeaseHolder } from './lease-rules';

const held = (state: LeaseHolder['state'], leaseId: string | null = 'L1', agentId: string | null = 'a1'): LeaseHolder => ({ state, leaseId, agentId });

describe('classifyLease', () => {
  it.each([
    { name: 'current lease of a leased job', row: held('leased'), lease: 'L1', agent: 'a1', expected: 'current' },
    { name: 'repeat after the job is done', row: held('done'), lease: 'L1', agent: 'a1', expected: 'finished' },
    { name: 'no row holds the lease', row: undefined, lease: 'L1', agent: 'a1', expected: 'stale' },
    { name: 'another lease is current', row: held('leased', 'L2'), lease: 'L1', agent: 'a1', expected: 'stale' },
    { name: 'another agent presents the lease', row: held('leased'), lease: 'L1', agent: 'a2', expected: 'stale' },
    { name: 'job was re-queued', row: held('queued', null, null), lease: 'L1', agent: 'a1', expected: 'stale' },
    { name: 'job is held', row: held('held', 'L1'), lease: 'L1', agent: 'a1', expected: 'stale' },
  ])('$name', ({ row, lease, agent, expected }) => {
    expect(classifyLease(row, lease, agent)).toBe(expected);
  });
});

describe('lease expiry', () => {
  it.each([
    { expires: null, now: 100, expired: false },
    { expires: 100, now: 99, expired: false },
    { expires: 100, now: 100, expired: true },
    { expires: 100, now: 5000, expired: true },
  ])('expires $expires at $now → $expired', ({ expires, now, expired }) => {
    expect(isLeaseExpired(expires, now)).toBe(expired);
  });

  it('a lease lasts the timeout from its grant or last heartbeat', () => {
    expect(leaseExpiresAt(1000, 5000)).toBe(6000);
  });
});

describe('afterJudgingError', () => {
  it.each([
    { previous: 0, max: 3, attempts: 1, state: 'queued' },
    { previous: 1, max: 3, attempts: 2, state: 'queued' },
    { previous: 2, max: 3, attempts: 3, state: 'held' },
    { previous: 0, max: 1, attempts: 1, state: 'held' },
  ])('after $previous errors (max $max)', ({ previous, max, attempts, state }) => {
    expect(afterJudgingError(previous, max)).toEqual({ attempts, state });
  });
});
