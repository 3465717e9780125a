import { PROTOCOL_VERSION, type JudgeHello } from '@arena/protocol';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { Db } from '../../src/adapters/sqlite/database';
import { parseHostConfig } from '../../src/app/host-config';
import type { HostContext } from '../../src/app/host-context';
import { enqueueSubmission } from '../../src/app/judging/queue';
import { buildHost, type Host } from '../../src/main/build-host';
import type { ProblemSpec } from '../../src/domain/problems/problem-spec';
import pino from 'pino';

/** Judge key of every test host. */
export const JUDGE_KEY = 'test-judge-key-0123456789abcdef';
export const CONTEST_ID = 'demo';

export interface JudgeTestHost {
  host: Host;
  ctx: HostContext;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** A real host (temp data dir, real SQLite file, plain HTTP on 127.0.0.1 port 0). */
export async function startJudgeHost(judging: { leaseTimeoutMs?: number; maxAttempts?: number } = {}): Promise<JudgeTestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-judge-test-'));
  const config = parseHostConfig({
    dataDir, listenHost: '127.0.0.1', port: 0, tls: false, mdns: false, judgeKey: JUDGE_KEY, judging,
  });
  const host = await buildHost(config, { log: pino({ level: 'silent' }) });
  const url = await host.listen();
  return {
    host, ctx: host.ctx, db: host.ctx.store.db, url,
    async close() {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeededProblem {
  problemId: string;
  /** Test case ids in name order, and the blobs of the first secret one. */
  testcaseIds: string[];
  secretInputSha256: string;
}

function specOf(overrides: Partial<ProblemSpec> = {}): ProblemSpec {
  return {
    format: 'legacy-icpc', type: 'pass-fail', timeLimitMs: 2000, memoryLimitBytes: 256 << 20, outputLimitBytes: 8 << 20,
    compileTimeLimitMs: 60_000, validatorTimeLimitMs: 30_000, validatorMemoryLimitBytes: 1 << 30, validation: 'default',
    validatorFlags: [], validator: [], inputValidators: [], testGroups: [], warnings: [], ...overrides,
  };
}

/**
 * Seeds a contest with teams `t1..tN`, language `cpp` and a problem `hello` with a sample and
 * two secret test cases (blobs stored). `spec` replaces the stored spec JSON (to test bad data).
 */
export function seedContest(ctx: HostContext, options: { teams?: number; spec?: string } = {}): SeededProblem {
  const put = (text: string) => ctx.blobs.put(Buffer.from(text));
  const cases = [
    { id: 'tc2', name: 'secret/02-big', input: 'secret input two\n', answer: 'two\n', sample: 0 },
    { id: 'tc0', name: 'sample/01', input: 'sample input\n', answer: 'sample\n', sample: 1 },
    { id: 'tc1', name: 'secret/01-small', input: 'secret input one\n', answer: 'one\n', sample: 0 },
  ];
  ctx.store.write((tx) => {
    tx.db.prepare('INSERT INTO contests (id, data, clock, created_ms) VALUES (?, ?, ?, ?)')
      .run(CONTEST_ID, JSON.stringify({ id: CONTEST_ID, name: 'Demo' }), '{}', tx.nowMs);
    tx.db.prepare('INSERT INTO languages (contest_id, id, data) VALUES (?, ?, ?)').run(CONTEST_ID, 'cpp', '{"id":"cpp","name":"C++"}');
    for (let i = 1; i <= (options.teams ?? 4); i++) {
      tx.db.prepare('INSERT INTO teams (contest_id, id, data) VALUES (?, ?, ?)').run(CONTEST_ID, `t${i}`, JSON.stringify({ id: `t${i}`, name: `Team ${i}` }));
    }
    tx.db.prepare('INSERT INTO problems (contest_id, id, ordinal, data, spec) VALUES (?, ?, ?, ?, ?)')
      .run(CONTEST_ID, 'hello', 0, '{"id":"hello","label":"A","name":"Hello"}', options.spec ?? JSON.stringify(specOf()));
    cases.forEach((c, ordinal) => {
      tx.db.prepare(`INSERT INTO testcases (contest_id, problem_id, id, ordinal, name, is_sample, input_sha256, answer_sha256)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(CONTEST_ID, 'hello', c.id, ordinal + 1, c.name, c.sample, put(c.input), put(c.answer));
    });
  });
  return { problemId: 'hello', testcaseIds: ['tc0', 'tc1', 'tc2'], secretInputSha256: sha256Of('secret input one\n') };
}

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

let submissionSeq = 0;

/**
 * Inserts a submission (source stored as a blob) and enqueues it in the same write, as the
 * submission endpoint does. Returns its id.
 */
export function seedSubmission(ctx: HostContext, teamId: string, options: { kind?: 'submission' | 'test-run'; languageId?: string } = {}): string {
  const id = String(++submissionSeq);
  const sourceSha = ctx.blobs.put(Buffer.from(`int main() { return ${id}; }\n`));
  ctx.store.write((tx) => {
    tx.db.prepare(`INSERT INTO submissions (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, entry_point, data)
      VALUES (?, ?, ?, ?, 'hello', ?, ?, ?, ?, ?, NULL, ?)`)
      .run(CONTEST_ID, id, Number(id), teamId, options.languageId ?? 'cpp', tx.nowMs, 60_000,
        JSON.stringify([{ path: 'main.cpp', sha256: sourceSha }]), sourceSha, JSON.stringify({ id }));
    tx.emit({ contestId: CONTEST_ID, type: 'submissions', id, data: { id }, audience: 'team', teamId });
    enqueueSubmission(tx, { contestId: CONTEST_ID, submissionId: id, teamId, kind: options.kind ?? 'submission',
      customInput: options.kind === 'test-run' ? '1 2\n' : null });
  });
  return id;
}

/**
 * Inserts a test run of problem `hello` (source stored as a blob; `input` null = the samples) and
 * enqueues it in the same write, as `POST /api/arena/contests/{id}/test-runs` does. Returns its id.
 */
export function seedTestRun(ctx: HostContext, teamId: string, input: string | null = '1 2\n'): string {
  const id = `tr-${++submissionSeq}`;
  const sourceSha = ctx.blobs.put(Buffer.from(`int main() { return 0; } // ${id}\n`));
  ctx.store.write((tx) => {
    tx.db.prepare(`INSERT INTO test_runs (contest_id, id, team_id, problem_id, language_id, files, zip_sha256, entry_point, input, state, created_ms)
      VALUES (?, ?, ?, 'hello', 'cpp', ?, ?, NULL, ?, 'pending', ?)`)
      .run(CONTEST_ID, id, teamId, JSON.stringify([{ path: 'main.cpp', sha256: sourceSha }]), sourceSha, input, tx.nowMs);
    enqueueSubmission(tx, { contestId: CONTEST_ID, submissionId: id, teamId, kind: 'test-run', customInput: input });
  });
  return id;
}

/** Connects a judge agent; resolves once connected, rejects with the server's refusal message. */
export function connectAgent(url: string, hello: Partial<Record<keyof JudgeHello, unknown>> = {}): Promise<Socket> {
  const auth = {
    key: JUDGE_KEY, agentId: `agent-${Math.random().toString(36).slice(2, 8)}`, protocolVersion: PROTOCOL_VERSION,
    hostname: 'judge-box', sandbox: 'native', parallel: 1, languages: [], ...hello,
  };
  const socket = connect(`${url}/judge`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits and waits for the ack (5 s at most). */
export function ask<T = Record<string, unknown>>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  return (payload === undefined
    ? socket.timeout(5000).emitWithAck(event)
    : socket.timeout(5000).emitWithAck(event, payload)) as Promise<T>;
}

/** Polls `check` every 25 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every row of the tables judging touches, to compare before/after. */
export function snapshotJudgingTables(db: Db): Record<string, unknown[]> {
  const tables = ['judge_queue', 'judgements', 'runs', 'events', 'audit_log'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}
