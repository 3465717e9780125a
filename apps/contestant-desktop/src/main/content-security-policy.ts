import { websocketOriginOf } from './origins';

/**
 * The Content-Security-Policy main puts on every response the window loads: only the app itself
 * (`'self'` = app://arena) and the chosen host (API, images in statements, the socket over
 * ws/wss). No eval, no inline scripts, no plugins, no frames, no forms posting elsewhere.
 * Inline styles are allowed because the code editor (Monaco) sets element styles at run time;
 * `blob:` workers are the editor's language workers.
 */
export function contentSecurityPolicy(hostOrigin: string | null): string {
  const host = hostOrigin === null ? [] : [hostOrigin];
  const socket = hostOrigin === null ? [] : [websocketOriginOf(hostOrigin)];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...host]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...host, ...socket]],
    ['worker-src', ["'self'", 'blob:']],
    ['media-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'self'", 'blob:']],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
