import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateFingerprint } from '../adapters/tls/self-signed-certificate';
import type { HostContext } from '../app/host-context';

/**
 * The host's TLS fingerprint as clients pin it, read from the certificate the host serves
 * (`<dataDir>/tls/cert.pem`); null with TLS off, before the certificate exists, or when it
 * cannot be read (logged).
 */
export function tlsFingerprint(ctx: HostContext): string | null {
  if (!ctx.config.tls) return null;
  const certPath = join(ctx.config.dataDir, 'tls', 'cert.pem');
  if (!existsSync(certPath)) return null;
  try {
    return certificateFingerprint(readFileSync(certPath, 'utf8'));
  } catch (err) {
    ctx.log.warn({ err, certPath }, 'cannot read the TLS certificate');
    return null;
  }
}
