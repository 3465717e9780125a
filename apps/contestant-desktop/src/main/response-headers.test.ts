import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';
import { RENDERER_ORIGIN } from './origins';
import { patchResponseHeaders } from './response-headers';

const HOST = 'https://10.0.0.5:8443';
const origins = { rendererOrigin: RENDERER_ORIGIN, hostOrigin: HOST };

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('contentSecurityPolicy', () => {
  it('allows only the app itself and the chosen host (https + wss)', () => {
    const csp = directives(contentSecurityPolicy(HOST));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", HOST, 'wss://10.0.0.5:8443']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows eval, inline scripts or wildcards', () => {
    const text = contentSecurityPolicy(HOST);
    expect(text).not.toMatch(/unsafe-eval|\*|https:(?!\/\/)/);
    expect(directives(text).get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('uses ws: for a host without TLS and lists no host before one is chosen', () => {
    expect(directives(contentSecurityPolicy('http://10.0.0.5:8080')).get('connect-src')).toEqual(["'self'", 'http://10.0.0.5:8080', 'ws://10.0.0.5:8080']);
    expect(directives(contentSecurityPolicy(null)).get('connect-src')).toEqual(["'self'"]);
  });
});

describe('patchResponseHeaders', () => {
  it('replaces any CSP a server sent with ours', () => {
    const patch = patchResponseHeaders({ url: 'app://arena/index.html', method: 'GET', responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, origins);
    expect(patch.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy(HOST)]);
    expect(patch.responseHeaders['content-security-policy']).toBeUndefined();
    expect(patch.responseHeaders['Content-Type']).toEqual(['text/html']);
  });

  it('lets the renderer read the host API (CORS for app://arena only) and answers its preflights', () => {
    const get = patchResponseHeaders({ url: `${HOST}/api/contests`, method: 'GET', responseHeaders: {} }, origins);
    expect(get.responseHeaders['Access-Control-Allow-Origin']).toEqual([RENDERER_ORIGIN]);
    expect(get.statusLine).toBeUndefined();
    const preflight = patchResponseHeaders({ url: `${HOST}/api/arena/contests/c1/prints`, method: 'OPTIONS', statusLine: 'HTTP/1.1 404 Not Found', responseHeaders: {} }, origins);
    expect(preflight.statusLine).toBe('HTTP/1.1 204 No Content');
    expect(preflight.responseHeaders['Access-Control-Allow-Headers']).toEqual(['authorization, content-type']);
  });

  it('strips CORS grants from any other origin, including the host on another port or scheme', () => {
    for (const url of ['https://evil.example/x', 'https://10.0.0.5:9999/x', 'http://10.0.0.5:8443/x']) {
      const patch = patchResponseHeaders({ url, method: 'OPTIONS', responseHeaders: { 'Access-Control-Allow-Origin': '*' } }, origins);
      expect(patch.responseHeaders['Access-Control-Allow-Origin']).toBeUndefined();
      expect(patch.statusLine).toBeUndefined();
    }
  });

  it('grants nothing before a host is chosen', () => {
    const patch = patchResponseHeaders({ url: `${HOST}/api`, method: 'GET' }, { rendererOrigin: RENDERER_ORIGIN, hostOrigin: null });
    expect(patch.responseHeaders['Access-Control-Allow-Origin']).toBeUndefined();
  });
});
