import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCertificateFingerprint } from '../../src/main/certificate-probe';
import { CERT_ACCEPT, CERT_REJECT, decideCertificate } from '../../src/main/certificate-policy';
import { fingerprintOfPem, normalizeFingerprint, sameFingerprint } from '../../src/main/fingerprint';
import { makeTestCertificate, type TestCertificate } from './helpers/test-certificate';

let host: TestCertificate;
let other: TestCertificate;
let server: Server;
let origin: string;

beforeAll(async () => {
  host = makeTestCertificate('arena-host');
  other = makeTestCertificate('impostor');
  server = createServer({ cert: host.certPem, key: host.keyPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fingerprints', () => {
  it('computes the SHA-256 fingerprint of a PEM certificate', () => {
    expect(fingerprintOfPem(host.certPem)).toBe(host.fingerprint);
    expect(fingerprintOfPem('-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----')).toBeNull();
  });

  it('compares spellings of the same fingerprint as equal, and nothing else', () => {
    const plain = host.fingerprint.replace(/:/g, '').toLowerCase();
    expect(normalizeFingerprint(plain)).toBe(host.fingerprint);
    expect(sameFingerprint(plain, host.fingerprint)).toBe(true);
    expect(sameFingerprint(host.fingerprint.replace(/:/g, ' '), host.fingerprint)).toBe(true);
    expect(sameFingerprint(other.fingerprint, host.fingerprint)).toBe(false);
    expect(sameFingerprint(host.fingerprint.slice(0, -3), host.fingerprint.slice(0, -3))).toBe(false);
    expect(sameFingerprint(null, host.fingerprint)).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });
});

describe('decideCertificate', () => {
  const pin = () => ({ hostname: '10.0.0.5', fingerprint: host.fingerprint });

  it('accepts the pinned certificate from the chosen host', () => {
    expect(decideCertificate({ hostname: '10.0.0.5', certificatePem: host.certPem }, pin())).toBe(CERT_ACCEPT);
    expect(decideCertificate({ hostname: '[::1]', certificatePem: host.certPem }, { hostname: '::1', fingerprint: host.fingerprint })).toBe(CERT_ACCEPT);
  });

  it('rejects another certificate from the chosen host (a man in the middle)', () => {
    expect(decideCertificate({ hostname: '10.0.0.5', certificatePem: other.certPem }, pin())).toBe(CERT_REJECT);
  });

  it('rejects the right certificate presented by another host name', () => {
    expect(decideCertificate({ hostname: 'evil.example', certificatePem: host.certPem }, pin())).toBe(CERT_REJECT);
  });

  it('rejects everything before a host is chosen, and for a host without TLS', () => {
    expect(decideCertificate({ hostname: '10.0.0.5', certificatePem: host.certPem }, null)).toBe(CERT_REJECT);
    expect(decideCertificate({ hostname: '10.0.0.5', certificatePem: host.certPem }, { hostname: '10.0.0.5', fingerprint: null })).toBe(CERT_REJECT);
  });

  it('rejects a certificate that does not parse', () => {
    expect(decideCertificate({ hostname: '10.0.0.5', certificatePem: 'garbage' }, pin())).toBe(CERT_REJECT);
  });
});

describe('probeCertificateFingerprint (real TLS server on 127.0.0.1)', () => {
  it('reads the fingerprint a host presents without trusting it', async () => {
    await expect(probeCertificateFingerprint(origin)).resolves.toBe(host.fingerprint);
  });

  it('rejects with a readable message when nothing listens', async () => {
    const closed = createServer({ cert: host.certPem, key: host.keyPem });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(probeCertificateFingerprint(`https://127.0.0.1:${port}`)).rejects.toThrow(/cannot reach https:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });
});
