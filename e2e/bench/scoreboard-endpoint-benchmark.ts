/**
 * Scoreboard endpoint benchmark: `npx tsx e2e/bench/scoreboard-endpoint-benchmark.ts [requests]`.
 *
 * Builds a real host (buildHost: temp SQLite file, HTTP on 127.0.0.1:0) with a contest of
 * 1,000 teams × 15 problems and ~16,000 realistic submissions (deterministic PRNG: tries per
 * problem, solves spread over 5 hours, a frozen last hour, a few still pending), then measures
 * sequential `GET /api/contests/{id}/scoreboard` round trips over HTTP (keep-alive), anonymous
 * (public view) and as the jury, next to a trivial `GET /api` baseline in the same run. Also
 * measures the first request after a verdict changed one team (cache invalidated: recompute of
 * that team, re-rank, re-serialize). Prints p50/p99/max in ms. Target: p50 ≤ 10 ms.
 * Client and host share this process, so every figure includes the client's own cost; the
 * baseline shows how much that is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import type { HostContext } from '../../apps/host-server/src/app/host-context';
import { hashPassword } from '../../apps/host-server/src/app/auth/password';
import { parseHostConfig } from '../../apps/host-server/src/app/host-config';
import { clicsContestTimes, initialClock } from '../../apps/host-server/src/domain/clock/contest-clock';
import { buildHost, type Host } from '../../apps/host-server/src/main/build-host';
import { seededRandom } from '../../apps/host-server/test/helpers/seeded-random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const BENCH_CONTEST = 'bench';


export interface Figures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  count: number;
}

export function figures(samplesMs: readonly number[]): Figures {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1]!, count: sorted.length };
}

export function formatFigures(f: Figures): string {
  return `p50 ${f.p50Ms.toFixed(2)} ms  p99 ${f.p99Ms.toFixed(2)} ms  max ${f.maxMs.toFixed(2)} ms  (n=${f.count})`;
}

/**
 * Seeds a started contest (5 h, freeze 1 h before the end, now = 4:30 into it) with `teams`
 * teams and `problems` problems and realistic submissions, through ONE store write that ends with
 * a `contest` event (so a running host rebuilds its boards). Returns the submission count.
 */
