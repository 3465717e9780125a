import { isIP } from 'node:net';
import { connect } from 'node:tls';
import { normalizeFingerprint } from './fingerprint';

/**
 * Connects to `origin` (https) and returns the SHA-256 fingerprint of the certificate it
 * presents, WITHOUT trusting it: the contestant compares it with the one the projector shows
 * before anything else is sent. Rejects with a readable message when the host cannot be
 * reached within `timeoutMs`.
 */
export function probeCertificateFingerprint(origin: string, timeoutMs = 5000): Promise<string> {
  const url = new URL(origin);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || 443);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
    const fail = (message: string): void => {
      socket.destroy();
      reject(new Error(message));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer from ${origin} within ${Math.round(timeoutMs / 1000)} s`));
    socket.once('error', (err) => fail(`cannot reach ${origin}: ${err.message}`));
    socket.once('secureConnect', () => {
      const fingerprint = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      socket.end();
      if (fingerprint === null) reject(new Error(`${origin} presented no certificate`));
      else resolve(fingerprint);
    });
  });
}
