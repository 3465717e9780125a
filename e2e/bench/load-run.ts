import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Submission } from '@arena/protocol';
import { Pool } from 'undici';
import { makeZip } from '../../apps/host-server/test/helpers/api-host';
import { freePort, startRedisServer, type RedisServer } from '../../apps/host-server/test/helpers/redis-server';
import { seededRandom } from '../../apps/host-server/test/helpers/seeded-random';
import { connectProjector, loginAll, type Projector, type VerdictArrival } from './load-clients';
import type { CrowdReply, CrowdRequest } from './load-crowd';
import { LOAD_ADMIN, LOAD_CONTEST_ID, LOAD_TEAM_PASSWORD, loadSubmissionSource, loadTeamIds } from './load-contest';
import type { LoadHostMessage, LoadHostOptions } from './load-host';
import { startFastJudges, type FastJudgePool } from './load-judges';
import { openFilesLimit, percentiles, ProcessSampler, type Percentiles, type ProcessFigures } from './load-stats';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const LOAD_HOST = fileURLToPath(new URL('./load-host.ts', import.meta.url));
const LOAD_CROWD = fileURLToPath(new URL('./load-crowd.ts', import.meta.url));
const JUDGE_CLI = join(REPO, 'apps/judge-agent/src/main/cli.ts');
const MIB = 2 ** 20;

export interface LoadTestOptions {
  /** Teams, each logged in with its own token and connected on `/contestant`. */
  contestants: number;
  /** Submissions in the storm, from teams in a seeded random order (each team at most once while there are enough teams). */
  submissions: number;
  /** Length of the storm: submissions are spread evenly over it. */
  seconds: number;
  /** Protocol-speaking load-generator judges (see load-judges.ts): they run no code. */
  fastJudges: number;
  /** Simulated judging time of a fast judge per job. */
  judgeMs: number;
  /** Also run one real judge agent (`judge serve`, native sandbox) competing for jobs. */
  realJudge: boolean;
  /** Run with the usual 1-hour scoreboard freeze (public deltas then show only pending cells). */
  frozen: boolean;
  /** After the storm, how long to wait for every verdict. */
  drainSeconds: number;
  /** The whole run is aborted (and everything stopped) after this long. */
  hardTimeoutSeconds: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export const DEFAULT_LOAD_OPTIONS: LoadTestOptions = {
  contestants: 2000, submissions: 500, seconds: 60, fastJudges: 8, judgeMs: 100, realJudge: false, frozen: false,
  drainSeconds: 60, hardTimeoutSeconds: 600,
};

export interface LoadSummary {
  machine: { cores: number; cpuModel: string; memoryGiB: number; node: string; openFilesLimit: number; loadAverageStart: number[]; loadAverageEnd: number[] };
  options: Omit<LoadTestOptions, 'log'>;
  logins: { count: number; seconds: number; hostCpuMsEach: number };
  sockets: { contestants: number; projectors: number; connectSeconds: number; hostCpuMsEach: number; disconnects: number; badPushes: number };
  ingest: { sent: number; acknowledged: number; refused: number; failed: number; firstRefusal: string | null; spanSeconds: number; perSecond: number; postLatency: Percentiles };
  judging: { stored: number; storedTotal: number; judged: number; verdictsPushed: number; lost: string[]; unjudged: string[]; fastJudged: number; fastJudgeDisconnects: number; realJudged: number | null; judgeErrors: string[] };
  checks: { allAcknowledged: boolean; allJudged: boolean; noLoss: boolean };
  queueWait: Percentiles;
  verdictLatency: Percentiles;
  /** Submission commit → the judge's result acknowledged by the host (judgement committed): the host's side, without the crowd. */
  judgedLatency: Percentiles;
  scoreboard: { deltas: number; gaps: number; verdictToDelta: Percentiles; verdictsWithoutDelta: number; submissionToDelta: Percentiles; broadcastToProjector: Percentiles };
  host: { pid: number; rssAfterStartMiB: number; rssWithSocketsMiB: number; storm: ProcessFigures & { rssPeakMiB: number } };
  /** This process (submitter, fast judges, projector; the crowd has its own): if it saturates, latencies include its delay. */
  generator: { stormCpuMeanPercent: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number };
}

interface Sent { index: number; teamId: string; sentMs: number; status: number; id: string | null; timeMs: number | null; ackMs: number; error: string | null }

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Forks the host (load-host.ts) and resolves its URL once it has imported the contest and listens. */
async function startHost(options: LoadHostOptions): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(LOAD_HOST, [JSON.stringify(options)], { cwd: REPO, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: LoadHostMessage) => (message.op === 'ready' ? resolve(message.url) : reject(new Error(`host failed to start: ${message.error}`))));
    child.once('exit', (code, signal) => reject(new Error(`host exited (${code ?? signal}) before it was ready`)));
  });
  return { child, url };
}

