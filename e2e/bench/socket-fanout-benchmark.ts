/**
 * Socket fan-out benchmark: `npx tsx e2e/bench/socket-fanout-benchmark.ts [clients] [judgements]`
 * (defaults 2000 and 20).
 *
 * The host runs in a CHILD process (real buildHost, temp SQLite, HTTP on 127.0.0.1:0, real clock)
 * so its memory is measured alone; this process is the load generator on the same machine. It
 * connects `clients` socket.io-client sockets to `/scoreboard` (websocket transport), waits for
 * every snapshot, and reads the host's RSS before and after (after a GC in the host): memory
 * per idle socket = RSS delta / sockets. Then the host commits `judgements` verdicts one at a
 * time (each changes the public board); for each, every client's delay from the commit (host
 * clock right after the write returned) to receiving the delta (this machine's clock, the same
 * clock) is recorded, and also from the delta's `serverTimeMs` (when it was broadcast).
 * Prints p50/p99. Targets: p99 ≤ 250 ms commit → delta; ≤ 25 KiB per idle socket.
 *
 * File descriptors: each side holds one per socket; the script checks `ulimit -n` and stops
 * with a message when it is below clients + 200 (raise it with `ulimit -n 65536` first).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, type ScoreboardDelta } from '@arena/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { BENCH_CONTEST, figures, formatFigures, seedBenchContest } from './scoreboard-endpoint-benchmark';

type HostRequest = { op: 'memory' } | { op: 'judge'; index: number; teamId: string } | { op: 'stop' };
type HostReply =
  | { op: 'ready'; url: string }
  | { op: 'memory'; rssBytes: number; heapUsedBytes: number }
  | { op: 'judged'; index: number; commitMs: number };

const MINUTE = 60_000;

async function runHost(): Promise<void> {
  const { parseHostConfig } = await import('../../apps/host-server/src/app/host-config');
  const { buildHost } = await import('../../apps/host-server/src/main/build-host');
  process.env.ARENA_LOG_LEVEL ??= 'error';
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-bench-fanout-'));
  const config = parseHostConfig({ dataDir, listenHost: '127.0.0.1', port: 0, tls: false, mdns: false });
  const host = await buildHost(config);
  seedBenchContest(host.ctx, { teams: 200, problems: 15, nowMs: Date.now() });
  const url = await host.listen();
  const send = (reply: HostReply) => process.send!(reply);
  process.on('message', (raw: HostRequest) => {
    if (raw.op === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      const usage = process.memoryUsage();
      send({ op: 'memory', rssBytes: usage.rss, heapUsedBytes: usage.heapUsed });
    } else if (raw.op === 'judge') {
      // A new accepted submission (before the freeze) on a problem the team has not solved: its
      // row, and usually ranks, change on the public board.
      const { teamId } = raw;
      const id = `bench-${raw.index}`;
      const unsolved = host.ctx.store.db.prepare(`SELECT p.id FROM problems p WHERE p.contest_id = ? AND NOT EXISTS (
          SELECT 1 FROM submissions s JOIN judgements j ON j.contest_id = s.contest_id AND j.submission_id = s.id
          WHERE s.contest_id = p.contest_id AND s.team_id = ? AND s.problem_id = p.id AND j.judgement_type_id = 'AC')
        ORDER BY p.ordinal LIMIT 1`).get(BENCH_CONTEST, teamId) as { id: string } | undefined;
      host.ctx.store.write((tx) => {
        tx.db.prepare(`INSERT INTO submissions (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, data)
          VALUES (?, ?, ?, ?, ?, 'cpp', ?, ?, '[]', '', '{}')`).run(BENCH_CONTEST, id, 1_000_000 + raw.index, teamId, unsolved?.id ?? 'p0', tx.nowMs, 100 * MINUTE + raw.index);
        tx.db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data)
          VALUES (?, ?, ?, 'AC', 1, ?, ?, '{}')`).run(BENCH_CONTEST, id, id, tx.nowMs, tx.nowMs);
        tx.emit({ contestId: BENCH_CONTEST, type: 'judgements', id, data: {}, audience: 'team', teamId });
      });
      send({ op: 'judged', index: raw.index, commitMs: Date.now() });
    } else {
      void host.close().then(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  send({ op: 'ready', url });
}

function openFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 'NaN');
}

function ask<T extends HostReply['op']>(child: ChildProcess, request: HostRequest, reply: T): Promise<Extract<HostReply, { op: T }>> {
  return new Promise((resolve) => {
    const listener = (message: HostReply) => {
      if (message.op !== reply) return;
      child.off('message', listener);
      resolve(message as Extract<HostReply, { op: T }>);
    };
    child.on('message', listener);
    child.send(request);
  });
}

async function main(): Promise<void> {
  const clients = Math.max(1, Number(process.argv[2] ?? 2000));
  const judgements = Math.max(1, Number(process.argv[3] ?? 20));
  const limit = openFilesLimit();
  if (!(limit >= clients + 200)) {
    console.error(`ulimit -n is ${limit}: ${clients} sockets need at least ${clients + 200}. Run \`ulimit -n 65536\` in this shell first.`);
    process.exit(2);
  }
  const child = fork(fileURLToPath(import.meta.url), ['--host'], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    child.once('message', (m: HostReply) => (m.op === 'ready' ? resolve(m) : reject(new Error('host did not start'))));
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  const sockets: Socket[] = [];
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idle = await ask(child, { op: 'memory' }, 'memory');
    /**
     * The verdict being measured: each client records the arrival of the first delta carrying
     * that team's row (cheap work in the handler, so the load generator stays out of the way).
     */
    let awaited: { teamId: string; arrivals: Array<{ atMs: number; serverTimeMs: number } | undefined>; left: number; done: () => void } | null = null;
    const deltaBytes: number[] = [];
    const connectStart = performance.now();
    for (let batch = 0; batch < clients; batch += 100) {
      const opened: Array<Promise<void>> = [];
      for (let i = batch; i < Math.min(clients, batch + 100); i++) {
        const socket = connect(`${ready.url}/scoreboard`, {
          auth: { protocolVersion: PROTOCOL_VERSION, contestId: BENCH_CONTEST }, transports: ['websocket'], reconnection: false, forceNew: true,
        });
        socket.on('scoreboard:delta', (delta: ScoreboardDelta) => {
          const atMs = Date.now();
          const current = awaited;
          if (!current || current.arrivals[i] !== undefined || !delta.rows.some((r) => r.team_id === current.teamId)) return;
          current.arrivals[i] = { atMs, serverTimeMs: delta.serverTimeMs };
          if (i === 0) deltaBytes.push(JSON.stringify(delta).length);
          if (--current.left === 0) current.done();
        });
        opened.push(new Promise((resolve, reject) => {
          socket.once('scoreboard:snapshot', () => resolve());
          socket.once('connect_error', reject);
        }));
        sockets.push(socket);
      }
      await Promise.all(opened);
    }
    const connectMs = performance.now() - connectStart;
    await new Promise((r) => setTimeout(r, 2000));
    const loaded = await ask(child, { op: 'memory' }, 'memory');

    const commitToClient: number[] = [];
    const broadcastToClient: number[] = [];
    let missing = 0;
    for (let index = 1; index <= judgements; index++) {
      const teamId = `t${(index * 37) % 200}`;
      let done: () => void = () => undefined;
      const all = new Promise<void>((resolve) => { done = resolve; });
      const current = { teamId, arrivals: new Array<{ atMs: number; serverTimeMs: number } | undefined>(clients), left: clients, done };
      awaited = current;
      const { commitMs } = await ask(child, { op: 'judge', index, teamId }, 'judged');
      await Promise.race([all, new Promise((r) => setTimeout(r, 10_000))]);
      awaited = null;
      for (const arrival of current.arrivals) {
        if (!arrival) {
          missing++;
          continue;
        }
        commitToClient.push(arrival.atMs - commitMs);
        broadcastToClient.push(arrival.atMs - arrival.serverTimeMs);
      }
      await new Promise((r) => setTimeout(r, 300)); // past the coalescing window: one delta per verdict
    }
    const perSocketKiB = (loaded.rssBytes - idle.rssBytes) / clients / 1024;
    const heapPerSocketKiB = (loaded.heapUsedBytes - idle.heapUsedBytes) / clients / 1024;

    console.log(`socket fan-out benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`${clients} /scoreboard sockets (websocket) connected in ${(connectMs / 1000).toFixed(1)} s; board: 200 teams × 15 problems`);
    console.log(`host RSS idle ${(idle.rssBytes / 2 ** 20).toFixed(1)} MiB → with sockets ${(loaded.rssBytes / 2 ** 20).toFixed(1)} MiB: ${perSocketKiB.toFixed(1)} KiB per idle socket (heap ${heapPerSocketKiB.toFixed(1)} KiB); target ≤ 25 KiB: ${perSocketKiB <= 25 ? 'met' : 'NOT met'}`);
    const commit = figures(commitToClient);
    console.log(`commit → delta received    ${formatFigures(commit)}  over ${judgements} verdicts; target p99 ≤ 250 ms: ${commit.p99Ms <= 250 ? 'met' : 'NOT met'}`);
    console.log(`broadcast → delta received ${formatFigures(figures(broadcastToClient))}`);
    console.log(`delta size: mean ${(deltaBytes.reduce((a, b) => a + b, 0) / Math.max(1, deltaBytes.length) / 1024).toFixed(1)} KiB (JSON)`);
    if (missing > 0) console.log(`MISSING: ${missing} deltas never arrived within 10 s`);
  } finally {
    for (const socket of sockets) socket.close();
    child.send({ op: 'stop' } satisfies HostRequest);
    await new Promise((r) => child.once('exit', r));
  }
}

const entry = process.argv.includes('--host') ? runHost : main;
entry().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
