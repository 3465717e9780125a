import { EventFeedQuery } from '@arena/protocol';
import type { StoredEvent } from '../../adapters/sqlite/store';
import type { ContestApi } from '../../app/contest-api/contest-api';
import { parseSinceToken, readFeedPage, visibleEvents, type FeedLine } from '../../app/contest-api/event-feed';
import { AppError } from '../../app/errors';
import type { HostContext } from '../../app/host-context';
import { ContestParams, type RouteDeps } from './api-scope';

function ndjson(lines: readonly FeedLine[]): string {
  let out = '';
  for (const line of lines) out += `${JSON.stringify(line)}\n`;
  return out;
}

/**
 * `GET /api/contests/{id}/event-feed`: the CLICS NDJSON feed from the event log, filtered by
 * the viewer's visibility exactly like the REST endpoints. Resumes after `since_token`;
 * `stream=false` returns what is there and ends; otherwise it streams new events as they
 * commit and writes an empty keep-alive line every `config.api.feedKeepAliveMs`.
 */
export function registerEventFeedRoute({ app, auth }: RouteDeps, ctx: HostContext, api: ContestApi): { closeAll(): void } {
  const open = new Set<() => void>();
  app.get('/api/contests/:id/event-feed', { schema: { params: ContestParams, querystring: EventFeedQuery } }, async (request, reply) => {
    const { id } = request.params;
    const viewer = auth.viewer(request, id);
    const since = parseSinceToken(request.query.since_token);
    if (since === null) throw new AppError('bad_request', 'since_token must be a token from this feed');
    api.facts(id); // not_found for an unknown contest, before anything is streamed
    const streaming = request.query.stream !== 'false' && request.query.stream !== '0';

    if (!streaming) {
      let body = '';
      let token = since;
      for (;;) {
        const page = readFeedPage(ctx, viewer, id, token, api.facts(id));
        body += ndjson(page.lines);
        token = page.lastToken;
        if (!page.more) break;
      }
      return reply.type('application/x-ndjson').send(body);
    }

    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    let lastToken = since;
    let closed = false;
    let replaying = true;
    const pending: StoredEvent[] = [];

    const write = async (text: string): Promise<void> => {
      if (closed || text === '') return;
      if (!raw.write(text)) await new Promise<void>((resolve) => { raw.once('drain', resolve); raw.once('close', resolve); });
    };
    const flushPending = (): void => {
      const fresh = pending.splice(0).filter((e) => e.token > lastToken);
      if (fresh.length === 0) return;
      lastToken = (fresh[fresh.length - 1] as StoredEvent).token;
      void write(ndjson(visibleEvents(viewer, fresh, id, api.facts(id))));
    };

    // Subscribe first, then replay: events committed during the replay wait in `pending`.
    const unsubscribe = ctx.store.onEvents((events) => {
      for (const e of events) if (e.contestId === id) pending.push(e);
      if (!replaying) flushPending();
    });
    const keepAlive = setInterval(() => { void write('\n'); }, ctx.config.api.feedKeepAliveMs);
    const stop = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      unsubscribe();
      open.delete(end);
    };
    // Host shutdown: end the stream cleanly so the server can close.
    function end(): void {
      stop();
      if (!raw.writableEnded) raw.end();
      if (!raw.socket?.destroyed) raw.socket?.destroySoon();
    }
    open.add(end);
    // The client went away: finish our side too, or the half-open socket keeps the server from closing.
    raw.on('close', end);

    try {
      for (;;) {
        const page = readFeedPage(ctx, viewer, id, lastToken, api.facts(id));
        lastToken = page.lastToken;
        await write(ndjson(page.lines));
        if (!page.more || closed) break;
      }
      replaying = false;
      flushPending();
    } catch (err) {
      request.log.error({ err }, 'event feed failed');
      stop();
      raw.destroy();
    }
  });
  return {
    closeAll() {
      for (const end of [...open]) end();
    },
  };
}
