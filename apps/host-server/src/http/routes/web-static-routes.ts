import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { HostInfo, PROTOCOL_VERSION } from '@arena/protocol';
import type { FastifyReply } from 'fastify';
import { createContestApi } from '../../app/contest-api/contest-api';
import type { HostContext } from '../../app/host-context';
import type { ArenaFastify } from '../create-http-server';
import { tlsFingerprint } from '../tls-fingerprint';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Where `pnpm build` puts the projector app (apps/host-server/web/scoreboard/dist). */
export const SCOREBOARD_DIST_DIR = resolve(HERE, '../../../web/scoreboard/dist');
/** Where `pnpm build` puts the proctor console (apps/host-server/web/console/dist). */
export const CONSOLE_DIST_DIR = resolve(HERE, '../../../web/console/dist');
/** Where `pnpm build` puts the contestant renderer's browser build (apps/contestant-desktop/dist/web). */
export const CONTESTANT_APP_DIST_DIR = resolve(HERE, '../../../../contestant-desktop/dist/web');

/** The single-page apps the host serves: URL prefix → what it is (for the "not built" page). */
export type WebAppName = 'scoreboard' | 'console' | 'app';
const WEB_APP_TITLES: Record<WebAppName, string> = {
  scoreboard: 'The scoreboard page',
  console: 'The proctor console',
  app: 'The contestant app',
};

/** Hashed file names never change content: cache for a year. Everything else: revalidate. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function notBuiltPage(name: WebAppName): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not built - Arena</title></head>
<body style="font-family: system-ui, sans-serif; background: #0d1117; color: #f0f3f6; padding: 4vw; font-size: 2vw">
<h1>${WEB_APP_TITLES[name]} is not built yet</h1>
<p>Run <code>pnpm build</code> in the Arena folder on the host machine, then reload this page.</p>
</body></html>`;
}

export interface WebStaticOptions {
  /** The built projector app; defaults to SCOREBOARD_DIST_DIR. */
  distDir?: string;
  /** Other apps' build folders (defaults: CONSOLE_DIST_DIR, CONTESTANT_APP_DIST_DIR). */
  distDirs?: Partial<Record<WebAppName, string>>;
}

/**
 * Serves the web apps (Vite builds): the projector at `/scoreboard`, the proctor console at
 * `/console` and the contestant app at `/app` (the desktop renderer's browser build; no lockdown
 * there). Each app does its own login against the API; the pages themselves are public. Also `GET /api/arena/host-info` (public, no login): TLS fingerprint, protocol version and the
 * served contest, for the projector footer. No login anywhere here.
 */
export async function registerWebStaticRoutes(deps: { ctx: HostContext; http: ArenaFastify }, options: WebStaticOptions = {}): Promise<void> {
  const { ctx } = deps;
  const distDirs: Record<WebAppName, string> = {
    scoreboard: options.distDir ?? options.distDirs?.scoreboard ?? SCOREBOARD_DIST_DIR,
    console: options.distDirs?.console ?? CONSOLE_DIST_DIR,
    app: options.distDirs?.app ?? CONTESTANT_APP_DIST_DIR,
  };
  const fingerprint = tlsFingerprint(ctx);
  const api = createContestApi(ctx);
  // The newest contest (as the /scoreboard socket namespace picks by default); null before any import.
  const servedContestId = (): string | null => {
    const id = api.contests().at(-1)?.id;
    return typeof id === 'string' ? id : null;
  };

  await deps.http.register(async (scope) => {
    scope.get('/api/arena/host-info', async (_request, reply) => {
      void reply.header('cache-control', REVALIDATE);
      return HostInfo.parse({ fingerprint, protocolVersion: PROTOCOL_VERSION, contestId: servedContestId() });
    });
  });
  for (const name of Object.keys(distDirs) as WebAppName[]) await registerSpa(deps.http, name, distDirs[name]);
}

/**
 * One single-page app at `/<name>` and `/<name>/*` from `distDir` with an SPA fallback: hashed
 * assets are cached for a year, `index.html` is revalidated on every load, a missing asset is a
 * 404 (never index.html). Not built yet: 503 with a page saying to run `pnpm build`.
 */
async function registerSpa(http: ArenaFastify, name: WebAppName, distDir: string): Promise<void> {
  await http.register(async (scope) => {
    // Own scope: the reply decorator does not clash with other apps' @fastify/static instances.
    await scope.register(fastifyStatic, { root: distDir, serve: false, decorateReply: true });
    const built = () => existsSync(join(distDir, 'index.html'));
    const sendIndex = (reply: FastifyReply) => reply.header('cache-control', REVALIDATE).sendFile('index.html', distDir, { cacheControl: false });
    const notBuilt = (reply: FastifyReply) => reply.status(503).header('cache-control', REVALIDATE).type('text/html; charset=utf-8').send(notBuiltPage(name));

    scope.get(`/${name}`, async (_request, reply) => (built() ? sendIndex(reply) : notBuilt(reply)));
    scope.get(`/${name}/*`, async (request, reply) => {
      if (!built()) return notBuilt(reply);
      const path = (request.params as { '*': string })['*'];
      if (path.startsWith('assets/')) {
        if (!isServableFile(distDir, path)) return reply.status(404).send({ code: 'not_found', message: `no file /${name}/${path}` });
        return reply.header('cache-control', IMMUTABLE).sendFile(path, distDir, { cacheControl: false });
      }
      if (path !== '' && path !== 'index.html' && isServableFile(distDir, path)) {
        return reply.header('cache-control', REVALIDATE).sendFile(path, distDir, { cacheControl: false });
      }
      return sendIndex(reply); // SPA fallback: client-side routes load the app
    });
  });
}

/** True for a plain relative path (no `..`, no dot files) of a file that exists under `root`. */
function isServableFile(root: string, path: string): boolean {
  if (path.split('/').some((part) => part === '' || part === '..' || part.startsWith('.'))) return false;
  const full = resolve(root, path);
  return full.startsWith(`${resolve(root)}/`) && existsSync(full);
}
