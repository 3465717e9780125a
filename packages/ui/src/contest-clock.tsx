import type { ContestState } from '@arena/protocol';
import { useEffect, useState } from 'react';
import { contestPhase, type ClockContest } from './contest-phase';

/**
 * Host time now: the local clock plus `offsetMs` (host minus local, measured from the
 * `serverTimeMs` of the host's messages), re-read every `intervalMs`.
 */
export function useHostNow(offsetMs: number, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const timer = setInterval(() => setNow(Date.now() + offsetMs), intervalMs);
    return () => clearInterval(timer);
  }, [offsetMs, intervalMs]);
  return now;
}

/** The contest clock: phase label and the big time (to start, remaining, or over), in host time. */
export function ContestClock({ contest, state, offsetMs }: { contest: ClockContest; state: ContestState | null; offsetMs: number }) {
  const info = contestPhase(contest, state, useHostNow(offsetMs));
  return (
    <div className={`arena-clock arena-clock--${info.phase}`} data-testid="contest-clock" data-phase={info.phase} role="timer" aria-live="off">
      <span className="arena-clock-label">{info.label}</span>
      <span className="arena-clock-time">{info.clockText}</span>
    </div>
  );
}
