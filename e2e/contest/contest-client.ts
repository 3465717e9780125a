import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '@arena/protocol';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { Agent, fetch as undiciFetch } from 'undici';
import yazl from 'yazl';

/** Helpers for end-to-end tests that drive a real host over HTTP(S) and run real judge agents. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURE = join(REPO, 'e2e/fixtures/contests/sample');
const JUDGE_CLI = join(REPO, 'apps/judge-agent/src/main/cli.ts');

export const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
export const ADMIN = basic('admin', 'adminpass');

// The tests talk to their own host with its fresh self-signed certificate; the JUDGE's pinning is
// what is under test, not this client's.
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

export interface Reply { status: number; text: string; json<T>(): T }

export async function request(baseUrl: string, method: string, path: string, auth?: string, body?: unknown): Promise<Reply> {
  const res = await undiciFetch(`${baseUrl}${path}`, {
    method,
    dispatcher: insecure,
    headers: { ...(auth ? { authorization: auth } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, json: <T>() => JSON.parse(text) as T };
}

export async function zipBase64(files: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('base64');
}

/** Submits as `team` (password `<team>pass`, the fixture's); resolves the submission id. */
export async function submit(baseUrl: string, contestId: string, team: string, problem: string, language: string, files: Record<string, string>): Promise<string> {
  const reply = await request(baseUrl, 'POST', `/api/contests/${contestId}/submissions`, basic(team, `${team}pass`),
    { problem_id: problem, language_id: language, files: [{ data: await zipBase64(files) }] });
  if (reply.status !== 200) throw new Error(`submission refused: ${reply.status} ${reply.text}`);
  return reply.json<{ id: string }>().id;
}

export interface Judgement { id: string; submission_id: string; judgement_type_id: string | null }

export async function judgementsAs(baseUrl: string, contestId: string, auth: string): Promise<Judgement[]> {
  const reply = await request(baseUrl, 'GET', `/api/contests/${contestId}/judgements`, auth);
  if (reply.status !== 200) throw new Error(`judgements: ${reply.status} ${reply.text}`);
  return reply.json<Judgement[]>();
}

/** Polls the jury's judgements until every id has a verdict or the time is up. */
export async function waitForVerdicts(baseUrl: string, contestId: string, ids: string[], timeoutMs: number): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const verdicts = new Map((await judgementsAs(baseUrl, contestId, ADMIN)).filter((j) => j.judgement_type_id).map((j) => [j.submission_id, j.judgement_type_id!]));
    if (ids.every((id) => verdicts.has(id)) || Date.now() > deadline) return verdicts;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface JudgeProcess { child: ChildProcess; log(): string; exited: Promise<number | string> }

/** Runs `judge serve ARGS` with the judge key in its environment; stderr is collected. */
export function startJudge(args: string[], judgeKey: string): JudgeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', JUDGE_CLI, 'serve', ...args], {
    cwd: REPO, env: { ...process.env, ARENA_JUDGE_KEY: judgeKey, ARENA_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, log: () => log, exited };
}

export function stopJudge(judge: JudgeProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (judge.child.exitCode === null && judge.child.signalCode === null) judge.child.kill(signal);
}

/**
 * A judge agent speaking the `/judge` protocol directly (no sandbox): for fault tests that need
 * verdicts from a spawned host fast, without compiling anything. Resolves once admitted.
 */
export function connectProtocolJudge(baseUrl: string, judgeKey: string, agentId = `protocol-judge-${process.pid}`): Promise<Socket> {
  const socket = connectSocket(`${baseUrl}/judge`, {
    auth: { key: judgeKey, agentId, protocolVersion: PROTOCOL_VERSION, hostname: 'e2e', sandbox: 'native', parallel: 1, languages: [] },
    transports: ['websocket'], reconnection: false, forceNew: true, rejectUnauthorized: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Takes the next queued job over `/judge` and reports `verdict` for it; resolves its submission id (null: nothing queued). */
export async function judgeNextOverProtocol(judge: Socket, verdict: 'AC' | 'WA'): Promise<string | null> {
  const offer = await judge.timeout(5000).emitWithAck('job:request', {}) as { job: { leaseId: string; submissionId: string } | null; error?: string };
  if (!offer.job) return null;
  const ack = await judge.timeout(5000).emitWithAck('job:result', { leaseId: offer.job.leaseId, verdict }) as { ok: boolean; error?: string };
  if (!ack.ok) throw new Error(`job:result refused: ${JSON.stringify(ack)}`);
  return offer.job.submissionId;
}

/**
 * Like `startJudge`, with extra environment for the agent process itself (e.g. libfaketime's
 * `LD_PRELOAD` + `FAKETIME` for a judge box whose clock is off). The returned child is the agent
 * (no wrapper process in between), so signals reach it.
 */
export function startJudgeWithEnv(env: Record<string, string>, args: string[], judgeKey: string): JudgeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', JUDGE_CLI, 'serve', ...args], {
    cwd: REPO, env: { ...process.env, ARENA_JUDGE_KEY: judgeKey, ARENA_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, log: () => log, exited };
}
