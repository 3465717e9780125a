import type { JobOffer, JudgeAck } from '../schemas/judge';

/**
 * socket.io namespace `/judge`. Agents authenticate with `JudgeHello` as the handshake `auth`.
 * Payloads arrive as `unknown` and are parsed on receipt: the types here describe, not validate.
 */
export interface JudgeClientToServer {
  /** An idle agent asks for work; the ack carries a job with its lease, or null. */
  'job:request': (payload: unknown, ack: (offer: JobOffer) => void) => void;
  /** Keeps the lease alive; `stale` in the ack means stop judging that job. */
  'job:heartbeat': (payload: unknown, ack: (res: JudgeAck) => void) => void;
  /** One test case's outcome (`TestcaseResult`). */
  'job:testcase': (payload: unknown, ack: (res: JudgeAck) => void) => void;
  /** The final judgement (`JudgeResult`). */
  'job:result': (payload: unknown, ack: (res: JudgeAck) => void) => void;
  /** The judge failed on this job (`JudgeFailure`): re-queued, proctor alerted. */
  'job:failure': (payload: unknown, ack: (res: JudgeAck) => void) => void;
  /** Give a held job back (shutdown): re-queued at once, no attempt counted. */
  'job:release': (payload: unknown, ack: (res: JudgeAck) => void) => void;
}

export interface JudgeServerToClient {
  /** Nudge: work was queued, idle agents should ask now instead of waiting for their back-off. */
  'job:available': () => void;
  /** The jury paused or resumed this agent. */
  'agent:paused': (paused: boolean) => void;
}
