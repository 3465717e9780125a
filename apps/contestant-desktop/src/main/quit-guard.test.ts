import { describe, expect, it } from 'vitest';
import type { QuitResult } from '../shared/bridge';
import { createQuitGuard } from './quit-guard';

function setup(answer: (code: string) => Promise<QuitResult>) {
  const reports: string[] = [];
  let quits = 0;
  const guard = createQuitGuard({ verify: answer, reportAttempt: (d) => reports.push(d), quit: () => { quits += 1; } });
  const event = () => {
    const e = { prevented: false, preventDefault() { e.prevented = true; } };
    return e;
  };
  return { guard, reports, quits: () => quits, event };
}

describe('quit guard', () => {
  it('cancels closing and quitting before a verified code, and reports each attempt', () => {
    const { guard, reports, event } = setup(async () => ({ ok: false, message: 'Wrong exit code.' }));
    const close = event();
    const quit = event();
    guard.interceptQuit(close, 'closing the window');
    guard.interceptQuit(quit, 'quitting the app');
    expect([close.prevented, quit.prevented]).toEqual([true, true]);
    expect(reports).toEqual(['closing the window blocked (no exit code)', 'quitting the app blocked (no exit code)']);
  });

  it('a wrong code keeps the app open and is reported', async () => {
    const { guard, reports, quits, event } = setup(async (code) => ({ ok: code === '4711', message: code === '4711' ? 'ok' : 'Wrong exit code.' }));
    expect(await guard.requestQuit('1234')).toEqual({ ok: false, message: 'Wrong exit code.' });
    expect(quits()).toBe(0);
    expect(reports).toEqual(['exit refused: Wrong exit code.']);
    const e = event();
    guard.interceptQuit(e, 'quitting the app');
    expect(e.prevented).toBe(true);
  });

  it('the right code quits once and lets the close/quit events through', async () => {
    const { guard, quits, event } = setup(async () => ({ ok: true, message: 'Exit code accepted.' }));
    expect(await guard.requestQuit('4711')).toEqual({ ok: true, message: 'Exit code accepted.' });
    expect(quits()).toBe(1);
    const e = event();
    guard.interceptQuit(e, 'quitting the app');
    expect(e.prevented).toBe(false);
  });

  it('runs one check at a time', async () => {
    let release: (r: QuitResult) => void = () => {};
    const { guard } = setup(() => new Promise((resolve) => { release = resolve; }));
    const first = guard.requestQuit('1');
    expect(await guard.requestQuit('2')).toMatchObject({ ok: false, message: expect.stringMatching(/Still checking/) });
    release({ ok: false, message: 'Wrong exit code.' });
    expect(await first).toMatchObject({ ok: false });
  });

  it('lets an OS shutdown through without a code', () => {
    const { guard, event } = setup(async () => ({ ok: false, message: '' }));
    guard.allowQuit();
    const e = event();
    guard.interceptQuit(e, 'quitting the app');
    expect(e.prevented).toBe(false);
  });
});
