import { JobOffer, JudgeAck, PROTOCOL_VERSION, type JudgeHello, type JudgeJob, type JudgeResult, type TestcaseResult } from '@arena/protocol';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { Backoff } from './backoff';
import type { PinnedTls } from './tls-pin';

export type TestcaseReport = Omit<TestcaseResult, 'leaseId'>;
export type JudgeOutcome = { ok: true; result: Omit<JudgeResult, 'leaseId'> } | { ok: false; reason: string };

/**
 * Judges one job. Must stop promptly when `signal` aborts (lease lost or shutdown), and must
 * return `{ ok: false }` for any failure of the judge itself (sandbox, fetch, validator crash):
 * that is a judging error, never a verdict.
 */
export type JudgeFn = (job: JudgeJob, run: { signal: AbortSignal; worker: number; onTestcase(report: TestcaseReport): Promise<void> }) => Promise<JudgeOutcome>;

export interface JudgeAgentOptions {
  hostUrl: URL;
  hello: Omit<JudgeHello, 'protocolVersion'>;
  tls: PinnedTls | null;
  judge: JudgeFn;
  log: Logger;
  /** How often a held lease is renewed; keep well under the host's lease timeout (5 s). */
  heartbeatMs?: number;
  /** Idle polling back-off; a `job:available` nudge cuts it short. */
  idleMinMs?: number;
  idleMaxMs?: number;
  /** How long an ack may take before the message counts as lost. */
  ackTimeoutMs?: number;
}

/**
 * The judge agent's connection to the host: `parallel` workers that pull jobs over the `/judge`
 * namespace, heartbeat their leases, stream test case results, and report the judgement.
 * Reconnects forever (socket.io's own reconnection with back-off). On `stop()` it stops pulling,
 * aborts running jobs and gives them back (`job:release`) so another judge takes them at once.
 */
export class JudgeAgent {
  private readonly socket: Socket;
  private readonly workers: Promise<void>[] = [];
  private readonly running = new Map<string, { abort: AbortController; releasing: boolean }>();
  private stopping = false;
  private paused = false;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly options: JudgeAgentOptions) {
    const hello: JudgeHello = { ...options.hello, protocolVersion: PROTOCOL_VERSION };
    this.socket = io(new URL('/judge', options.hostUrl).toString(), {
      auth: hello,
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      autoConnect: false,
      ...(options.tls ? { ca: options.tls.ca, checkServerIdentity: options.tls.checkServerIdentity, rejectUnauthorized: true } : {}),
    });
    this.socket.on('connect', () => { options.log.info({ host: options.hostUrl.origin }, 'connected to host'); this.nudge(); });
    this.socket.on('disconnect', (reason) => options.log.warn({ reason }, 'disconnected from host; reconnecting'));
    this.socket.on('connect_error', (err) => {
      options.log.error({ err: err.message }, 'host refused or unreachable');
      // A refusal by the host's auth (wrong key or protocol) does not retry by itself.
      if (!this.socket.active && !this.stopping) setTimeout(() => this.socket.connect(), 5_000).unref();
    });
    this.socket.on('job:available', () => this.nudge());
    this.socket.on('agent:paused', (paused: unknown) => {
      this.paused = paused === true;
      options.log.info({ paused: this.paused }, this.paused ? 'paused by the jury' : 'resumed by the jury');
      if (!this.paused) this.nudge();
    });
  }

  start(): void {
    this.socket.connect();
    for (let worker = 0; worker < this.options.hello.parallel; worker++) this.workers.push(this.workLoop(worker));
  }

  /** Number of jobs being judged right now. */
  get busy(): number {
    return this.running.size;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const job of this.running.values()) {
      job.releasing = true;
      job.abort.abort();
    }
    this.nudge();
    await Promise.all(this.workers);
    this.socket.disconnect();
  }

  private nudge(): void {
    for (const wake of this.wakers) wake();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); this.wakers.delete(done); resolve(); };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  private async emit(event: string, payload: unknown): Promise<unknown> {
    return this.socket.timeout(this.options.ackTimeoutMs ?? 10_000).emitWithAck(event, payload);
  }

  private async workLoop(worker: number): Promise<void> {
    const idle = new Backoff(this.options.idleMinMs ?? 250, this.options.idleMaxMs ?? 5_000);
    while (!this.stopping) {
      if (!this.socket.connected || this.paused) {
        await this.sleep(1_000);
        continue;
      }
      let job: JudgeJob | null = null;
      try {
        const offer = JobOffer.safeParse(await this.emit('job:request', {}));
        if (!offer.success) {
          this.options.log.error({ issues: offer.error.issues.slice(0, 3) }, 'host sent a job the agent cannot read; skipping');
        } else {
          job = offer.data.job;
        }
      } catch (err) {
        this.options.log.warn({ err: (err as Error).message }, 'job request got no answer');
      }
      if (!job) {
        await this.sleep(idle.next());
        continue;
      }
      idle.reset();
      await this.runJob(job, worker);
    }
  }

  private async runJob(job: JudgeJob, worker: number): Promise<void> {
    const log = this.options.log.child({ submission: job.submissionId, lease: job.leaseId });
    const state = { abort: new AbortController(), releasing: this.stopping };
    this.running.set(job.leaseId, state);
    let stale = false;
    const heartbeat = setInterval(() => {
      this.emit('job:heartbeat', { leaseId: job.leaseId }).then((raw) => {
        const ack = JudgeAck.safeParse(raw);
        if (ack.success && ack.data.stale) {
          stale = true;
          log.warn('lease lost: the host gave this job to another judge; stopping it');
          state.abort.abort();
        }
      }, () => { /* missed heartbeat: the host re-queues if this keeps up */ });
    }, this.options.heartbeatMs ?? 1_000);
    try {
      log.info({ problem: job.problemId, language: job.languageId }, 'judging');
      const outcome = await this.options.judge(job, {
        signal: state.abort.signal,
        worker,
        onTestcase: async (report) => {
          const ack = JudgeAck.safeParse(await this.emit('job:testcase', { ...report, leaseId: job.leaseId }));
          if (ack.success && ack.data.stale) { stale = true; state.abort.abort(); }
        },
      });
      if (stale) return;
      if (state.releasing) {
        await this.emit('job:release', { leaseId: job.leaseId }).catch(() => undefined);
        log.info('gave the job back to the host');
        return;
      }
      if (outcome.ok) {
        await this.emit('job:result', { ...outcome.result, leaseId: job.leaseId });
        log.info({ verdict: outcome.result.verdict }, 'judged');
      } else {
        await this.emit('job:failure', { leaseId: job.leaseId, reason: outcome.reason.slice(0, 4000) });
        log.error({ reason: outcome.reason }, 'judging error reported to the host');
      }
    } catch (err) {
      // Lost ack or a bug in the judge: report it as the judge's failure if we still can.
      log.error({ err }, 'judging failed');
      if (!stale && !state.releasing) {
        await this.emit('job:failure', { leaseId: job.leaseId, reason: `judge agent error: ${(err as Error).message}`.slice(0, 4000) }).catch(() => undefined);
      }
    } finally {
      clearInterval(heartbeat);
      this.running.delete(job.leaseId);
    }
  }
}