interface CrowdProcess {
  /** Verdicts seen so far on the team sockets (as of the last `refresh`). */
  verdicts: Map<string, VerdictArrival>;
  disconnects: number;
  badPushes: number;
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/** Forks load-crowd.ts and connects one `/contestant` socket per team there. */
async function startCrowd(hostUrl: string, tokens: Map<string, string>): Promise<CrowdProcess> {
  const child = fork(LOAD_CROWD, [], { cwd: REPO, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ask = <T extends CrowdReply['op']>(request: CrowdRequest, op: T) => new Promise<Extract<CrowdReply, { op: T }>>((resolve, reject) => {
    const onMessage = (message: CrowdReply) => {
      if (message.op === 'failed') reject(new Error(`contestant crowd: ${message.error}`));
      else if (message.op !== op) return;
      else resolve(message as Extract<CrowdReply, { op: T }>);
      child.off('message', onMessage);
    };
    child.on('message', onMessage);
    child.send(request);
  });
  const crowd: CrowdProcess = {
    verdicts: new Map(), disconnects: 0, badPushes: 0,
    async refresh() {
      const report = await ask({ op: 'report' }, 'report');
      crowd.verdicts = new Map(report.verdicts);
      crowd.disconnects = report.disconnects;
      crowd.badPushes = report.badPushes;
    },
    async stop() {
      if (child.connected) child.send({ op: 'close' } satisfies CrowdRequest);
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    },
  };
  try {
    await ask({ op: 'connect', hostUrl, tokens: [...tokens] }, 'connected');
  } catch (err) {
    await crowd.stop();
    throw err;
  }
  return crowd;
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.connected) child.send({ op: 'stop' });
  await Promise.race([exited, sleep(30_000)]);
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  await exited;
}

/** Scrapes `arena_judge_jobs_total` (all verdicts) from a judge's /metrics. */
async function judgedByRealJudge(metricsUrl: string): Promise<number | null> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    return text.split('\n').filter((l) => l.startsWith('arena_judge_jobs_total{')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  } catch {
    return null;
  }
}

/**
 * The load test (see load-test.ts for the command line): a real host in its own process, real
 * Redis, `contestants` logged-in team sockets and a projector, `fastJudges` protocol judges, and a
 * storm of `submissions` over `seconds`. Returns the figures and the three checks; everything it
 * started is stopped (by PID) before it returns or throws, also when the hard timeout fires.
 */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadSummary> {
  const log = options.log ?? (() => undefined);
  const fdLimit = openFilesLimit();
  if (!(fdLimit >= options.contestants + 500)) {
    throw new Error(`ulimit -n is ${fdLimit}: ${options.contestants} sockets need at least ${options.contestants + 500}. Run \`ulimit -n 65536\` in this shell first.`);
  }
  const cleanups: Array<() => Promise<void> | void> = [];
  let timedOut = false;
  let hardTimer: NodeJS.Timeout | undefined;
  const hardTimeout = new Promise<never>((_, reject) => {
    hardTimer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`load test aborted by its hard timeout (${options.hardTimeoutSeconds} s)`));
    }, options.hardTimeoutSeconds * 1000);
  });
  try {
    const running = run(options, log, cleanups, () => timedOut, fdLimit);
    running.catch(() => undefined); // after a hard timeout its late failure is expected, not unhandled
    return await Promise.race([running, hardTimeout]);
  } finally {
    clearTimeout(hardTimer);
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log(`cleanup failed: ${(err as Error).message}`);
      }
    }
  }
}

