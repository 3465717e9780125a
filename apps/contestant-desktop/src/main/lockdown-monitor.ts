import type { LockdownSignal } from '../shared/bridge';

export interface LockdownMonitor {
  focusLost(): void;
  focusRegained(): void;
  /** Call with the current number of displays on every display-added/removed; reports only real changes. */
  displaysChanged(count: number): void;
  virtualMachine(detail: string): void;
  appStarted(detail: string): void;
  quitAttempt(detail: string): void;
}

/**
 * Turns what main observes into `LockdownSignal`s for the renderer (which forwards them to the
 * host). Focus signals are sent only on a change (blur twice = one signal); the display count is
 * remembered from `initialDisplayCount` so that only a change in the number of screens is sent.
 */
export function createLockdownMonitor(deps: { emit(signal: LockdownSignal): void; nowMs(): number; initialDisplayCount: number }): LockdownMonitor {
  let focused = true;
  let displays = deps.initialDisplayCount;
  const emit = (kind: LockdownSignal['kind'], detail: string): void => deps.emit({ kind, detail: detail.slice(0, 500), clientTimeMs: deps.nowMs() });
  return {
    focusLost() {
      if (!focused) return;
      focused = false;
      emit('focus-lost', 'the Arena window lost focus');
    },
    focusRegained() {
      if (focused) return;
      focused = true;
      emit('focus-regained', 'the Arena window has focus again');
    },
    displaysChanged(count) {
      if (count === displays) return;
      const before = displays;
      displays = count;
      emit('display-count-changed', `${count} display${count === 1 ? '' : 's'} (was ${before})`);
    },
    virtualMachine(detail) {
      emit('virtual-machine', detail);
    },
    appStarted(detail) {
      emit('app-started', detail);
    },
    quitAttempt(detail) {
      emit('quit-attempt', detail);
    },
  };
}

/**
 * Holds signals until the window can receive them (its page finished loading), then delivers in
 * order; keeps at most `limit` (the oldest are dropped first, and the drop is itself reported).
 */
export function createSignalOutbox(limit: number): { push(signal: LockdownSignal): void; open(deliver: (signal: LockdownSignal) => void): void; close(): void } {
  let queue: LockdownSignal[] = [];
  let dropped = 0;
  let deliver: ((signal: LockdownSignal) => void) | null = null;
  return {
    push(signal) {
      if (deliver !== null) {
        deliver(signal);
        return;
      }
      queue.push(signal);
      if (queue.length > limit) {
        queue.shift();
        dropped += 1;
      }
    },
    open(target) {
      deliver = target;
      const pending = queue;
      queue = [];
      if (dropped > 0) pending.unshift({ kind: 'app-started', detail: `${dropped} earlier lockdown signal(s) were dropped before the window loaded`, clientTimeMs: pending[0]?.clientTimeMs ?? 0 });
      dropped = 0;
      for (const signal of pending) target(signal);
    },
    close() {
      deliver = null;
    },
  };
}
