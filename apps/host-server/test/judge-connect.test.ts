import { PROTOCOL_VERSION } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ask, connectAgent, seedContest, seedSubmission, snapshotJudgingTables, startJudgeHost, type JudgeTestHost,
} from './helpers/judge-seed';

let h: JudgeTestHost;
const sockets: Socket[] = [];
async function agent(hello: Record<string, unknown> = {}): Promise<Socket> {
  const socket = await connectAgent(h.url, hello);
  sockets.push(socket);
  return socket;
}

beforeEach(async () => {
  h = await startJudgeHost();
  seedContest(h.ctx);
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await h.close();
});

describe('/judge handshake', () => {
  it('accepts the right key and protocol version', async () => {
    const socket = await agent();
    expect(socket.connected).toBe(true);
  });

  it.each([
    { name: 'wrong key', hello: { key: 'not-the-judge-key-at-all' }, message: /wrong judge key/ },
    { name: 'other protocol version', hello: { protocolVersion: PROTOCOL_VERSION + 1 }, message: new RegExp(`protocol version ${PROTOCOL_VERSION + 1} does not match the host's version ${PROTOCOL_VERSION}`) },
    { name: 'missing agent id', hello: { agentId: undefined }, message: /invalid judge hello: agentId/ },
    { name: 'unknown sandbox', hello: { sandbox: 'chroot' }, message: /invalid judge hello: sandbox/ },
    { name: 'no key', hello: { key: undefined }, message: /invalid judge hello: key/ },
  ])('refuses $name with a clear connect_error', async ({ hello, message }) => {
    await expect(connectAgent(h.url, hello)).rejects.toThrow(message);
  });
});

describe('/judge nudges', () => {
  it('an idle agent gets job:available when a submission is queued', async () => {
    const socket = await agent();
    expect(await ask(socket, 'job:request')).toEqual({ job: null });
    const nudged = new Promise<void>((resolve) => socket.once('job:available', () => resolve()));
    const id = seedSubmission(h.ctx, 't1');
    await nudged;
    const offer = await ask<{ job: { submissionId: string } | null }>(socket, 'job:request', {});
    expect(offer.job?.submissionId).toBe(id);
  });
});

describe('/judge bad messages get an error ack and change nothing', () => {
  const notObjects = [5, 'text', true, [1, 2]];
  const badLeaseMessages = [
    ...notObjects, null, {}, { leaseId: 5 }, { leaseId: '' }, { leaseId: ['x'] },
  ];
  const cases: Array<{ event: string; payload: unknown }> = [
    ...notObjects.map((payload) => ({ event: 'job:request', payload })),
    ...badLeaseMessages.flatMap((payload) => ['job:heartbeat', 'job:release', 'job:testcase', 'job:result', 'job:failure'].map((event) => ({ event, payload }))),
    { event: 'job:testcase', payload: { leaseId: 'x', testcaseId: 'tc1', ordinal: 1, verdict: 'XX', cpuTimeMs: 1, wallTimeMs: 1, memoryBytes: 1 } },
    { event: 'job:testcase', payload: { leaseId: 'x', testcaseId: 'tc1', ordinal: 1, verdict: 'AC', cpuTimeMs: '1', wallTimeMs: 1, memoryBytes: 1 } },
    { event: 'job:testcase', payload: { leaseId: 'x', testcaseId: 'tc1', ordinal: 1, verdict: 'JE', cpuTimeMs: 1, wallTimeMs: 1, memoryBytes: 1 } },
    { event: 'job:result', payload: { leaseId: 'x', verdict: 'JE' } },
    { event: 'job:result', payload: { leaseId: 'x', verdict: 'AC', maxCpuTimeMs: -1 } },
    { event: 'job:failure', payload: { leaseId: 'x' } },
    { event: 'job:failure', payload: { leaseId: 'x', reason: '' } },
  ];

  it('for every kind of malformed payload', async () => {
    seedSubmission(h.ctx, 't1');
    const socket = await agent();
    const offer = await ask<{ job: { leaseId: string } | null }>(socket, 'job:request');
    expect(offer.job).not.toBeNull();
    const before = snapshotJudgingTables(h.db);
    for (const { event, payload } of cases) {
      const ack = await ask<{ ok?: boolean; job?: unknown; error?: string }>(socket, event, payload);
      expect(ack.error, `${event} ${JSON.stringify(payload)}`).toMatch(/^invalid /);
      if (event === 'job:request') expect(ack.job).toBeNull();
      else expect(ack.ok).toBe(false);
    }
    expect(snapshotJudgingTables(h.db)).toEqual(before);
  });

  it('for well-formed messages with an unknown lease (stale) or an unknown test case', async () => {
    seedSubmission(h.ctx, 't1');
    const socket = await agent();
    const offer = await ask<{ job: { leaseId: string } }>(socket, 'job:request');
    const before = snapshotJudgingTables(h.db);
    const unknown = 'no-such-lease';
    const messages: Array<[string, unknown]> = [
      ['job:heartbeat', { leaseId: unknown }],
      ['job:release', { leaseId: unknown }],
      ['job:testcase', { leaseId: unknown, testcaseId: 'tc1', ordinal: 1, verdict: 'AC', cpuTimeMs: 1, wallTimeMs: 1, memoryBytes: 1 }],
      ['job:result', { leaseId: unknown, verdict: 'AC' }],
      ['job:failure', { leaseId: unknown, reason: 'sandbox broke' }],
    ];
    for (const [event, payload] of messages) {
      expect(await ask(socket, event, payload), event).toMatchObject({ ok: false, stale: true });
    }
    const wrongCase = await ask(socket, 'job:testcase',
      { leaseId: offer.job.leaseId, testcaseId: 'nope', ordinal: 1, verdict: 'AC', cpuTimeMs: 1, wallTimeMs: 1, memoryBytes: 1 });
    expect(wrongCase).toEqual({ ok: false, error: 'test case nope is not part of this job' });
    expect(snapshotJudgingTables(h.db)).toEqual(before);
  });

  it('another agent presenting a lease it does not hold is stale', async () => {
    seedSubmission(h.ctx, 't1');
    const holder = await agent();
    const thief = await agent();
    const offer = await ask<{ job: { leaseId: string } }>(holder, 'job:request');
    const before = snapshotJudgingTables(h.db);
    expect(await ask(thief, 'job:result', { leaseId: offer.job.leaseId, verdict: 'AC' })).toMatchObject({ ok: false, stale: true });
    expect(snapshotJudgingTables(h.db)).toEqual(before);
  });
});
