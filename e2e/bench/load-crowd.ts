/**
 * The load test's contestant crowd in its own process (forked by load-run.ts with `--import
 * tsx`). 2,000 sockets decode every board delta the host broadcasts; in the process that also
 * runs the fast judges, the projector and the submitter, that decoding stalled their event loop
 * for seconds (leases went stale, latencies measured the generator). Here it stalls only itself.
 *
 * Protocol over IPC: `{ op: 'connect', hostUrl, tokens }` → `{ op: 'connected' }`; then
 * `{ op: 'report' }` → `{ op: 'report', verdicts, disconnects, badPushes }`; `{ op: 'close' }` or
 * losing the parent ends the process.
 */
import { connectContestants, type ContestantCrowd, type VerdictArrival } from './load-clients';

export type CrowdRequest = { op: 'connect'; hostUrl: string; tokens: Array<[string, string]> } | { op: 'report' } | { op: 'close' };
export type CrowdReply =
  | { op: 'connected' }
  | { op: 'report'; verdicts: Array<[string, VerdictArrival]>; disconnects: number; badPushes: number }
  | { op: 'failed'; error: string };

let crowd: ContestantCrowd | null = null;

function reply(message: CrowdReply): void {
  process.send?.(message);
}

function close(): void {
  crowd?.close();
  process.exit(0);
}

process.on('message', (raw: unknown) => {
  const request = raw as CrowdRequest;
  if (request.op === 'connect') {
    connectContestants(request.hostUrl, new Map(request.tokens)).then((connected) => {
      crowd = connected;
      reply({ op: 'connected' });
    }, (err: unknown) => reply({ op: 'failed', error: (err as Error).message }));
  } else if (request.op === 'report') {
    reply({ op: 'report', verdicts: [...(crowd?.verdicts ?? [])], disconnects: crowd?.disconnects() ?? 0, badPushes: crowd?.badPushes() ?? 0 });
  } else if (request.op === 'close') {
    close();
  }
});
process.on('disconnect', close);
