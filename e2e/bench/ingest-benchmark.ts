/**
 * Submission ingest benchmark: `npx tsx e2e/bench/ingest-benchmark.ts [seconds] [clients]`.
 *
 * Forks a real host (temp data dir, real SQLite with synchronous=FULL, real blob store, plain
 * HTTP on 127.0.0.1, per-team rate limit set out of the way) seeded with a running contest of
 * 200 teams, then drives it from this process with `clients` concurrent keep-alive connections
 * (undici Pool), each POSTing CLICS submissions (a unique source zip each, HTTP Basic as a
 * random team) for `seconds`. Then, on the same server in the same run, a baseline of a
 * trivial GET (`/api/contests/{id}/state`). Prints requests/s, p50/p99/max latency and the host
 * process's CPU time per request (a figure a busy machine distorts less than throughput).
 * Target: 1500 submissions/s with p99 < 50 ms. `ARENA_BENCH_CPU_PROF=<dir>` profiles the host
 * during the POST phase only (V8 CPU profile written to `<dir>/ingest-post.cpuprofile`) and prints
 * the functions with the most self time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { applyClockCommand } from '../../apps/host-server/src/app/clock/clock-service';
import { makeZip, startApiTestHost } from '../../apps/host-server/test/helpers/api-host';

const SECONDS = Number(process.argv[2] ?? 10);
const CLIENTS = Number(process.argv[3] ?? 50);
const TEAMS = 200;
const PASSWORD = 'bench-password';

interface Ready { url: string; contestId: string; dataDir: string }

/** Child role: build, seed and serve the host until told to stop. */
async function serve(): Promise<void> {
  const host = await startApiTestHost({
    realClock: true,
    seed: { teams: TEAMS, teamPassword: PASSWORD },
    config: { submissions: { rateLimitPerMinute: 1e9, rateLimitBurst: 1_000_000 } },
  });
  applyClockCommand(host.ctx, host.seed.contestId, { action: 'start' }, 'bench');
  const profiler = new Session();
  profiler.connect();
  process.on('message', (msg) => {
    if (msg === 'stop') void host.close().then(() => process.exit(0));
    if (msg === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (msg === 'profile-start') {
      void profiler.post('Profiler.enable').then(() => profiler.post('Profiler.start')).then(() => process.send?.({ profiling: true }));
    }
    if (typeof msg === 'object' && msg !== null && 'profileTo' in msg) {
      void profiler.post('Profiler.stop').then(({ profile }) => {
        writeFileSync(String(msg.profileTo), JSON.stringify(profile));
        process.send?.({ profiled: true });
      });
    }
  });
  process.send?.({ url: host.url, contestId: host.seed.contestId, dataDir: host.dataDir } satisfies Ready);
}

interface Figures { requests: number; errors: number; perSecond: number; p50Ms: number; p99Ms: number; maxMs: number }

function figures(samplesMs: number[], errors: number, elapsedMs: number): Figures {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { requests: sorted.length, errors, perSecond: (sorted.length / elapsedMs) * 1000, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? NaN };
}

/** Runs `clients` loops of `request` for `seconds`; latency of successful requests only. */
async function load(pool: Pool, seconds: number, clients: number, request: (i: number) => Parameters<Pool['request']>[0]): Promise<Figures> {
  const samplesMs: number[] = [];
  let errors = 0;
  let next = 0;
  let firstError = '';
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const res = await pool.request(request(next++));
      const text = await res.body.text();
      if (res.statusCode === 200) samplesMs.push(performance.now() - t0);
      else {
        errors++;
        firstError ||= `${res.statusCode} ${text.slice(0, 200)}`;
      }
    }
  }));
  if (firstError) console.log(`  first error: ${firstError}`);
  return figures(samplesMs, errors, performance.now() - start);
}

function row(name: string, f: Figures, cpuMs: number): string {
  return `${name.padEnd(22)} ${f.perSecond.toFixed(0).padStart(7)}/s  p50 ${f.p50Ms.toFixed(1).padStart(6)} ms  p99 ${f.p99Ms.toFixed(1).padStart(6)} ms  max ${f.maxMs.toFixed(1).padStart(7)} ms`
    + `  host CPU ${(cpuMs / Math.max(1, f.requests)).toFixed(2)} ms/req  (${f.requests} ok, ${f.errors} errors)`;
}

