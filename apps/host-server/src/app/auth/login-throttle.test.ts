import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

function setup() {
  let nowMs = 1_000_000;
  const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 60_000, clock: () => nowMs });
  return { throttle, advance: (ms: number) => { nowMs += ms; } };
}

describe('LoginThrottle', () => {
  it('allows attempts until the limit of failures, then refuses for the rest of the window', () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterMs('ip|team1')).toBe(0);
      throttle.recordFailure('ip|team1');
      advance(1000);
    }
    expect(throttle.retryAfterMs('ip|team1')).toBe(57_000);
    expect(throttle.retryAfterMs('ip|team2')).toBe(0);
    advance(57_000);
    expect(throttle.retryAfterMs('ip|team1')).toBe(0);
  });

  it('forgets failures after a success', () => {
    const { throttle } = setup();
    throttle.recordFailure('k');
    throttle.recordFailure('k');
    throttle.recordSuccess('k');
    throttle.recordFailure('k');
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
  });

  it('starts a new window once the old one is over', () => {
    const { throttle, advance } = setup();
    throttle.recordFailure('k');
    throttle.recordFailure('k');
    advance(60_000);
    throttle.recordFailure('k');
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(0);
    throttle.recordFailure('k');
    expect(throttle.retryAfterMs('k')).toBe(60_000);
  });
});