export function seedBenchContest(ctx: HostContext, options: { teams: number; problems: number; nowMs: number }): number {
  const random = seededRandom(2026);
  const startMs = options.nowMs - 4.5 * HOUR;
  const clock = initialClock({ scheduledStartMs: startMs, durationMs: 5 * HOUR, freezeDurationMs: HOUR });
  const contest = { id: BENCH_CONTEST, name: 'Benchmark', scoreboard_type: 'pass-fail', penalty_time: 20, ...clicsContestTimes(clock) };
  const types = [
    { id: 'AC', name: 'correct', penalty: false, solved: true }, { id: 'WA', name: 'wrong answer', penalty: true, solved: false },
    { id: 'TLE', name: 'time limit', penalty: true, solved: false }, { id: 'CE', name: 'compile error', penalty: false, solved: false },
  ];
  let submissions = 0;
  ctx.store.write((tx) => {
    const run = (sql: string, ...args: unknown[]) => tx.db.prepare(sql).run(...args);
    run('INSERT INTO contests (id, data, clock, created_ms) VALUES (?, ?, ?, ?)', BENCH_CONTEST, JSON.stringify(contest), JSON.stringify(clock), tx.nowMs);
    for (const t of types) run('INSERT INTO judgement_types (contest_id, id, data) VALUES (?, ?, ?)', BENCH_CONTEST, t.id, JSON.stringify(t));
    run('INSERT INTO languages (contest_id, id, data) VALUES (?, ?, ?)', BENCH_CONTEST, 'cpp', JSON.stringify({ id: 'cpp', name: 'C++' }));
    for (let p = 0; p < options.problems; p++) {
      const problem = { id: `p${p}`, label: String.fromCharCode(65 + p), name: `Problem ${p}`, ordinal: p };
      run('INSERT INTO problems (contest_id, id, ordinal, data, spec) VALUES (?, ?, ?, ?, ?)', BENCH_CONTEST, problem.id, p, JSON.stringify(problem), '{}');
    }
    const juryHash = hashPassword('jurypass');
    run(`INSERT INTO accounts (contest_id, id, data, username, type, team_id, password_hash) VALUES (?, 'jury', ?, 'jury', 'judge', NULL, ?)`,
      BENCH_CONTEST, JSON.stringify({ id: 'jury', username: 'jury', type: 'judge', team_id: null }), juryHash);
    const insertTeam = tx.db.prepare('INSERT INTO teams (contest_id, id, data) VALUES (?, ?, ?)');
    const insertSubmission = tx.db.prepare(`INSERT INTO submissions (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, data)
      VALUES (?, ?, ?, ?, ?, 'cpp', ?, ?, '[]', '', '{}')`);
    const insertJudgement = tx.db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data)
      VALUES (?, ?, ?, ?, 1, ?, ?, '{}')`);
    const nowContestMs = options.nowMs - startMs;
    for (let t = 0; t < options.teams; t++) {
      const teamId = `t${t}`;
      insertTeam.run(BENCH_CONTEST, teamId, JSON.stringify({ id: teamId, name: `Team ${String(t).padStart(4, '0')}`, group_ids: [] }));
      const strength = random();
      for (let p = 0; p < options.problems; p++) {
        const difficulty = p / options.problems;
        if (random() > strength * 1.3 - difficulty * 0.5) continue; // not attempted
        const tries = 1 + Math.floor(random() * random() * 5);
        const solves = random() < strength + 0.3 - difficulty * 0.4;
        let atMs = Math.floor(random() * nowContestMs * 0.9);
        for (let k = 0; k < tries; k++) {
          atMs = Math.min(nowContestMs - 1000, atMs + Math.floor(random() * 20 * MINUTE));
          submissions++;
          const id = String(submissions);
          insertSubmission.run(BENCH_CONTEST, id, submissions, teamId, `p${p}`, startMs + atMs, atMs);
          if (atMs > nowContestMs - 5 * MINUTE) continue; // still pending
          const verdict = k === tries - 1 && solves ? 'AC' : random() < 0.1 ? 'CE' : random() < 0.7 ? 'WA' : 'TLE';
          insertJudgement.run(BENCH_CONTEST, id, id, verdict, startMs + atMs, startMs + atMs + 5000);
        }
      }
    }
    tx.emit({ contestId: BENCH_CONTEST, type: 'contest', id: null, data: contest, audience: 'public' });
  });
  return submissions;
}

async function main(): Promise<void> {
  const requests = Math.max(200, Number(process.argv[2] ?? 2000));
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-bench-scoreboard-'));
  let host: Host | null = null;
  try {
    const nowMs = Date.now();
    const config = parseHostConfig({ dataDir, listenHost: '127.0.0.1', port: 0, tls: false, mdns: false, logLevel: 'error' });
    process.env.ARENA_LOG_LEVEL ??= 'error';
    host = await buildHost(config, { clock: () => nowMs });
    const seedStart = performance.now();
    const submissions = seedBenchContest(host.ctx, { teams: 1000, problems: 15, nowMs });
    const seedMs = performance.now() - seedStart;
    const url = await host.listen();
    const dispatcher = new Agent({ connections: 1, pipelining: 1 });
    const jury = `Basic ${Buffer.from('jury:jurypass').toString('base64')}`;

    async function get(path: string, auth?: string): Promise<number> {
      const res = await request(`${url}${path}`, { dispatcher, ...(auth ? { headers: { authorization: auth } } : {}) });
      const body = await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${Buffer.from(body).toString().slice(0, 200)}`);
      return body.byteLength;
    }
    async function measure(path: string, auth?: string, before?: () => void): Promise<{ figures: Figures; bytes: number }> {
      for (let i = 0; i < 50; i++) await get(path, auth); // warm-up
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < requests; i++) {
        before?.();
        const start = performance.now();
        bytes = await get(path, auth);
        samples.push(performance.now() - start);
      }
      return { figures: figures(samples), bytes };
    }

    const first = performance.now();
    await get(`/api/contests/${BENCH_CONTEST}/scoreboard`);
    const firstMs = performance.now() - first;
    const baseline = await measure('/api');
    const anonymous = await measure(`/api/contests/${BENCH_CONTEST}/scoreboard`);
    const asJury = await measure(`/api/contests/${BENCH_CONTEST}/scoreboard`, jury);

    // Invalidate before every request: one team gets a new (judged) submission, as after a verdict.
    const random = seededRandom(7);
    let extra = 0;
    const ctx = host.ctx;
    const invalidated = await measure(`/api/contests/${BENCH_CONTEST}/scoreboard`, undefined, () => {
      const teamId = `t${Math.floor(random() * 1000)}`;
      const id = `x${++extra}`;
      ctx.store.write((tx) => {
        tx.db.prepare(`INSERT INTO submissions (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, data)
          VALUES (?, ?, ?, ?, 'p0', 'cpp', ?, ?, '[]', '', '{}')`).run(BENCH_CONTEST, id, 1_000_000 + extra, teamId, nowMs, 3 * HOUR);
        tx.db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data)
          VALUES (?, ?, ?, 'WA', 1, ?, ?, '{}')`).run(BENCH_CONTEST, id, id, nowMs, nowMs);
        tx.emit({ contestId: BENCH_CONTEST, type: 'judgements', id, data: {}, audience: 'team', teamId });
      });
    });

    console.log(`scoreboard endpoint benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`contest: 1000 teams × 15 problems, ${submissions} submissions (seeded in ${(seedMs / 1000).toFixed(1)} s); ${requests} sequential requests each`);
    console.log(`first scoreboard request (board computed, serialized): ${firstMs.toFixed(1)} ms`);
    console.log(`GET /api (baseline)                          ${formatFigures(baseline.figures)}`);
    console.log(`GET scoreboard, anonymous (public, cached)   ${formatFigures(anonymous.figures)}  body ${(anonymous.bytes / 1024).toFixed(0)} KiB`);
    console.log(`GET scoreboard, jury (jury view, cached)     ${formatFigures(asJury.figures)}`);
    console.log(`GET scoreboard after a verdict each time     ${formatFigures(invalidated.figures)}  (one team recomputed, re-ranked, re-serialized)`);
    console.log(`target p50 ≤ 10 ms (cached): ${anonymous.figures.p50Ms <= 10 ? 'met' : 'NOT met'}`);
    await dispatcher.close();
  } finally {
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
