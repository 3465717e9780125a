import { connect, type PeerCertificate } from 'node:tls';

/** TLS options that trust exactly one certificate: the host's, identified by its fingerprint. */
export interface PinnedTls {
  ca: string;
  checkServerIdentity: (hostname: string, cert: PeerCertificate) => Error | undefined;
}

/** `AB:CD:...` or `abcd...` → `ABCD...`, so fingerprints compare whatever their spelling. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/**
 * Pins the host's self-signed certificate: connects once, checks the certificate's SHA-256
 * fingerprint against the one announced over mDNS (or typed by the operator), and returns TLS
 * options that accept that certificate only. Hostname checks are replaced by the fingerprint
 * check because judges reach the host by LAN IP. Throws on a mismatch: never judge for an
 * impostor host.
 */
export async function pinHostCertificate(url: URL, expectedFingerprint: string, timeoutMs = 5000): Promise<PinnedTls> {
  const expected = normalizeFingerprint(expectedFingerprint);
  if (expected.length !== 64) throw new Error(`TLS fingerprint must be a SHA-256 (64 hex digits), got ${JSON.stringify(expectedFingerprint)}`);
  const cert = await new Promise<PeerCertificate>((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), rejectUnauthorized: false, servername: isIp(url.hostname) ? undefined : url.hostname });
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no TLS answer from ${url.host} within ${timeoutMs} ms`)); }, timeoutMs);
    socket.once('secureConnect', () => { clearTimeout(timer); resolve(socket.getPeerCertificate()); socket.end(); });
    socket.once('error', (err) => { clearTimeout(timer); reject(err); });
  });
  const actual = normalizeFingerprint(cert.fingerprint256 ?? '');
  if (actual !== expected) {
    throw new Error(`host ${url.host} presented a certificate with fingerprint ${cert.fingerprint256}, expected ${expectedFingerprint}: refusing to connect`);
  }
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.raw.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
  return {
    ca: pem,
    checkServerIdentity: (_hostname, peer) =>
      normalizeFingerprint(peer.fingerprint256 ?? '') === expected ? undefined : new Error('host certificate changed: fingerprint mismatch'),
  };
}

function isIp(hostname: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.includes(':');
}
