/**
 * Origins the desktop app trusts. The bundled renderer is served from the custom `app://arena`
 * scheme (registered as standard + secure in main), so it has an origin of its own that no web
 * page can take; the only other origin it may talk to is the host the contestant chose.
 */

export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'arena';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
/** The page main loads first. */
export const RENDERER_ENTRY_URL = `${RENDERER_ORIGIN}/index.html`;

/**
 * The origin (`scheme://host[:port]`) of an http(s) or `app:` URL, lower-case; null for every
 * other scheme (javascript:, data:, file:, blob:, about:…) and for text that is not a URL.
 * Node's URL gives `null` as the origin of non-special schemes, hence the `app:` case by hand.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin.toLowerCase();
  if (parsed.protocol === `${RENDERER_SCHEME}:`) {
    if (parsed.host === '') return null;
    return `${RENDERER_SCHEME}://${parsed.host.toLowerCase()}`;
  }
  return null;
}

/** `https://h:1` → `wss://h:1` (socket.io's websocket transport), `http:` → `ws:`. */
export function websocketOriginOf(httpOrigin: string): string {
  return httpOrigin.replace(/^http(s?):/, 'ws$1:');
}
