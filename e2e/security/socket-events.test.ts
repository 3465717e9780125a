import type { RealtimeAck } from '@arena/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestHost, TEST_T0, type ApiTestHost } from '../../apps/host-server/test/helpers/api-host';
import { connectAgent } from '../../apps/host-server/test/helpers/judge-seed';
import { connectRecorder, loginToken, MINUTE, versioned, type Recorder } from '../../apps/host-server/test/realtime-test-support';

// Every client event the host listens to on /contestant and /proctor, read from the host's own
// sockets (so events added later are covered), is sent garbage: each gets an error ack, the
// event log is unchanged and the socket keeps working. The /judge handshake refusals (no key,
// wrong key, wrong protocol version, bad hello) are in apps/host-server/test/judge-connect.test.ts;
// here: a team's login token or password is not a judge key.
const JUDGE_KEY = 'socket-events-judge-key-0123456789';
/** socket.io's own events on a server socket, not client requests. */
const RESERVED = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);
const GARBAGE: unknown[] = [42, 'text', true, [1, 2, 3], { view: 'nope' }, { view: { $ne: null } }, { view: 'x'.repeat(100_000) }, [[[[[[]]]]]]];

let h: ApiTestHost;
const recorders: Recorder[] = [];

beforeAll(async () => {
  h = await startApiTestHost({ seed: { teams: 3, scheduledStartMs: TEST_T0 }, config: { judgeKey: JUDGE_KEY } });
  h.clock.set(TEST_T0 + 10 * MINUTE);
});
afterAll(async () => {
  for (const r of recorders) r.close();
  await h?.close();
});

function eventCount(): number {
  // Clock-driven events (`state`, `problems` at the start) come from the clock ticker: not counted.
  return (h.ctx.store.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type NOT IN ('state', 'problems')").get() as { n: number }).n;
}

/** The client events the host registered on the server side of `namespace`'s connected socket. */
function serverEvents(namespace: string): string[] {
  const socket = [...h.host.io.of(namespace).sockets.values()][0];
  if (!socket) throw new Error(`no socket connected on ${namespace}`);
  return socket.eventNames().filter((e: string | symbol): e is string => typeof e === 'string' && !RESERVED.has(e));
}

describe('garbage payloads on the realtime namespaces', () => {
  it.each([
    ['/contestant', 'team1'],
    ['/proctor', 'jury'],
  ])('%s: every client event answers garbage with an error ack and changes nothing', async (namespace, user) => {
    const recorder = await connectRecorder(h.url, namespace, versioned({ token: await loginToken(h, user) }));
    recorders.push(recorder);
    const events = serverEvents(namespace);
    expect(events.length).toBeGreaterThan(0);
    console.log(`${namespace} client events swept: ${events.join(', ')}`);
    const before = eventCount();
    const problems: string[] = [];
    for (const event of events) {
      for (const payload of GARBAGE) {
        const ack = await recorder.socket.timeout(5000).emitWithAck(event, payload) as RealtimeAck<unknown>;
        if (ack.ok !== false || typeof ack.error !== 'string' || ack.error === '') {
          problems.push(`${event} ${JSON.stringify(payload).slice(0, 60)} -> ${JSON.stringify(ack).slice(0, 200)}`);
        }
      }
      // Garbage without an ack callback must not break the connection either.
      recorder.socket.emit(event, 'no-ack-garbage');
    }
    expect(problems).toEqual([]);
    expect(eventCount()).toBe(before);
    // Still connected and still served.
    const snapshot = await recorder.socket.timeout(5000).emitWithAck('snapshot', { view: 'public' }) as RealtimeAck<unknown>;
    expect(recorder.socket.connected).toBe(true);
    expect(snapshot.ok).toBe(true);
    recorder.close();
  });

  it('/contestant: a team asking for the jury board is refused', async () => {
    const recorder = await connectRecorder(h.url, '/contestant', versioned({ token: await loginToken(h, 'team2') }));
    recorders.push(recorder);
    const ack = await recorder.socket.timeout(5000).emitWithAck('snapshot', { view: 'jury' }) as RealtimeAck<unknown>;
    expect(ack).toEqual({ ok: false, error: 'only the jury can see the jury board' });
    recorder.close();
  });
});

describe('/judge is for the judge key only', () => {
  it('refuses a team\'s login token, a team\'s password and a jury token as the judge key', async () => {
    const teamToken = await loginToken(h, 'team1');
    const juryToken = await loginToken(h, 'jury');
    for (const key of [teamToken, 'team1pass', juryToken]) {
      await expect(connectAgent(h.url, { key })).rejects.toThrow(/wrong judge key|invalid judge hello: key/);
    }
    const judge = await connectAgent(h.url, { key: JUDGE_KEY });
    expect(judge.connected).toBe(true);
    judge.close();
  });

  it('refuses /judge/files to a team token even for a hash that exists', async () => {
    const teamToken = await loginToken(h, 'team1');
    const attempts: Array<Record<string, string>> = [{ authorization: `Bearer ${teamToken}` }, { 'x-judge-key': teamToken }, {}];
    for (const headers of attempts) {
      const res = await fetch(`${h.url}/judge/files/${h.seed.secretInputSha256}`, { headers });
      expect([401, 403]).toContain(res.status);
      expect(await res.text()).not.toContain('SECRET-INPUT');
    }
    const judge = await fetch(`${h.url}/judge/files/${h.seed.secretInputSha256}`, { headers: { 'x-judge-key': JUDGE_KEY } });
    expect(await judge.text()).toContain('SECRET-INPUT');
  });
});
