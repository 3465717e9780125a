import { contentSecurityPolicy } from './content-security-policy';
import { originOf } from './origins';

/** What `session.webRequest.onHeadersReceived` tells us about a response (the fields we use). */
export interface ResponseHeadersDetails {
  url: string;
  method: string;
  statusLine?: string;
  responseHeaders?: Record<string, string | string[]>;
}

/** What we hand back to its callback. */
export interface ResponseHeadersPatch {
  responseHeaders: Record<string, string[]>;
  statusLine?: string;
}

const CORS_HEADER_NAMES = ['access-control-allow-origin', 'access-control-allow-headers', 'access-control-allow-methods', 'access-control-allow-credentials', 'access-control-max-age'];

/**
 * Rewrites the headers of every response the window receives:
 * - any Content-Security-Policy the server sent is replaced by ours (`contentSecurityPolicy`);
 * - responses from the chosen host get CORS headers allowing exactly the renderer's origin
 *   (the host serves browsers same-origin and sends none), and a CORS preflight (`OPTIONS`) to
 *   the host is answered 204 so that requests with `Authorization` are let through.
 * Responses from any other origin get no CORS headers at all (whatever they sent is dropped),
 * so the renderer cannot read them.
 */
export function patchResponseHeaders(details: ResponseHeadersDetails, origins: { rendererOrigin: string; hostOrigin: string | null }): ResponseHeadersPatch {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    if (CORS_HEADER_NAMES.includes(lower)) continue;
    headers[name] = Array.isArray(value) ? value : [value];
  }
  headers['Content-Security-Policy'] = [contentSecurityPolicy(origins.hostOrigin)];
  const fromHost = origins.hostOrigin !== null && originOf(details.url) === origins.hostOrigin;
  if (!fromHost) return { responseHeaders: headers };
  headers['Access-Control-Allow-Origin'] = [origins.rendererOrigin];
  headers['Access-Control-Allow-Headers'] = ['authorization, content-type'];
  headers['Access-Control-Allow-Methods'] = ['GET, POST, PUT, PATCH, DELETE'];
  headers['Access-Control-Max-Age'] = ['600'];
  headers['Vary'] = ['Origin'];
  if (details.method.toUpperCase() === 'OPTIONS') return { responseHeaders: headers, statusLine: 'HTTP/1.1 204 No Content' };
  return { responseHeaders: headers };
}
