import { describe, expect, it } from 'vitest';
import { formatLoadSummary } from './load-report';
import { DEFAULT_LOAD_OPTIONS, runLoadTest } from './load-run';

// The load test's smoke run, so CI exercises the whole script: a real host process, real Redis,
// 50 logged-in contestant sockets, a projector, fast protocol judges and 30 submissions in 10 s.
// Asserts correctness only (every submission acknowledged, stored and judged, verdicts pushed to
// the teams, the projector saw every delta in order), never a time: the figures are printed.
describe('load test (smoke: 50 contestants, 30 submissions, 10 s)', () => {
  it('acknowledges, stores and judges every submission and pushes every verdict', async () => {
    const summary = await runLoadTest({
      ...DEFAULT_LOAD_OPTIONS, contestants: 50, submissions: 30, seconds: 10, fastJudges: 4, drainSeconds: 60, hardTimeoutSeconds: 150,
    });
    console.log(formatLoadSummary(summary));
    expect(summary.ingest.firstRefusal).toBeNull();
    expect(summary.checks).toEqual({ allAcknowledged: true, allJudged: true, noLoss: true });
    expect(summary.ingest.acknowledged).toBe(30);
    expect(summary.judging.storedTotal).toBe(30);
    expect(summary.judging.verdictsPushed).toBe(30);
    expect(summary.judging.judgeErrors).toEqual([]);
    expect(summary.sockets).toMatchObject({ contestants: 50, disconnects: 0, badPushes: 0 });
    expect(summary.scoreboard.gaps).toBe(0);
    expect(summary.scoreboard.verdictsWithoutDelta).toBe(0);
    expect(summary.queueWait.count).toBe(30);
  }, 180_000);
});
