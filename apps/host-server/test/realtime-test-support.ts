/**
 * Shared set-up of the live scoreboard tests (scoreboard-live-*, realtime-*, freeze-leak): a real
 * host (buildHost, real SQLite in a temp dir, HTTP on 127.0.0.1:0, hand-moved clock), submissions
 * through the real REST endpoint, verdicts through the real judge queue (lease + result, as an
 * agent's `job:request` / `job:result` do), and socket.io-client connections that record pushes.
 */
import { PROTOCOL_VERSION } from '@arena/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { reportResult } from '../src/app/judging/job-reports';
import { leaseNextJob } from '../src/app/judging/lease-job';
import { basic, call, makeZip, startApiTestHost, TEST_T0, type ApiTestHost } from './helpers/api-host';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Contest: starts at TEST_T0, 5 h long, freezes 1 h before the end (at 4:00). */
export const START_MS = TEST_T0;
export const FREEZE_MS = START_MS + 4 * HOUR;

const SPEC = {
  format: 'legacy-icpc', type: 'pass-fail', timeLimitMs: 1000, memoryLimitBytes: 256 << 20, outputLimitBytes: 8 << 20,
  compileTimeLimitMs: 60_000, validatorTimeLimitMs: 30_000, validatorMemoryLimitBytes: 1 << 30, validation: 'default',
  validatorFlags: [], validator: [], inputValidators: [], testGroups: [], warnings: [],
};

/**
 * A started contest with `teams` teams (`team1..N`, password `<id>pass`), problems `hello` (A)
 * and `sum` (B) judgeable by the queue. The host clock is at the start.
 */
export async function startLiveHost(options: { teams?: number; hiddenTeam?: boolean } = {}): Promise<ApiTestHost> {
  const h = await startApiTestHost({
    seed: { teams: options.teams ?? 3, scheduledStartMs: START_MS, freezeDurationMs: HOUR },
    config: { submissions: { rateLimitBurst: 1000, rateLimitPerMinute: 1000 } },
  });
  const C = h.seed.contestId;
  h.ctx.store.write((tx) => {
    tx.db.prepare('UPDATE problems SET spec = ? WHERE contest_id = ?').run(JSON.stringify(SPEC), C);
    tx.db.prepare(`INSERT INTO testcases (contest_id, problem_id, id, ordinal, name, is_sample, input_sha256, answer_sha256)
      SELECT contest_id, 'sum', id, ordinal, name, is_sample, input_sha256, answer_sha256 FROM testcases WHERE contest_id = ? AND problem_id = 'hello'`).run(C);
    if (options.hiddenTeam) {
      const team = { id: 'jury-team', name: 'Jury Test Team', group_ids: [], hidden: true };
      tx.db.prepare('INSERT INTO teams (contest_id, id, data) VALUES (?, ?, ?)').run(C, team.id, JSON.stringify(team));
      tx.emit({ contestId: C, type: 'teams', id: team.id, data: team, audience: 'jury' });
    }
  });
  return h;
}

export const authOf = (user: string): string => basic(user, user === 'jury' ? 'jurypass' : `${user}pass`);

/** Logs in over REST and returns the bearer token. */
export async function loginToken(h: ApiTestHost, username: string): Promise<string> {
  const res = await call<{ token: string }>(h.url, 'POST', '/api/login', { body: { username, password: username === 'jury' ? 'jurypass' : `${username}pass` } });
  expect(res.status).toBe(200);
  return res.body.token;
}

/** Submits for `teamId` through `POST /submissions` (or, for a hidden team, as the jury); returns the submission id. */
export async function submit(h: ApiTestHost, teamId: string, problemId = 'hello', asJury = false): Promise<string> {
  const zip = await makeZip({ 'main.cpp': `int main() { return 0; } // ${teamId} ${Math.random()}\n` });
  const res = await call<{ id: string }>(h.url, 'POST', `/api/contests/${h.seed.contestId}/submissions`, {
    auth: asJury ? authOf('jury') : authOf(teamId),
    body: { problem_id: problemId, language_id: 'cpp', files: [{ data: zip.toString('base64') }], ...(asJury ? { team_id: teamId } : {}) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

/** Leases the next queued job and reports `verdict` for it (the queue's real write path). Returns its submission id. */
export function judgeNext(h: ApiTestHost, verdict: 'AC' | 'WA' | 'TLE' | 'CE'): string {
  const job = leaseNextJob(h.ctx, { agentId: 'test-judge', languages: [] });
  if (!job) throw new Error('no job queued');
  const ack = reportResult(h.ctx, 'test-judge', { leaseId: job.leaseId, verdict });
  expect(ack).toEqual({ ok: true });
  return job.submissionId;
}

/** A connected socket that records every event it receives, in order. */
export interface Recorder {
  socket: Socket;
  events: Array<{ event: string; payload: unknown }>;
  of<T = Record<string, unknown>>(event: string): T[];
  close(): void;
}

/** Connects to a namespace (websocket only); resolves when connected, rejects with the refusal message. */
export function connectRecorder(url: string, namespace: string, auth: Record<string, unknown>): Promise<Recorder> {
  const socket = connect(`${url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const events: Recorder['events'] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  const recorder: Recorder = {
    socket, events,
    of: <T>(event: string) => events.filter((e) => e.event === event).map((e) => e.payload as T),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(recorder));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export const versioned = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ protocolVersion: PROTOCOL_VERSION, ...extra });

/** Polls until `check` returns a value (25 ms steps, 5 s at most). */
export async function until<T>(check: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits `ms` of real time (to let pushes that should NOT come have their chance). */
export function settle(ms = 400): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
