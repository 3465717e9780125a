import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthService } from '../../src/app/auth/auth-service';
import { expireRealtimeSessions } from '../../src/realtime/realtime-session-expiry';
import { call, type ApiTestHost } from '../helpers/api-host';
import { connectRecorder, loginToken, settle, until, versioned, type Recorder } from '../realtime-test-support';
import { startTestRunHost } from './test-run-support';

let h: ApiTestHost;
const closers: Array<() => void> = [];
beforeEach(async () => {
  h = await startTestRunHost();
});
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await h.close();
});

async function open(namespace: '/contestant' | '/proctor', token: string): Promise<{ recorder: Recorder; disconnected: Promise<string> }> {
  const recorder = await connectRecorder(h.url, namespace, versioned({ token }));
  closers.push(() => recorder.close());
  const disconnected = new Promise<string>((resolve) => recorder.socket.once('disconnect', (reason) => resolve(reason)));
  return { recorder, disconnected };
}

describe('realtime sessions end with their login token', () => {
  it('logout disconnects that token\'s /contestant and /proctor sockets with a readable reason, and no other', async () => {
    const teamToken = await loginToken(h, 'team1');
    const otherTeamToken = await loginToken(h, 'team1');
    const juryToken = await loginToken(h, 'jury');
    const team = await open('/contestant', teamToken);
    const sameTeamOtherLogin = await open('/contestant', otherTeamToken);
    const jury = await open('/proctor', juryToken);

    const out = await call(h.url, 'POST', '/api/logout', { auth: `Bearer ${teamToken}` });
    expect(out.status).toBe(204);
    expect(await team.disconnected).toBe('io server disconnect');
    expect(team.recorder.of('session:ended')).toEqual([{ reason: 'the session token is not valid (logged out or unknown); log in again' }]);

    const juryOut = await call(h.url, 'POST', '/api/logout', { auth: `Bearer ${juryToken}` });
    expect(juryOut.status).toBe(204);
    expect(await jury.disconnected).toBe('io server disconnect');
    expect(jury.recorder.of('session:ended')).toHaveLength(1);

    await settle(200);
    expect(sameTeamOtherLogin.recorder.socket.connected).toBe(true);
    expect(sameTeamOtherLogin.recorder.of('session:ended')).toEqual([]);
  });

  it('a token that expires while connected is noticed by the periodic check', async () => {
    const token = await loginToken(h, 'team2');
    const team = await open('/contestant', token);
    // A second checker with a short period (the host's own runs every 15 s).
    const stop = expireRealtimeSessions(h.ctx, h.host.io, createAuthService(h.ctx), { checkIntervalMs: 50 });
    closers.push(stop);
    await settle(200);
    expect(team.recorder.socket.connected).toBe(true);
    h.clock.advance(h.ctx.config.auth.sessionTtlHours * 3_600_000 + 1);
    expect(await team.disconnected).toBe('io server disconnect');
    await until(() => team.recorder.of('session:ended')[0], 'the session:ended event');
    expect(team.recorder.of('session:ended')).toEqual([{ reason: 'the session has expired; log in again' }]);
    // And it cannot come back with the same token.
    await expect(connectRecorder(h.url, '/contestant', versioned({ token }))).rejects.toThrow(/expired/);
  });
});
