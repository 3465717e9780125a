import { describe, expect, it } from 'vitest';
import type { LockdownSignal } from '../shared/bridge';
import { createLockdownMonitor, createSignalOutbox } from './lockdown-monitor';

function setup(initialDisplayCount = 1) {
  const signals: LockdownSignal[] = [];
  let now = 1000;
  const monitor = createLockdownMonitor({ emit: (s) => signals.push(s), nowMs: () => now++, initialDisplayCount });
  return { monitor, signals };
}

describe('lockdown monitor', () => {
  it('reports focus changes once per change', () => {
    const { monitor, signals } = setup();
    monitor.focusRegained();
    monitor.focusLost();
    monitor.focusLost();
    monitor.focusRegained();
    expect(signals.map((s) => s.kind)).toEqual(['focus-lost', 'focus-regained']);
    expect(signals[0]!.clientTimeMs).toBe(1000);
  });

  it('reports a change in the number of displays, not every display event', () => {
    const { monitor, signals } = setup(1);
    monitor.displaysChanged(1);
    monitor.displaysChanged(2);
    monitor.displaysChanged(2);
    monitor.displaysChanged(1);
    expect(signals.map((s) => [s.kind, s.detail])).toEqual([
      ['display-count-changed', '2 displays (was 1)'],
      ['display-count-changed', '1 display (was 2)'],
    ]);
  });

  it('caps details at the protocol limit (500 chars)', () => {
    const { monitor, signals } = setup();
    monitor.virtualMachine('x'.repeat(900));
    expect(signals[0]).toMatchObject({ kind: 'virtual-machine' });
    expect(signals[0]!.detail).toHaveLength(500);
  });
});

describe('signal outbox', () => {
  const signal = (detail: string): LockdownSignal => ({ kind: 'app-started', detail, clientTimeMs: 1 });

  it('holds signals until the window can take them, then delivers in order and passes later ones straight on', () => {
    const outbox = createSignalOutbox(10);
    const delivered: string[] = [];
    outbox.push(signal('a'));
    outbox.push(signal('b'));
    outbox.open((s) => delivered.push(s.detail));
    outbox.push(signal('c'));
    expect(delivered).toEqual(['a', 'b', 'c']);
  });

  it('keeps the newest when over the limit and says how many were dropped', () => {
    const outbox = createSignalOutbox(2);
    const delivered: string[] = [];
    for (const d of ['a', 'b', 'c', 'd']) outbox.push(signal(d));
    outbox.open((s) => delivered.push(s.detail));
    expect(delivered).toEqual(['2 earlier lockdown signal(s) were dropped before the window loaded', 'c', 'd']);
  });

  it('queues again while the page reloads', () => {
    const outbox = createSignalOutbox(10);
    const delivered: string[] = [];
    outbox.open((s) => delivered.push(s.detail));
    outbox.close();
    outbox.push(signal('during reload'));
    expect(delivered).toEqual([]);
    outbox.open((s) => delivered.push(s.detail));
    expect(delivered).toEqual(['during reload']);
  });
});
