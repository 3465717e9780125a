import type { JudgeJob } from '@arena/protocol';
import type { Socket } from 'socket.io-client';
import { basic, call, makeZip, startApiTestHost, type ApiTestHost } from '../helpers/api-host';
import { ask, connectAgent, JUDGE_KEY } from '../helpers/judge-seed';

/**
 * A real host for the console tests: the API seed (teams team1..3, accounts jury/admin/analyst),
 * a judge key, problem `hello` with a judgeable spec, and the contest started by the jury.
 * Submissions go through the real team endpoint; judging through a real socket.io agent.
 */

export const jury = basic('jury', 'jurypass');
export const admin = basic('admin', 'adminpass');
export const team1 = basic('team1', 'team1pass');
export const analyst = basic('analyst', 'analystpass');

const SPEC = {
  format: 'legacy-icpc', type: 'pass-fail', timeLimitMs: 2000, memoryLimitBytes: 256 << 20, outputLimitBytes: 8 << 20,
  compileTimeLimitMs: 60_000, validatorTimeLimitMs: 30_000, validatorMemoryLimitBytes: 1 << 30, validation: 'default',
  validatorFlags: [], validator: [], inputValidators: [], testGroups: [], warnings: [],
};

export async function startConsoleHost(): Promise<ApiTestHost> {
  const h = await startApiTestHost({ config: { judgeKey: JUDGE_KEY } });
  h.ctx.store.db.prepare('UPDATE problems SET spec = ? WHERE contest_id = ?').run(JSON.stringify(SPEC), h.seed.contestId);
  const started = await call(h.url, 'POST', `/api/contests/${h.seed.contestId}/clock`, { auth: jury, body: { action: 'start' } });
  if (started.status !== 200) throw new Error(`could not start the contest: ${JSON.stringify(started.body)}`);
  return h;
}

/** Submits as `teamId` (password `<id>pass`) after moving the clock by `afterMs`; returns the submission id. */
export async function submit(h: ApiTestHost, teamId: string, options: { afterMs?: number; problemId?: string; languageId?: string; source?: string } = {}): Promise<string> {
  h.clock.advance(options.afterMs ?? 60_000);
  const zip = await makeZip({ 'main.cpp': options.source ?? `// by ${teamId}\nint main() { return 0; }\n` });
  const res = await call<{ id: string }>(h.url, 'POST', `/api/contests/${h.seed.contestId}/submissions`, {
    auth: basic(teamId, `${teamId}pass`),
    body: { problem_id: options.problemId ?? 'hello', language_id: options.languageId ?? 'cpp', files: [{ data: zip.toString('base64') }] },
  });
  if (res.status !== 200) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export function agent(h: ApiTestHost, agentId: string, hello: Record<string, unknown> = {}): Promise<Socket> {
  return connectAgent(h.url, { agentId, hostname: `${agentId}.venue.lan`, ...hello });
}

/** Asks for a job; null when none is offered. */
export async function requestJob(socket: Socket): Promise<JudgeJob | null> {
  return (await ask<{ job: JudgeJob | null }>(socket, 'job:request')).job;
}

/** Judges an offered job to `verdict`: one run per test case (the last one gets the verdict), then the result. */
export async function finishJob(socket: Socket, job: JudgeJob, verdict: string, cpuTimeMs = 100): Promise<void> {
  for (const [i, tc] of job.testcases.entries()) {
    const last = i === job.testcases.length - 1;
    const ack = await ask(socket, 'job:testcase', {
      leaseId: job.leaseId, testcaseId: tc.id, ordinal: tc.ordinal, verdict: last ? verdict : 'AC',
      cpuTimeMs: cpuTimeMs + i, wallTimeMs: cpuTimeMs + 20 + i, memoryBytes: 1_000_000 * (i + 1), judgeMessage: `judge says ${tc.id}`, teamMessage: '',
    });
    if (!ack.ok) throw new Error(`test case refused: ${JSON.stringify(ack)}`);
  }
  const ack = await ask(socket, 'job:result', { leaseId: job.leaseId, verdict, compileOutput: 'compiled fine', maxCpuTimeMs: cpuTimeMs });
  if (!ack.ok) throw new Error(`result refused: ${JSON.stringify(ack)}`);
}

/** Takes the next job and judges it to `verdict`; returns the job's submission id. */
export async function judgeNext(socket: Socket, verdict: string): Promise<string> {
  const job = await requestJob(socket);
  if (!job) throw new Error('no job offered');
  await finishJob(socket, job, verdict);
  return job.submissionId;
}

export interface BoardRow {
  rank: number;
  team_id: string;
  score: { num_solved: number; total_time: number };
}

/** The public CLICS scoreboard, as an anonymous client sees it. */
export async function publicBoard(h: ApiTestHost): Promise<Array<{ team: string; rank: number; solved: number; time: number }>> {
  const res = await call<{ rows: BoardRow[] }>(h.url, 'GET', `/api/contests/${h.seed.contestId}/scoreboard`);
  if (res.status !== 200) throw new Error(`scoreboard: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.rows.map((r) => ({ team: r.team_id, rank: r.rank, solved: r.score.num_solved, time: r.score.total_time }));
}

/** Team-visible events (audience public or team) and every judgement row: what must not move while a rejudging is pending. */
export function teamVisibleState(h: ApiTestHost): { events: unknown[]; validJudgements: unknown[] } {
  const db = h.ctx.store.db;
  return {
    events: db.prepare("SELECT token, type, object_id, data FROM events WHERE audience <> 'jury' ORDER BY token").all(),
    validJudgements: db.prepare('SELECT id, submission_id, judgement_type_id FROM judgements WHERE valid = 1 ORDER BY rowid').all(),
  };
}
