import { get as httpGet, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, makeZip, startApiTestHost, type ApiTestHost } from './helpers/api-host';

let h: ApiTestHost;
let C: string;
const team1 = basic('team1', 'team1pass');
const team2 = basic('team2', 'team2pass');
const jury = basic('jury', 'jurypass');

beforeAll(async () => {
  h = await startApiTestHost({ config: { api: { feedKeepAliveMs: 30 } } });
  C = h.seed.contestId;
  expect((await call(h.url, 'POST', `/api/contests/${C}/clock`, { auth: jury, body: { action: 'start' } })).status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

interface FeedLine { type: string; id: string | null; data: Record<string, unknown> | null; token: string }

/**
 * An open feed over node:http (one connection, closed with the request: fetch's pool may keep a
 * spare socket open that would hold the server's close). Collects raw lines as they arrive;
 * empty ones are keep-alives.
 */
async function openFeed(auth: string | undefined, query = '') {
  const lines: string[] = [];
  let buffer = '';
  let ended = false;
  const request = httpGet(`${h.url}/api/contests/${C}/event-feed${query}`, { agent: false, headers: auth ? { authorization: auth } : {} });
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/x-ndjson');
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
  response.on('close', () => { ended = true; });
  request.on('error', () => { ended = true; });
  return {
    lines,
    events: (): FeedLine[] => lines.filter((l) => l !== '').map((l) => JSON.parse(l) as FeedLine),
    /** Waits (bounded) until `predicate` holds for the lines so far. */
    async until(predicate: (events: FeedLine[], raw: string[]) => boolean): Promise<void> {
      for (let i = 0; i < 500; i++) {
        if (predicate(this.events(), lines)) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`feed never matched; got ${lines.length} lines`);
    },
    async close() {
      request.destroy();
      while (!ended) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

async function submit(auth: string): Promise<string> {
  const zip = await makeZip({ 'main.cpp': 'int main(){}' });
  const res = await call<{ id: string }>(h.url, 'POST', `/api/contests/${C}/submissions`, {
    auth, body: { problem_id: 'hello', language_id: 'cpp', files: [{ data: zip.toString('base64') }] },
  });
  expect(res.status).toBe(200);
  return res.body.id;
}

describe('event feed', () => {
  it('replays, then streams new events live, each viewer seeing only its own', async () => {
    const feeds = { team1: await openFeed(team1), team2: await openFeed(team2), jury: await openFeed(jury), anonymous: await openFeed(undefined) };
    try {
      for (const f of Object.values(feeds)) await f.until((e) => e.some((x) => x.type === 'state'));
      const s1 = await submit(team1);
      const s2 = await submit(team2);
      const subs = (f: { events(): FeedLine[] }) => f.events().filter((e) => e.type === 'submissions').map((e) => e.id);
      await feeds.jury.until((e) => e.filter((x) => x.type === 'submissions').length === 2);
      await feeds.team1.until((e) => e.some((x) => x.type === 'submissions'));
      await feeds.team2.until((e) => e.some((x) => x.type === 'submissions'));
      // A public event after the submissions proves the others have had their chance to arrive.
      expect((await call(h.url, 'POST', `/api/contests/${C}/clarifications`, { auth: jury, body: { text: 'Marker' } })).status).toBe(200);
      for (const f of Object.values(feeds)) await f.until((e) => e.some((x) => x.type === 'clarifications'));
      expect(subs(feeds.jury)).toEqual([s1, s2]);
      expect(subs(feeds.team1)).toEqual([s1]);
      expect(subs(feeds.team2)).toEqual([s2]);
      expect(subs(feeds.anonymous)).toEqual([]);
      expect(feeds.team1.events().some((e) => e.type === 'accounts')).toBe(false);
      expect(feeds.jury.events().some((e) => e.type === 'accounts')).toBe(false);
      // Tokens strictly increase along each feed.
      for (const f of Object.values(feeds)) {
        const tokens = f.events().map((e) => Number(e.token));
        expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
        expect(new Set(tokens).size).toBe(tokens.length);
      }
    } finally {
      for (const f of Object.values(feeds)) await f.close();
    }
  });

  it('sends keep-alive newlines when nothing happens', async () => {
    const f = await openFeed(team1);
    try {
      await f.until((_e, raw) => raw.filter((l) => l === '').length >= 2);
    } finally {
      await f.close();
    }
  });

  it('resumes after since_token, one-shot with stream=false', async () => {
    const all = (await call<string>(h.url, 'GET', `/api/contests/${C}/event-feed?stream=false`, { auth: jury })).body
      .split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as FeedLine);
    expect(all.length).toBeGreaterThan(10);
    const middle = all[Math.floor(all.length / 2)]!;
    const rest = (await call<string>(h.url, 'GET', `/api/contests/${C}/event-feed?stream=false&since_token=${middle.token}`, { auth: jury })).body
      .split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as FeedLine);
    expect(rest).toEqual(all.slice(all.indexOf(middle) + 1));

    const live = await openFeed(jury, `?since_token=${all[all.length - 1]!.token}`);
    try {
      const id = await submit(team1);
      await live.until((e) => e.some((x) => x.type === 'submissions' && x.id === id));
      expect(live.events().map((e) => e.type)).toEqual(['submissions']);
    } finally {
      await live.close();
    }
  });

  it('refuses a malformed since_token and an unknown contest', async () => {
    expect((await call(h.url, 'GET', `/api/contests/${C}/event-feed?since_token=abc`)).status).toBe(400);
    expect((await call(h.url, 'GET', '/api/contests/nope/event-feed?stream=false')).status).toBe(404);
  });

  it('lets the host close while a feed is open', async () => {
    const extra = await startApiTestHost({ config: { api: { feedKeepAliveMs: 1000 } } });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      httpGet(`${extra.url}/api/contests/${extra.seed.contestId}/event-feed`, { agent: false }, resolve).once('error', reject);
    });
    const ended = new Promise<void>((resolve) => response.on('end', resolve).resume());
    await extra.close();
    // The stream ends cleanly (not cut) once the host has closed.
    await ended;
    expect(response.complete).toBe(true);
  });
});
