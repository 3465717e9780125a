import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh self-signed certificate (openssl), and its SHA-256 fingerprint computed from the DER bytes. */
export interface TestCertificate {
  certPem: string;
  keyPem: string;
  fingerprint: string;
}

export function makeTestCertificate(commonName = 'arena-test'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'arena-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', `/CN=${commonName}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '2', '-keyout', keyPath, '-out', certPath], { stdio: 'ignore' });
    const certPem = readFileSync(certPath, 'utf8');
    const der = Buffer.from(certPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
    return { certPem, keyPem: readFileSync(keyPath, 'utf8'), fingerprint };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
