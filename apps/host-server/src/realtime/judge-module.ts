import type { Server as SocketServer } from 'socket.io';
import type { HostContext } from '../app/host-context';
import { startLeaseSweeper } from '../app/judging/lease-sweeper';
import type { ArenaFastify } from '../http/create-http-server';
import { registerJudgeFileRoutes } from '../http/routes/judge-files';
import { registerJudgeNamespace } from './judge-namespace';

/**
 * The judging module: the `/judge` namespace, `GET /judge/files/{sha256}` and the lease sweeper
 * (stopped when the host closes).
 */
export function registerJudging(deps: {
  ctx: HostContext; http: ArenaFastify; io: SocketServer; onClose(fn: () => Promise<void> | void): void;
}): void {
  registerJudgeFileRoutes(deps.http, deps.ctx);
  const closeNamespace = registerJudgeNamespace(deps.ctx, deps.io);
  const stopSweeper = startLeaseSweeper(deps.ctx);
  deps.onClose(() => {
    stopSweeper();
    closeNamespace();
  });
}
