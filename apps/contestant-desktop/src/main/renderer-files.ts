import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_ORIGIN, originOf } from './origins';

/**
 * The file under `rootDir` (the bundled renderer) that an `app://arena/…` URL names, or null
 * when the URL is not the renderer's origin or its path would leave `rootDir` (`..`, encoded
 * `%2e%2e`, backslashes, NUL). `/` and extension-less paths (client-side routes) are index.html.
 */
export function rendererFilePath(url: string, rootDir: string): string | null {
  if (originOf(url) !== RENDERER_ORIGIN) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (segments.length === 0 || extname(segments[segments.length - 1]!) === '') return join(rootDir, 'index.html');
  const root = normalize(rootDir);
  const file = normalize(join(root, ...segments));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return file;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type for a bundled file; unknown extensions are served as opaque bytes. */
export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
