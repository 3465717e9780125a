import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import yazl from 'yazl';
import { parseHostConfig } from '../../src/app/host-config';
import type { HostContext } from '../../src/app/host-context';
import { buildHost, type Host } from '../../src/main/build-host';
import { seedApiContest, type ApiSeed, type ApiSeedOptions } from './api-seed';

/** A clock tests move by hand. */
export interface TestClock {
  (): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function createTestClock(startMs: number): TestClock {
  let nowMs = startMs;
  const clock = (() => nowMs) as TestClock;
  clock.set = (ms) => { nowMs = ms; };
  clock.advance = (ms) => { nowMs += ms; };
  return clock;
}

export interface ApiTestHost {
  host: Host;
  ctx: HostContext;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The host's clock (moving it does nothing with `realClock`). */
  clock: TestClock;
  dataDir: string;
  seed: ApiSeed;
  close(): Promise<void>;
}

export interface ApiTestHostOptions {
  /** Host config on top of the test defaults (temp data dir, 127.0.0.1:0, no TLS, no mDNS). */
  config?: Record<string, unknown>;
  /** Initial host time (default 2030-01-01T09:00Z). */
  nowMs?: number;
  /** Seed options; `false` seeds nothing. */
  seed?: ApiSeedOptions | false;
  /** Use the real clock (Date.now) instead of the hand-moved one (benchmarks). */
  realClock?: boolean;
}

export const TEST_T0 = Date.UTC(2030, 0, 1, 9, 0, 0);

/**
 * A real host for API tests: real SQLite file in a temp dir, real HTTP on 127.0.0.1 port 0,
 * a hand-moved clock, seeded with `seedApiContest` unless told otherwise. `close` stops it and
 * deletes the directory.
 */
export async function startApiTestHost(options: ApiTestHostOptions = {}): Promise<ApiTestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-api-test-'));
  const clock = createTestClock(options.nowMs ?? TEST_T0);
  const config = parseHostConfig({ dataDir, listenHost: '127.0.0.1', port: 0, tls: false, mdns: false, ...options.config });
  const host = await buildHost(config, { clock: options.realClock ? Date.now : clock, log: pino({ level: 'silent' }) });
  try {
    const seed = options.seed === false ? emptySeed() : seedApiContest(host.ctx, options.seed ?? {});
    const url = await host.listen();
    return {
      host, ctx: host.ctx, url, clock, seed, dataDir,
      async close() {
        await host.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

function emptySeed(): ApiSeed {
  return { contestId: '', teamIds: [], passwords: {}, sampleInput: '', secretInput: '', secretInputSha256: '' };
}

/** `Authorization` header value for HTTP Basic. */
export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Builds a zip in memory (for submissions). */
export async function makeZip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, data] of Object.entries(files)) zip.addBuffer(typeof data === 'string' ? Buffer.from(data) : data, path);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Small fetch wrapper: JSON in, JSON (or text) out, optional Authorization header. */
export async function call<T = unknown>(url: string, method: string, path: string, options: { auth?: string; body?: unknown; rawBody?: string } = {}): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.auth) headers.authorization = options.auth;
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.rawBody;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json') && text !== '') parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, headers: res.headers };
}
