import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from './content-security-policy';
import { RENDERER_SCHEME } from './origins';
import { mimeTypeOf, rendererFilePath } from './renderer-files';

/**
 * Declares `app:` a standard, secure scheme (its own origin, fetch and workers allowed). Must run
 * before the app is ready. `corsEnabled` stays off on purpose: it would let OTHER origins read
 * app:// responses; the renderer's own (same-origin) module scripts and workers do not need it.
 */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/**
 * Serves the bundled renderer from `rootDir` on `app://arena/…`, with our CSP on every response.
 * Anything outside `rootDir` or missing is a 404; no other file of the machine is reachable.
 */
export function serveRenderer(rootDir: string, hostOrigin: () => string | null): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFilePath(request.url, rootDir);
    const csp = contentSecurityPolicy(hostOrigin());
    if (file === null) return new Response('not found', { status: 404, headers: { 'content-security-policy': csp } });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: { 'content-type': mimeTypeOf(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response('not found', { status: 404, headers: { 'content-security-policy': csp } });
    }
  });
}
