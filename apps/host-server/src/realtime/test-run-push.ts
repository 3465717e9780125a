import type { ContestantServerToClient } from '@arena/protocol';
import type { Namespace, Server as SocketServer } from 'socket.io';
import type { HostContext } from '../app/host-context';
import type { TestRunService } from '../app/test-runs/test-run-service';
import { onTestRunChanged } from '../app/test-runs/test-run-signals';
import { teamRoom } from './realtime-rooms';

/**
 * Pushes `test-run:result` (the test run's current state: queued, judging with the cases so
 * far, done or failed) to its team's room on `/contestant` whenever it changes. Only that
 * team's sockets are in the room. Returns the stop function.
 */
export function pushTestRunResults(ctx: HostContext, io: SocketServer, service: TestRunService): () => void {
  const contestant = io.of('/contestant') as unknown as Namespace<Record<string, never>, ContestantServerToClient>;
  return onTestRunChanged(ctx.store.db, ({ contestId, teamId, testRunId }) => {
    const result = service.viewOf(contestId, testRunId);
    if (result) contestant.to(teamRoom(contestId, teamId)).emit('test-run:result', result);
  });
}
