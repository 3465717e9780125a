/**
 * Set-up of the test-run tests: a real host (real SQLite in a temp dir, HTTP on 127.0.0.1:0,
 * hand-moved clock) with a started contest whose problem `hello` has one sample (`1 2` → `3`)
 * and one secret case, plus a judge key so a socket.io-client can speak the `/judge` protocol.
 */
import { expect } from 'vitest';
import { call, startApiTestHost, TEST_T0, type ApiTestHost } from '../helpers/api-host';
import { JUDGE_KEY } from '../helpers/judge-seed';
import { authOf } from '../realtime-test-support';

export const HOUR = 3_600_000;

const SPEC = {
  format: 'legacy-icpc', type: 'pass-fail', timeLimitMs: 1000, memoryLimitBytes: 256 << 20, outputLimitBytes: 8 << 20,
  compileTimeLimitMs: 60_000, validatorTimeLimitMs: 30_000, validatorMemoryLimitBytes: 1 << 30, validation: 'default',
  validatorFlags: [], validator: [], inputValidators: [], testGroups: [], warnings: [],
};

/** A contest that started at TEST_T0 (5 h long); the host clock is 10 minutes in. */
export async function startTestRunHost(): Promise<ApiTestHost> {
  const h = await startApiTestHost({
    seed: { teams: 3, scheduledStartMs: TEST_T0, freezeDurationMs: HOUR },
    config: { judgeKey: JUDGE_KEY, submissions: { rateLimitBurst: 1000, rateLimitPerMinute: 1000 } },
  });
  h.ctx.store.write((tx) => {
    tx.db.prepare('UPDATE problems SET spec = ? WHERE contest_id = ?').run(JSON.stringify(SPEC), h.seed.contestId);
  });
  h.clock.set(TEST_T0 + 10 * 60_000);
  return h;
}

export const CPP_SOURCE = '#include <cstdio>\nint main() { int a, b; std::scanf("%d %d", &a, &b); std::printf("%d\\n", a + b); }\n';

/** Starts a test run over REST as `teamId`; returns the whole response. */
export function postTestRun(h: ApiTestHost, teamId: string, body: Partial<{ problemId: string; languageId: string; files: unknown; input: string | null }> = {}) {
  return call<{ id: string; code?: string; message?: string }>(h.url, 'POST', `/api/arena/contests/${h.seed.contestId}/test-runs`, {
    auth: authOf(teamId),
    body: { problemId: 'hello', languageId: 'cpp', files: [{ filename: 'main.cpp', text: CPP_SOURCE }], input: '40 2\n', ...body },
  });
}

/** Starts a test run that must be accepted; returns its id. */
export async function startTestRun(h: ApiTestHost, teamId: string, input: string | null = '40 2\n'): Promise<string> {
  const res = await postTestRun(h, teamId, { input });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.id;
}

/**
 * Every row of the tables a submission or verdict would show up in, to prove a test run adds
 * none. Contest-clock events (`state`, and the `problems` published at the start) are left out:
 * the clock ticker emits them on its own schedule, whatever a test run does.
 */
export function visibleTables(h: ApiTestHost): Record<string, unknown[]> {
  const tables = ['submissions', 'judgements', 'runs'];
  return {
    events: h.ctx.store.db.prepare("SELECT * FROM events WHERE type NOT IN ('state', 'problems') ORDER BY rowid").all(),
    ...Object.fromEntries(tables.map((t) => [t, h.ctx.store.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])),
  };
}
