import { JobOffer, JudgeAck, PROTOCOL_VERSION, type JudgeHello, type JudgeJob } from '@arena/protocol';
import { io, type Socket } from 'socket.io-client';
import { seededRandom } from '../../apps/host-server/test/helpers/seeded-random';

/**
 * LOAD GENERATOR JUDGES — they run no code. Each speaks the real `/judge` protocol to the host
 * (handshake with the judge key, `job:request`, heartbeats, one `job:testcase` per test case up
 * to the verdict, `job:result`) and waits `judgeMs` instead of compiling and running, then
 * reports a seeded-random verdict (AC 50%, WA 35%, TLE 15%). They exist to load the HOST's queue,
 * lease, judgement and scoreboard paths at rates no real judge farm on this machine reaches
 * (real judging here is ~30–46 submissions/min). Never point them at a real contest.
 */
export interface FastJudgePool {
  /** When this process received each submission's job offer (epoch ms), by submission id. */
  readonly leasedAtMs: Map<string, number>;
  /** When the host acknowledged each submission's result (its judgement committed), by submission id. */
  readonly judgedAtMs: Map<string, number>;
  /** Jobs finished (result acknowledged by the host). */
  readonly judged: () => number;
  /** Protocol errors seen (bad offers, refused reports, lost acks); 0 in a healthy run. */
  readonly errors: () => string[];
  /** Times a fast judge lost its connection (the host re-queues its lease; it reconnects). */
  readonly disconnects: () => number;
  close(): Promise<void>;
}

export interface FastJudgeOptions {
  hostUrl: string;
  judgeKey: string;
  count: number;
  /** Simulated judging time per job. */
  judgeMs: number;
  seed?: number;
}

const VERDICTS = [['AC', 0.5], ['WA', 0.85], ['TLE', 1]] as const;

export async function startFastJudges(options: FastJudgeOptions): Promise<FastJudgePool> {
  const leasedAtMs = new Map<string, number>();
  const judgedAtMs = new Map<string, number>();
  const errors: string[] = [];
  let judged = 0;
  let disconnects = 0;
  let closing = false;
  const random = seededRandom(options.seed ?? 8);
  const sockets: Socket[] = [];
  const loops: Array<Promise<void>> = [];

  const emit = (socket: Socket, event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<unknown>;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  async function judge(socket: Socket, job: JudgeJob): Promise<void> {
    const roll = random();
    const verdict = VERDICTS.find(([, upTo]) => roll < upTo)![0];
    const heartbeat = setInterval(() => { void emit(socket, 'job:heartbeat', { leaseId: job.leaseId }).catch(() => undefined); }, 1_000);
    try {
      await sleep(options.judgeMs);
      const ordered = [...job.testcases].sort((a, b) => a.ordinal - b.ordinal);
      const failAt = verdict === 'AC' ? -1 : ordered.length - 1;
      for (const [i, testcase] of ordered.entries()) {
        const ack = JudgeAck.safeParse(await emit(socket, 'job:testcase', {
          leaseId: job.leaseId, testcaseId: testcase.id, ordinal: testcase.ordinal, verdict: i === failAt ? verdict : 'AC',
          cpuTimeMs: 1, wallTimeMs: 2, memoryBytes: 1 << 20,
        }));
        if (!ack.success || !ack.data.ok) errors.push(`testcase of ${job.submissionId} refused: ${JSON.stringify(ack.success ? ack.data : ack.error.issues)}`);
        if (i === failAt) break;
      }
      const ack = JudgeAck.safeParse(await emit(socket, 'job:result', { leaseId: job.leaseId, verdict, compileOutput: '', maxCpuTimeMs: 1 }));
      if (!ack.success || !ack.data.ok) errors.push(`result of ${job.submissionId} refused: ${JSON.stringify(ack.success ? ack.data : ack.error.issues)}`);
      else {
        judged++;
        judgedAtMs.set(job.submissionId, Date.now());
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function workLoop(socket: Socket): Promise<void> {
    let wake: (() => void) | null = null;
    socket.on('job:available', () => wake?.());
    while (!closing) {
      if (!socket.connected) {
        await sleep(200);
        continue;
      }
      let job: JudgeJob | null = null;
      try {
        const offer = JobOffer.safeParse(await emit(socket, 'job:request', {}));
        if (offer.success) job = offer.data.job;
        else errors.push(`unreadable job offer: ${offer.error.issues[0]?.message ?? ''}`);
      } catch (err) {
        if (!closing) errors.push(`job request: ${(err as Error).message}`);
      }
      if (!job) {
        // Idle: until the host's nudge, or 1 s at most.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1_000);
          wake = () => { clearTimeout(timer); resolve(); };
        });
        wake = null;
        continue;
      }
      leasedAtMs.set(job.submissionId, Date.now());
      try {
        await judge(socket, job);
      } catch (err) {
        // A lost ack or connection: the host takes the lease back; this judge carries on.
        if (!closing) errors.push(`judging ${job.submissionId}: ${(err as Error).message}`);
      }
    }
  }

  for (let i = 0; i < options.count; i++) {
    const hello: JudgeHello = {
      key: options.judgeKey, agentId: `load-fast-judge-${i}`, protocolVersion: PROTOCOL_VERSION, hostname: 'load-test', sandbox: 'native', parallel: 1, languages: [],
    };
    const socket = io(`${options.hostUrl}/judge`, { auth: hello, transports: ['websocket'], reconnection: true, reconnectionDelay: 200, forceNew: true });
    socket.on('disconnect', () => {
      if (!closing) disconnects++;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(new Error(`fast judge ${i} refused: ${err.message}`)));
    });
    sockets.push(socket);
    loops.push(workLoop(socket));
  }

  return {
    leasedAtMs,
    judgedAtMs,
    judged: () => judged,
    disconnects: () => disconnects,
    errors: () => [...errors],
    async close() {
      closing = true;
      for (const socket of sockets) socket.disconnect();
      await Promise.race([Promise.all(loops), sleep(2_000)]);
    },
  };
}
