import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import { BlobStore } from '../adapters/blobs/blob-store';
import { openDatabase } from '../adapters/sqlite/database';
import { Store } from '../adapters/sqlite/store';
import type { HostConfig } from '../app/host-config';
import type { HostContext } from '../app/host-context';
import { ComponentStatuses } from '../app/metrics/component-statuses';
import { createHttpServer, type ArenaFastify, type HttpServerOptions } from '../http/create-http-server';
import { registerContestApiModule } from '../http/routes/api-module';
import { registerConsoleJudgingModule } from '../http/routes/console-judging/console-judging-module';
import { registerWebStaticRoutes } from '../http/routes/web-static-routes';
import { registerVenueModule } from '../http/routes/venue/venue-module';
import { registerOpsModule } from './ops-module';
import { registerTestRunModule } from './test-run-module';
import { registerJudging } from '../realtime/judge-module';
import { registerLiveScoreboardModule } from '../realtime/realtime-module';

export interface BuildHostOptions {
  /** Injected clock (epoch ms); defaults to Date.now. Tests pass a controllable one. */
  clock?: () => number;
  log?: Logger;
  http?: HttpServerOptions;
}

export interface Host {
  readonly ctx: HostContext;
  readonly http: ArenaFastify;
  readonly io: SocketServer;
  /** Listens on config.listenHost:config.port (0 = any free port) and returns the base URL. */
  listen(): Promise<string>;
  /**
   * Stops accepting, lets in-flight requests finish (unbounded here: `shutdownHost` bounds it),
   * closes sockets, checkpoints the WAL and closes the database. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Composition root: opens the store, builds HTTP + socket.io and registers every module.
 * Each module is a function of the context; adding one is one line in `registerModules`.
 */
export async function buildHost(config: HostConfig, options: BuildHostOptions = {}): Promise<Host> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? pino({ level: process.env.ARENA_LOG_LEVEL ?? 'info' }, pino.destination(2));
  const db = openDatabase(join(config.dataDir, 'arena.db'));
  const store = new Store(db, clock, (err) => log.error({ err }, 'event listener failed'));
  const blobs = new BlobStore(join(config.dataDir, 'blobs'));
  const ctx: HostContext = { config, store, blobs, log, clock };

  const http = createHttpServer(ctx, options.http);
  const io = new SocketServer(http.server, { serveClient: false, maxHttpBufferSize: 4 * 1024 * 1024 });
  const closers: Array<() => Promise<void> | void> = [];

  await registerModules({ ctx, http, io, statuses: new ComponentStatuses(), onClose: (fn) => closers.push(fn) });

  let closed = false;
  return {
    ctx, http, io,
    async listen() {
      const address = await http.listen({ host: config.listenHost, port: config.port });
      return address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) await fn();
      io.close();
      await http.close();
      // Fold the WAL into the main file so the data dir is one self-contained file at rest.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export interface ModuleDeps {
  ctx: HostContext;
  http: ArenaFastify;
  io: SocketServer;
  /** Where modules report degraded parts (read by /healthz and /metrics). */
  statuses: ComponentStatuses;
  /** Registers cleanup run (in reverse order) when the host closes. */
  onClose(fn: () => Promise<void> | void): void;
}

async function registerModules(deps: ModuleDeps): Promise<void> {
  // Modules register here, one line each.
  registerOpsModule(deps); // first: its response hook must see every later route
  await registerConsoleJudgingModule(deps); // second: its 5xx counter must see every later route
  registerJudging(deps);
  await registerContestApiModule(deps);
  await registerLiveScoreboardModule(deps);
  await registerVenueModule(deps);
  await registerWebStaticRoutes(deps);
  registerTestRunModule(deps);
}
