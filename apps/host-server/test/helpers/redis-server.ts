import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server by PID (SIGTERM by default; SIGKILL simulates a crash) and removes its dir. Idempotent. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartRedisOptions {
  /** Port to listen on (e.g. to restart on the same one); a free port when omitted. */
  readonly port?: number;
  readonly readyTimeoutMs?: number;
}

/**
 * Starts a real `redis-server` on 127.0.0.1 with no persistence, in a fresh temp dir, and
 * resolves once it answers PING. Rejects (and kills it) if it exits or is not ready in time,
 * with the server's own output in the message.
 */
export async function startRedisServer(options: StartRedisOptions = {}): Promise<RedisServer> {
  const port = options.port ?? await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'arena-redis-'));
  const child = spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitedEarly = false;
  void exited.then(() => {
    exitedEarly = true;
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, signal);
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    if (child.pid === undefined) throw new Error('redis-server did not start (is it installed?)');
    const deadline = Date.now() + (options.readyTimeoutMs ?? 10_000);
    while (!(await answersPing(port))) {
      if (exitedEarly) throw new Error(`redis-server exited before it was ready: ${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server not ready on port ${port}: ${output}`);
      await sleep(20);
    }
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  }
  return { url: `redis://127.0.0.1:${port}`, port, pid: pidOf(child), stop };
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('redis-server has no pid');
  return child.pid;
}

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
