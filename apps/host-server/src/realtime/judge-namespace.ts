import type { JobOffer, JudgeAck, JudgeClientToServer, JudgeHello, JudgeServerToClient } from '@arena/protocol';
import type { Namespace, Server as SocketServer, Socket } from 'socket.io';
import { agentConnected, agentDisconnected, agentMayTakeJobs, agentSeen } from '../app/console-judging/judge-registry';
import { AppError } from '../app/errors';
import type { HostContext } from '../app/host-context';
import { authenticateJudge } from '../app/judging/judge-auth';
import {
  releaseLease, reportFailure, reportHeartbeat, reportRelease, reportResult, reportTestcase,
} from '../app/judging/job-reports';
import { onJudgingSignal } from '../app/judging/judging-signals';
import { leaseNextJob } from '../app/judging/lease-job';

interface JudgeSocketData {
  hello: JudgeHello;
  /** Leases this socket was given and has not finished; taken back when it disconnects. */
  leases: Set<string>;
}

type JudgeNamespace = Namespace<JudgeClientToServer, JudgeServerToClient, Record<string, never>, JudgeSocketData>;
type JudgeSocket = Socket<JudgeClientToServer, JudgeServerToClient, Record<string, never>, JudgeSocketData>;

function errorMessage(ctx: HostContext, err: unknown): string {
  if (err instanceof AppError) return err.message;
  ctx.log.error({ err }, 'judge message failed');
  return 'internal error; the host logged the details';
}

/**
 * Registers one event: the payload is `unknown` and parsed by the app function; a thrown error
 * becomes an error ack (AppError messages as is, anything else generic). Tolerates a client that
 * sends only an ack callback, or no ack at all.
 */
function handle<R>(ctx: HostContext, socket: JudgeSocket, event: keyof JudgeClientToServer,
  fn: (payload: unknown) => R, onError: (message: string) => R): void {
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() as (reply: R) => void : undefined;
    agentSeen(ctx, socket.data.hello.agentId);
    let reply: R;
    try {
      reply = fn(args[0]);
    } catch (err) {
      reply = onError(errorMessage(ctx, err));
    }
    ack?.(reply);
  });
}

/**
 * The `/judge` socket.io namespace. Agents authenticate in the handshake (`JudgeHello`: key,
 * protocol version); a refusal arrives as `connect_error` with a message for the operator. Idle
 * agents (their last `job:request` found nothing) get `job:available` when work is queued. A
 * disconnecting agent's leases go back to the queue at once. Returns the close function.
 */
export function registerJudgeNamespace(ctx: HostContext, io: SocketServer): () => void {
  const nsp = io.of('/judge') as JudgeNamespace;
  const idle = new Set<JudgeSocket>();

  nsp.use((socket, next) => {
    try {
      socket.data.hello = authenticateJudge(ctx.config, socket.handshake.auth);
      socket.data.leases = new Set();
      next();
    } catch (err) {
      next(new Error(errorMessage(ctx, err)));
    }
  });

  nsp.on('connection', (socket) => {
    const { agentId, languages } = socket.data.hello;
    const leases = socket.data.leases;
    ctx.log.info({ agentId, hostname: socket.data.hello.hostname, sandbox: socket.data.hello.sandbox }, 'judge agent connected');
    agentConnected(ctx, { agentId, hostname: socket.data.hello.hostname, sandbox: socket.data.hello.sandbox });
    const ackError = (message: string): JudgeAck => ({ ok: false, error: message });
    // Tracks which leases this socket holds: also adopts a current lease first granted to the
    // same agent on an earlier connection (host restart), so a disconnect returns it at once.
    const settle = (leaseId: unknown, ack: JudgeAck, finished: boolean) => {
      if (typeof leaseId !== 'string') return ack;
      if (finished || ack.stale) leases.delete(leaseId);
      else if (ack.ok) leases.add(leaseId);
      return ack;
    };
    const leaseOf = (payload: unknown) => (payload && typeof payload === 'object' ? (payload as { leaseId?: unknown }).leaseId : undefined);

    handle<JobOffer>(ctx, socket, 'job:request', (payload) => {
      if (payload !== undefined && payload !== null && (typeof payload !== 'object' || Array.isArray(payload))) {
        throw new AppError('bad_request', 'invalid job request: must be an object or nothing');
      }
      // A paused agent (console) is offered nothing; it stays idle and is nudged again on resume.
      const job = agentMayTakeJobs(ctx.store.db, agentId) ? leaseNextJob(ctx, { agentId, languages }) : null;
      if (job) {
        leases.add(job.leaseId);
        idle.delete(socket);
      } else {
        idle.add(socket);
      }
      return { job };
    }, (message) => ({ job: null, error: message }));
    handle<JudgeAck>(ctx, socket, 'job:heartbeat', (p) => settle(leaseOf(p), reportHeartbeat(ctx, agentId, p), false), ackError);
    handle<JudgeAck>(ctx, socket, 'job:testcase', (p) => settle(leaseOf(p), reportTestcase(ctx, agentId, p), false), ackError);
    handle<JudgeAck>(ctx, socket, 'job:result', (p) => settle(leaseOf(p), reportResult(ctx, agentId, p), true), ackError);
    handle<JudgeAck>(ctx, socket, 'job:failure', (p) => settle(leaseOf(p), reportFailure(ctx, agentId, p), true), ackError);
    handle<JudgeAck>(ctx, socket, 'job:release', (p) => settle(leaseOf(p), reportRelease(ctx, agentId, p), true), ackError);

    socket.on('disconnect', (reason) => {
      idle.delete(socket);
      for (const leaseId of leases) {
        try {
          releaseLease(ctx, agentId, leaseId, `agent disconnected (${reason})`);
        } catch (err) {
          // The sweeper takes it back when the lease expires.
          ctx.log.error({ err, agentId, leaseId }, 'could not release a disconnected agent\'s lease');
        }
      }
      leases.clear();
      agentDisconnected(ctx, agentId);
      ctx.log.info({ agentId, reason }, 'judge agent disconnected');
    });
  });

  const unsubscribe = onJudgingSignal(ctx.store.db, (signal) => {
    if (signal.type !== 'queued' || idle.size === 0) return;
    // Each idle agent is nudged once; it asks again and becomes idle again if nothing suits it.
    for (const socket of idle) socket.emit('job:available');
    idle.clear();
  });

  return () => {
    unsubscribe();
    idle.clear();
  };
}
