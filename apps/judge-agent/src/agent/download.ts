import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PinnedTls } from './tls-pin';

/**
 * GETs `url` with the judge key and resolves the body; rejects on any status but 200, on a body
 * over `maxBytes`, or after `timeoutMs`. Uses the pinned TLS options for https.
 */
export function downloadWithKey(url: URL, judgeKey: string, tls: PinnedTls | null, maxBytes: number, timeoutMs = 60_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const options = { headers: { authorization: `Bearer ${judgeKey}` }, timeout: timeoutMs, ...(tls ?? {}) };
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET ${url.pathname} answered ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy(new Error(`GET ${url.pathname}: body larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url.pathname} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