async function run(options: LoadTestOptions, log: (line: string) => void, cleanups: Array<() => Promise<void> | void>, aborted: () => boolean, fdLimit: number): Promise<LoadSummary> {
  const loadAverageStart = loadavg();
  const redis: RedisServer = await startRedisServer();
  cleanups.push(() => redis.stop());
  const judgeKey = randomBytes(24).toString('hex');
  const remainingMs = Math.max(10 * 60_000, (options.seconds + options.drainSeconds) * 2000 + 5 * 60_000);
  const { child, url } = await startHost({
    teams: options.contestants, redisUrl: redis.url, judgeKey, remainingMs, freezeMs: options.frozen ? 3_600_000 : null,
  });
  cleanups.push(() => stopHost(child));
  const hostPid = child.pid!;
  const sampler = new ProcessSampler(hostPid);
  cleanups.push(() => sampler.stop());
  const rssAfterStartMiB = (sampler.latest()?.rssBytes ?? NaN) / MIB;
  log(`host pid ${hostPid} at ${url} (redis ${redis.url}); ${options.contestants} teams imported`);

  const pool = new Pool(url, { connections: 50, pipelining: 1, keepAliveTimeout: 60_000 });
  cleanups.push(() => pool.close());
  const teamIds = loadTeamIds(options.contestants);
  sampler.mark();
  const cpuBeforeLogins = sampler.latest()?.cpuMs ?? 0;
  const loginStart = performance.now();
  const tokens = await loginAll(pool, teamIds, LOAD_TEAM_PASSWORD);
  const loginSeconds = (performance.now() - loginStart) / 1000;
  sampler.mark();
  const cpuAfterLogins = sampler.latest()?.cpuMs ?? 0;
  log(`${tokens.size} teams logged in in ${loginSeconds.toFixed(1)} s`);

  const connectStart = performance.now();
  const crowd = await startCrowd(url, tokens);
  cleanups.push(() => crowd.stop());
  const projector: Projector = await connectProjector(url, LOAD_CONTEST_ID);
  cleanups.push(() => projector.close());
  const connectSeconds = (performance.now() - connectStart) / 1000;
  sampler.mark();
  const cpuAfterConnects = sampler.latest()?.cpuMs ?? 0;
  await sleep(1000);
  sampler.mark();
  const rssWithSocketsMiB = (sampler.latest()?.rssBytes ?? NaN) / MIB;
  log(`${options.contestants} contestant sockets + 1 projector connected in ${connectSeconds.toFixed(1)} s; host RSS ${rssWithSocketsMiB.toFixed(0)} MiB`);

  const judges: FastJudgePool = await startFastJudges({ hostUrl: url, judgeKey, count: options.fastJudges, judgeMs: options.judgeMs });
  cleanups.push(() => judges.close());
  let realJudgeMetrics: string | null = null;
  if (options.realJudge) {
    const workDir = mkdtempSync(join(tmpdir(), 'arena-load-judge-'));
    chmodSync(workDir, 0o711); // sandbox uids must traverse to their boxes under it
    const metricsPort = await freePort();
    realJudgeMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    const judge = spawn(process.execPath, ['--import', 'tsx', JUDGE_CLI, 'serve', '--host', url, '--work-dir', join(workDir, 'work'), '--cache-dir', join(workDir, 'cache'),
      '--metrics-port', String(metricsPort), '--metrics-host', '127.0.0.1'], { cwd: REPO, env: { ...process.env, ARENA_JUDGE_KEY: judgeKey, ARENA_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
    const judgeExited = new Promise((resolve) => judge.once('exit', resolve));
    cleanups.push(async () => {
      if (judge.exitCode === null && judge.signalCode === null && judge.pid !== undefined) process.kill(judge.pid, 'SIGTERM');
      await Promise.race([judgeExited, sleep(10_000)]);
      if (judge.exitCode === null && judge.signalCode === null && judge.pid !== undefined) process.kill(judge.pid, 'SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    });
    log('real judge agent started (native sandbox)');
  }

  // The storm: distinct real sources, teams in a seeded random order, spread evenly over `seconds`.
  const random = seededRandom(2026);
  const order = [...teamIds];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const bodies: string[] = [];
  for (let index = 0; index < options.submissions; index++) {
    const source = loadSubmissionSource(index);
    const zip = await makeZip({ [source.fileName]: source.text });
    bodies.push(JSON.stringify({ problem_id: source.problemId, language_id: source.languageId, files: [{ data: zip.toString('base64') }] }));
  }
  const path = `/api/contests/${LOAD_CONTEST_ID}/submissions`;
  const sent: Sent[] = [];
  const inFlight: Array<Promise<void>> = [];
  const intervalMs = (options.seconds * 1000) / options.submissions;
  log(`storm: ${options.submissions} submissions over ${options.seconds} s (one every ${intervalMs.toFixed(0)} ms), ${options.fastJudges} fast judges (${options.judgeMs} ms each)${options.realJudge ? ' + 1 real judge' : ''}`);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  cleanups.push(() => { loopDelay.disable(); });
  const generatorCpuStart = process.cpuUsage();
  const stormStart = performance.now();
  for (let index = 0; index < options.submissions && !aborted(); index++) {
    const dueMs = stormStart + index * intervalMs;
    const waitMs = dueMs - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    const teamId = order[index % order.length]!;
    const record: Sent = { index, teamId, sentMs: Date.now(), status: 0, id: null, timeMs: null, ackMs: 0, error: null };
    sent.push(record);
    inFlight.push(pool.request({
      method: 'POST', path, body: bodies[index]!, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(teamId)!}` },
    }).then(async (res) => {
      const body: unknown = await res.body.json().catch(() => null);
      record.ackMs = Date.now();
      record.status = res.statusCode;
      if (res.statusCode >= 200 && res.statusCode < 300) {
        const submission = Submission.parse(body);
        record.id = submission.id;
        record.timeMs = Date.parse(submission.time);
      } else {
        record.error = `${res.statusCode} ${JSON.stringify(body).slice(0, 300)}`;
      }
    }, (err: unknown) => {
      record.ackMs = Date.now();
      record.error = (err as Error).message;
    }));
  }
  await Promise.all(inFlight);
  const acknowledged = sent.filter((s) => s.id !== null);
  const firstSentMs = Math.min(...sent.map((s) => s.sentMs));
  const lastAckMs = Math.max(...sent.map((s) => s.ackMs));
  log(`storm done: ${acknowledged.length}/${sent.length} acknowledged; waiting for verdicts`);

  // Drain: until every acknowledged submission's verdict reached its team's socket.
  const drainDeadline = Date.now() + options.drainSeconds * 1000;
  await crowd.refresh();
  while (!aborted() && Date.now() < drainDeadline && acknowledged.some((s) => !crowd.verdicts.has(s.id!))) {
    await sleep(500);
    await crowd.refresh();
  }
  const storm = sampler.figures();
  const generatorCpu = process.cpuUsage(generatorCpuStart);
  const generatorSeconds = (performance.now() - stormStart) / 1000;
  loopDelay.disable();
  await sleep(500); // the last coalesced deltas
  await crowd.refresh();

  // The host's own record, through the API as the admin.
  const admin = `Basic ${Buffer.from(`${LOAD_ADMIN.username}:${LOAD_ADMIN.password}`).toString('base64')}`;
  const readList = async (kind: string) => {
    const res = await pool.request({ method: 'GET', path: `/api/contests/${LOAD_CONTEST_ID}/${kind}`, headers: { authorization: admin } });
    const body: unknown = await res.body.json();
    if (res.statusCode !== 200) throw new Error(`GET ${kind}: ${res.statusCode} ${JSON.stringify(body)}`);
    return body as Array<Record<string, unknown>>;
  };
  const storedIds = new Set((await readList('submissions')).map((s) => String(s.id)));
  const judgedIds = new Set((await readList('judgements')).filter((j) => j.judgement_type_id !== null && j.judgement_type_id !== undefined).map((j) => String(j.submission_id)));
  const realJudged = realJudgeMetrics ? await judgedByRealJudge(realJudgeMetrics) : null;

  const lost = acknowledged.filter((s) => !storedIds.has(s.id!)).map((s) => s.id!);
  const unjudged = acknowledged.filter((s) => !judgedIds.has(s.id!)).map((s) => s.id!);
  const refusedOrFailed = sent.filter((s) => s.id === null);

  const queueWait: number[] = [];
  const verdictLatency: number[] = [];
  const judgedLatency: number[] = [];
  const verdictToDelta: number[] = [];
  const submissionToDelta: number[] = [];
  let verdictsWithoutDelta = 0;
  const deltas = [...projector.deltas].sort((a, b) => a.serverTimeMs - b.serverTimeMs);
  const firstDeltaFor = (teamId: string, fromMs: number) => deltas.find((d) => d.serverTimeMs >= fromMs && d.teamIds.has(teamId));
  for (const s of acknowledged) {
    const leased = judges.leasedAtMs.get(s.id!);
    if (leased !== undefined) queueWait.push(leased - s.timeMs!);
    const judgedAt = judges.judgedAtMs.get(s.id!);
    if (judgedAt !== undefined) judgedLatency.push(judgedAt - s.timeMs!);
    const verdict = crowd.verdicts.get(s.id!);
    if (verdict) {
      verdictLatency.push(verdict.atMs - s.timeMs!);
      if (!options.frozen) {
        const delta = firstDeltaFor(s.teamId, verdict.serverTimeMs);
        if (delta) verdictToDelta.push(delta.atMs - verdict.serverTimeMs);
        else verdictsWithoutDelta++;
      }
    }
    const pendingDelta = firstDeltaFor(s.teamId, s.timeMs!);
    if (pendingDelta) submissionToDelta.push(pendingDelta.atMs - s.timeMs!);
  }
  const spanSeconds = (lastAckMs - firstSentMs) / 1000;

  return {
    machine: {
      cores: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version,
      openFilesLimit: fdLimit, loadAverageStart: loadAverageStart.map((l) => Math.round(l * 100) / 100), loadAverageEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    options: {
      contestants: options.contestants, submissions: options.submissions, seconds: options.seconds, fastJudges: options.fastJudges, judgeMs: options.judgeMs,
      realJudge: options.realJudge, frozen: options.frozen, drainSeconds: options.drainSeconds, hardTimeoutSeconds: options.hardTimeoutSeconds,
    },
    logins: { count: tokens.size, seconds: Math.round(loginSeconds * 10) / 10, hostCpuMsEach: Math.round(((cpuAfterLogins - cpuBeforeLogins) / Math.max(1, tokens.size)) * 100) / 100 },
    sockets: {
      contestants: options.contestants, projectors: 1, connectSeconds: Math.round(connectSeconds * 10) / 10,
      hostCpuMsEach: Math.round(((cpuAfterConnects - cpuAfterLogins) / (options.contestants + 1)) * 100) / 100,
      disconnects: crowd.disconnects, badPushes: crowd.badPushes,
    },
    ingest: {
      sent: sent.length, acknowledged: acknowledged.length,
      refused: refusedOrFailed.filter((s) => s.status !== 0).length, failed: refusedOrFailed.filter((s) => s.status === 0).length,
      firstRefusal: refusedOrFailed[0]?.error ?? null,
      spanSeconds: Math.round(spanSeconds * 10) / 10, perSecond: Math.round((acknowledged.length / Math.max(spanSeconds, 0.001)) * 10) / 10,
      postLatency: percentiles(sent.filter((s) => s.id !== null).map((s) => s.ackMs - s.sentMs)),
    },
    judging: {
      stored: acknowledged.filter((s) => storedIds.has(s.id!)).length, storedTotal: storedIds.size, judged: acknowledged.filter((s) => judgedIds.has(s.id!)).length,
      verdictsPushed: acknowledged.filter((s) => crowd.verdicts.has(s.id!)).length, lost, unjudged,
      fastJudged: judges.judged(), fastJudgeDisconnects: judges.disconnects(), realJudged, judgeErrors: judges.errors().slice(0, 10),
    },
    checks: {
      allAcknowledged: sent.length === options.submissions && acknowledged.length === sent.length,
      allJudged: acknowledged.length > 0 && unjudged.length === 0,
      noLoss: lost.length === 0,
    },
    queueWait: percentiles(queueWait),
    verdictLatency: percentiles(verdictLatency),
    judgedLatency: percentiles(judgedLatency),
    scoreboard: {
      deltas: projector.deltas.length, gaps: projector.gaps(), verdictToDelta: percentiles(verdictToDelta), verdictsWithoutDelta,
      submissionToDelta: percentiles(submissionToDelta), broadcastToProjector: percentiles(projector.deltas.map((d) => d.atMs - d.serverTimeMs)),
    },
    generator: {
      stormCpuMeanPercent: Math.round((100 * (generatorCpu.user + generatorCpu.system)) / 1000 / 1000 / Math.max(generatorSeconds, 0.001) * 10) / 10,
      eventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10, eventLoopDelayMaxMs: Math.round(loopDelay.max / 1e5) / 10,
    },
    host: { pid: hostPid, rssAfterStartMiB: Math.round(rssAfterStartMiB), rssWithSocketsMiB: Math.round(rssWithSocketsMiB), storm: { ...storm, rssPeakMiB: Math.round(storm.rssPeakBytes / MIB) } },
  };
}
