import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION } from '@arena/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/http/create-http-server';
import { registerWebStaticRoutes, SCOREBOARD_DIST_DIR } from '../src/http/routes/web-static-routes';
import { ensureTlsCertificate } from '../src/adapters/tls/self-signed-certificate';
import { startApiTestHost, type ApiTestHost } from './helpers/api-host';
import { requireBuiltApp, startProjectorHost } from './projector-support';

/** How the host serves the built projector app, its SPA fallback, caching, and host-info. */
let h: ApiTestHost;

beforeAll(async () => {
  requireBuiltApp();
  h = await startProjectorHost();
});

afterAll(async () => {
  await h?.close();
});

describe('projector app serving', () => {
  it('serves index.html at /scoreboard and for client-side routes, revalidated on every load', async () => {
    const index = readFileSync(join(SCOREBOARD_DIST_DIR, 'index.html'), 'utf8');
    for (const path of ['/scoreboard', '/scoreboard/', '/scoreboard?resolver', '/scoreboard/some/client/route']) {
      const res = await fetch(`${h.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(index);
    }
  });

  it('serves the hashed assets for a year, and a missing asset is a 404 (never index.html)', async () => {
    const index = readFileSync(join(SCOREBOARD_DIST_DIR, 'index.html'), 'utf8');
    const assets = [...index.matchAll(/(?:src|href)="(\/scoreboard\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const res = await fetch(`${h.url}${asset}`);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // No web fonts or stylesheets from elsewhere (the browser tests assert no request leaves the host).
      const body = await res.text();
      expect(body.length).toBeGreaterThan(0);
      if (asset.endsWith('.css')) expect(/@import|url\(\s*["']?https?:/i.test(body)).toBe(false);
    }
    expect((await fetch(`${h.url}/scoreboard/assets/index-missing.js`)).status).toBe(404);
    expect((await fetch(`${h.url}/scoreboard/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('answers /api/arena/host-info without a login', async () => {
    const res = await fetch(`${h.url}/api/arena/host-info`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ fingerprint: null, protocolVersion: PROTOCOL_VERSION, contestId: 'sample' });
  });

  it('host-info carries the fingerprint of the certificate the host serves when TLS is on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'arena-tls-info-'));
    const tls = await ensureTlsCertificate(join(dataDir, 'tls'));
    const tlsHost = await startApiTestHost({ seed: false, config: { dataDir, tls: true } });
    try {
      const res = await fetch(`${tlsHost.url}/api/arena/host-info`);
      expect(await res.json()).toEqual({ fingerprint: tls.fingerprint256, protocolVersion: PROTOCOL_VERSION, contestId: null });
      expect(tls.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    } finally {
      await tlsHost.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers 503 with "run pnpm build" when the app was not built', async () => {
    const emptyDist = mkdtempSync(join(tmpdir(), 'arena-no-dist-'));
    const http = createHttpServer(h.ctx);
    try {
      await registerWebStaticRoutes({ ctx: h.ctx, http }, { distDir: emptyDist, distDirs: { console: emptyDist, app: emptyDist } });
      for (const url of ["/scoreboard", "/scoreboard/anything", "/scoreboard/assets/index.js", "/console", "/console/teams", "/app", "/app/assets/x.js"]) {
        const res = await http.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 503 });
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain('Run <code>pnpm build</code>');
      }
    } finally {
      await http.close();
      rmSync(emptyDist, { recursive: true, force: true });
    }
  });
});
