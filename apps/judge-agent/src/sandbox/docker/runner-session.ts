/**
 * One started judge container with its runner attached: send a request line, get the reply.
 * Subscribes to the container's exit (`condition: 'next-exit'`) BEFORE starting it, and reads
 * the runner's stdout line by line from the attach stream. Never AutoRemove: `close()` removes
 * the container explicitly (force), and is idempotent.
 */
import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import { encodeRunnerRequest, parseRunnerReply, type RunnerReply, type RunnerRequest } from './runner-protocol.js';

export interface RunnerSession {
  readonly containerId: string;
  /** Sends one request; resolves with the runner's reply, or rejects when it does not come within `timeoutMs` or the container ends. */
  request(request: RunnerRequest, timeoutMs: number): Promise<RunnerReply>;
  /** Changes the container's limits in place; false when the engine cannot (Podman 4.3 answers 404). */
  updateLimits(update: { Memory: number; MemorySwap: number; PidsLimit: number }): Promise<boolean>;
  /** True once the container has exited (or was closed). */
  isDead(): boolean;
  close(): Promise<void>;
}

/** Keeps the last bytes of the runner's stderr for error messages. */
const STDERR_KEEP_BYTES = 2000;

export async function startRunnerSession(docker: Docker, options: ContainerCreateOptions, startTimeoutMs: number): Promise<RunnerSession> {
  const container = await docker.createContainer(options);
  let dead = false;
  let closed: Promise<void> | null = null;
  let stderrTail = '';
  let buffered = '';
  const lines: string[] = [];
  let waiter: (() => void) | null = null;
  let stream: Duplex | null = null;

  const close = (): Promise<void> => {
    closed ??= (async () => {
      dead = true;
      stream?.destroy();
      await container.remove({ force: true, v: true }).catch(async (error: Error) => {
        // A container that is still being torn down: one retry, then report.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await container.remove({ force: true, v: true }).catch(() => {
          throw new Error(`cannot remove judge container ${container.id.slice(0, 12)}: ${error.message}`);
        });
      });
    })();
    return closed;
  };

  try {
    stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as unknown as Duplex;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    container.modem.demuxStream(stream, stdout, stderr);
    stream.on('error', () => undefined);
    stream.on('end', () => {
      dead = true;
      waiter?.();
    });
    stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        lines.push(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
      // A line this long is not the runner's: drop it rather than grow without bound.
      if (buffered.length > 65536) buffered = '';
      waiter?.();
    });
    stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_KEEP_BYTES);
    });
    const exited = container.wait({ condition: 'next-exit' }) as Promise<unknown>;
    exited.then(() => {
      dead = true;
      waiter?.();
    }, () => {
      dead = true;
      waiter?.();
    });
    await container.start();
    // Ends whatever bytes an engine put on stdin at attach, so the runner sees our lines whole.
    stream.write('\n');
    const ready = await nextReply(startTimeoutMs);
    if (ready.kind !== 'ready') throw new Error(`the runner did not start: ${describe(ready)}`);
  } catch (error) {
    await close().catch(() => undefined);
    throw new Error(`cannot start a judge container from ${String(options.Image)}: ${(error as Error).message}${stderrTail ? ` (${stderrTail.trim()})` : ''}`);
  }

  function describe(reply: RunnerReply): string {
    return reply.kind === 'error' ? reply.message : reply.kind === 'invalid' ? `unexpected output ${JSON.stringify(reply.line.slice(0, 200))}` : reply.kind;
  }

  /** The next protocol line (other lines are skipped). */
  async function nextReply(timeoutMs: number): Promise<RunnerReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (lines.length > 0) {
        const reply = parseRunnerReply(lines.shift() ?? '');
        if (reply.kind !== 'invalid') return reply;
      }
      if (dead) throw new Error(`the judge container ended${stderrTail ? `: ${stderrTail.trim()}` : ''}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no answer from the runner within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining);
        function done() {
          clearTimeout(timer);
          waiter = null;
          resolve();
        }
        waiter = done;
      });
    }
  }

  return {
    containerId: container.id,
    async request(request, timeoutMs) {
      if (dead || stream === null) throw new Error('the judge container has ended');
      stream.write(encodeRunnerRequest(request));
      return nextReply(timeoutMs);
    },
    async updateLimits(update) {
      try {
        await container.update(update);
        return true;
      } catch {
        return false;
      }
    },
    isDead: () => dead,
    close,
  };
}
