import { fingerprintOfPem, sameFingerprint } from './fingerprint';

/** The TLS identity main trusts: the chosen host's name/address and its pinned fingerprint. */
export interface PinnedHost {
  /** Host name or IP as it appears in the host URL (lower case, IPv6 without brackets). */
  hostname: string;
  /** null when the chosen host runs without TLS: then no certificate is accepted at all. */
  fingerprint: string | null;
}

/** Chromium's verify-proc results: 0 = accept, -2 = reject. */
export const CERT_ACCEPT = 0;
export const CERT_REJECT = -2;

/**
 * The certificate decision for `session.setCertificateVerifyProc`: accept a certificate only
 * when it is presented by the chosen host AND its SHA-256 fingerprint equals the pinned one
 * (from the mDNS TXT `fp`, the preset, or the one the contestant confirmed). Certificate-
 * authority trust plays no part: a CA-signed certificate for another name is rejected, and so is
 * everything before a host is chosen. A certificate that does not parse is rejected.
 */
export function decideCertificate(request: { hostname: string; certificatePem: string }, pin: PinnedHost | null): typeof CERT_ACCEPT | typeof CERT_REJECT {
  if (pin === null || pin.fingerprint === null) return CERT_REJECT;
  if (bareHostname(request.hostname) !== bareHostname(pin.hostname)) return CERT_REJECT;
  return sameFingerprint(fingerprintOfPem(request.certificatePem), pin.fingerprint) ? CERT_ACCEPT : CERT_REJECT;
}

/** `[::1]` → `::1`, lower case: how URL and Chromium spell the same host differently. */
export function bareHostname(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
}
