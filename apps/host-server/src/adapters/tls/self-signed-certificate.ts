import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons (`AB:CD:...`). */
  fingerprint256: string;
  keyPath: string;
  certPath: string;
  /** True when this call generated the pair. */
  created: boolean;
}

/** Certificate lifetime: long enough to outlive any contest season without renewals. */
const VALIDITY_DAYS = 3650;

/**
 * Returns the host's TLS key and certificate from `<dir>/{key.pem,cert.pem}`, creating a
 * self-signed pair (EC P-256, SHA-256) on the first call: SANs cover localhost, 127.0.0.1, ::1,
 * this machine's hostname and every LAN address it has now. Kept afterwards, so the fingerprint
 * that clients pin stays the same across restarts. Throws if the files exist but do not parse.
 */
export async function ensureTlsCertificate(dir: string): Promise<TlsMaterial> {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  if (existsSync(keyPath) && existsSync(certPath)) {
    const key = readFileSync(keyPath, 'utf8');
    const cert = readFileSync(certPath, 'utf8');
    return { key, cert, fingerprint256: certificateFingerprint(cert), keyPath, certPath, created: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const host = hostname();
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000); // an hour of slack for skewed client clocks
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: `Arena host ${host}` }, { name: 'organizationName', value: 'Arena' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(host) },
    ],
  });
  // Write both to temp names first, then rename: a crash mid-way never leaves a half pair.
  writeFileSync(`${keyPath}.tmp`, pems.private, { mode: 0o600 });
  writeFileSync(`${certPath}.tmp`, pems.cert, { mode: 0o644 });
  renameSync(`${keyPath}.tmp`, keyPath);
  renameSync(`${certPath}.tmp`, certPath);
  chmodSync(keyPath, 0o600);
  return { key: pems.private, cert: pems.cert, fingerprint256: certificateFingerprint(pems.cert), keyPath, certPath, created: true };
}

/** SHA-256 fingerprint of a PEM certificate in `AB:CD:...` form. */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

function subjectAltNames(host: string): Array<{ type: 2; value: string } | { type: 7; ip: string }> {
  const dnsNames = new Set(['localhost', host, `${host}.local`]);
  const ips = new Set(['127.0.0.1', '::1']);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv6' && address.scopeid) continue; // link-local with a zone: not usable in a SAN
      ips.add(address.address);
    }
  }
  return [
    ...[...dnsNames].map((value) => ({ type: 2 as const, value })),
    ...[...ips].map((ip) => ({ type: 7 as const, ip })),
  ];
}
