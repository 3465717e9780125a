/**
 * Joins a run inside a container to the judge's pipe fds (interactive problems: the solution and
 * the validator each run in their own box, connected by pipes the judging step made). The
 * container cannot see the judge's fds, so each one is relayed through a FIFO in the box's
 * read-only io directory, which the runner opens as the program's stdin or stdout.
 *
 * The judge's fds are reopened through /proc/self/fd as new non-blocking descriptions that this
 * module owns and closes (the caller keeps and closes its own fds; nothing is closed twice).
 * End of file travels both ways: when the judge's side of stdin ends, the program's stdin ends;
 * when the run is over, whatever the program wrote is delivered and then the relay's write end
 * is closed, so the other side sees end of file once the caller closes its copy too.
 */
import { execFile } from 'node:child_process';
import { chownSync, closeSync, constants, fstatSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunPipes {
  /** Paths inside the container for the runner ('' = not a pipe run). */
  stdinPath: string;
  stdoutPath: string;
  /** After the run: delivers what the program wrote, closes every relay fd. Idempotent. */
  finish(timeoutMs: number): Promise<void>;
}

function socketOn(fd: number, direction: 'read' | 'write'): Socket {
  const socket = new Socket({ fd, readable: direction === 'read', writable: direction === 'write', allowHalfOpen: false });
  socket.on('error', () => undefined); // the other side went away: the run's own outcome says what happened
  return socket;
}

async function makeFifo(path: string, uid: number): Promise<void> {
  rmSync(path, { force: true });
  await run('mkfifo', ['-m', '600', path]);
  if (process.getuid?.() === 0) chownSync(path, uid, uid);
}

function assertPipe(fd: number): void {
  if (!fstatSync(fd).isFIFO()) throw new Error(`fd ${fd} is not a pipe: the docker backend relays only pipes`);
}

/**
 * Sets up the relays for `stdinFd`/`stdoutFd` (either may be null). `ioHostDir` is the host side
 * of the directory the container sees at `ioDirInContainer`.
 */
export async function connectRunPipes(input: { ioHostDir: string; ioDirInContainer: string; uid: number; stdinFd: number | null; stdoutFd: number | null }): Promise<RunPipes> {
  const sockets: Socket[] = [];
  let holder: number | null = null;
  let delivered: Promise<void> = Promise.resolve();
  const result = { stdinPath: '', stdoutPath: '' };
  try {
    if (input.stdinFd !== null) {
      assertPipe(input.stdinFd);
      const fifo = join(input.ioHostDir, 'stdin.fifo');
      await makeFifo(fifo, input.uid);
      // Read-write: never blocks, and the program's open for reading finds a writer at once.
      const toProgram = socketOn(openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK), 'write');
      const fromJudge = socketOn(openSync(`/proc/self/fd/${input.stdinFd}`, constants.O_RDONLY | constants.O_NONBLOCK), 'read');
      sockets.push(toProgram, fromJudge);
      fromJudge.pipe(toProgram);
      result.stdinPath = `${input.ioDirInContainer}/stdin.fifo`;
    }
    if (input.stdoutFd !== null) {
      assertPipe(input.stdoutFd);
      const fifo = join(input.ioHostDir, 'stdout.fifo');
      await makeFifo(fifo, input.uid);
      const fromProgram = socketOn(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK), 'read');
      // A writer of our own until the run is over, so the reader sees no end of file before the program opens its end.
      holder = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      const toJudge = socketOn(openSync(`/proc/self/fd/${input.stdoutFd}`, constants.O_WRONLY | constants.O_NONBLOCK), 'write');
      sockets.push(fromProgram, toJudge);
      delivered = new Promise<void>((resolve) => {
        toJudge.once('close', () => resolve());
        fromProgram.once('close', () => toJudge.end());
      });
      fromProgram.pipe(toJudge);
      result.stdoutPath = `${input.ioDirInContainer}/stdout.fifo`;
    }
  } catch (error) {
    for (const socket of sockets) socket.destroy();
    if (holder !== null) closeSync(holder);
    throw error;
  }
  let finished: Promise<void> | null = null;
  return {
    ...result,
    finish(timeoutMs) {
      finished ??= (async () => {
        if (holder !== null) closeSync(holder);
        holder = null;
        await Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
        for (const socket of sockets) socket.destroy();
      })();
      return finished;
    },
  };
}