/** Sends `msg` to the host and waits for a reply carrying `key`. */
function ask(child: ChildProcess, msg: unknown, key: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown): void => {
      if (typeof m !== 'object' || m === null || !(key in m)) return;
      child.off('message', onMessage);
      resolve(m as Record<string, unknown>);
    };
    child.on('message', onMessage);
    child.send(msg as string);
  });
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

/** Prints the functions with the most self time in a V8 CPU profile (idle excluded from the %). */
function printProfileSummary(path: string, profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, top = 25): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    const us = profile.timeDeltas[i] ?? 0;
    busyUs += us;
    selfUs.set(name, (selfUs.get(name) ?? 0) + us);
  });
  console.log(`  host CPU profile of the POST phase: ${path} (${(busyUs / 1000).toFixed(0)} ms busy); top self time:`);
  for (const [name, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / Math.max(1, busyUs)).toFixed(1).padStart(5)}%  ${name}`);
  }
}

/** Host process CPU time (user + system) in ms, asked over IPC: robust to a busy machine. */
function hostCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown): void => {
      const cpu = (m as { cpu?: { user: number; system: number } }).cpu;
      if (!cpu) return;
      child.off('message', onMessage);
      resolve((cpu.user + cpu.system) / 1000);
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}

async function main(): Promise<void> {
  // ARENA_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the host process there.
  const profileDir = process.env.ARENA_BENCH_CPU_PROF;
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '4' } });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  try {
    const pool = new Pool(ready.url, { connections: CLIENTS, pipelining: 1, keepAliveTimeout: 60_000 });
    const auths = Array.from({ length: TEAMS }, (_, i) => `Basic ${Buffer.from(`team${i + 1}:${PASSWORD}`).toString('base64')}`);
    // Unique sources, so every submission really stores new blobs (no dedupe).
    const bodyCount = Math.min(60_000, Math.max(5_000, SECONDS * 3_000));
    const bodies: string[] = [];
    for (let i = 0; i < bodyCount; i++) {
      const zip = await makeZip({ 'main.cpp': `#include <cstdio>\nint main() { std::puts("${i}"); return 0; }\n` });
      bodies.push(JSON.stringify({ problem_id: 'hello', language_id: 'cpp', files: [{ data: zip.toString('base64') }] }));
    }
    const submitPath = `/api/contests/${ready.contestId}/submissions`;
    const post = (i: number) => ({
      method: 'POST' as const, path: submitPath, body: bodies[i % bodies.length],
      headers: { 'content-type': 'application/json', authorization: auths[i % TEAMS]! },
    });
    const get = (i: number) => ({ method: 'GET' as const, path: `/api/contests/${ready.contestId}/state`, headers: { authorization: auths[i % TEAMS]! } });

    // Warm up: one request per team (the first Basic check of a password runs scrypt), JIT.
    await load(pool, 1, CLIENTS, get);
    console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`ingest benchmark: ${TEAMS} teams, ${CLIENTS} concurrent clients, ${SECONDS} s per phase, ${cpus().length} cores, data dir on ${statfsSync(ready.dataDir).type.toString(16)} fs`);
    if (profileDir) await ask(child, 'profile-start', 'profiling');
    const cpu0 = await hostCpuMs(child);
    const submissions = await load(pool, SECONDS, CLIENTS, post);
    const cpu1 = await hostCpuMs(child);
    console.log(row('POST submissions', submissions, cpu1 - cpu0));
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      const path = join(profileDir, 'ingest-post.cpuprofile');
      await ask(child, { profileTo: path }, 'profiled');
      printProfileSummary(path, JSON.parse(readFileSync(path, 'utf8')) as Parameters<typeof printProfileSummary>[1]);
    }
    const baseline = await load(pool, Math.min(SECONDS, 5), CLIENTS, get);
    console.log(row('GET state (baseline)', baseline, (await hostCpuMs(child)) - cpu1));
    console.log(`  load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes on this machine skew the figures)`);
    if (submissions.requests + submissions.errors > bodies.length) console.log(`  note: ${bodies.length} distinct sources were reused round-robin`);
    await pool.close();
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

if (process.argv.includes('--serve')) void serve();
else void main();
