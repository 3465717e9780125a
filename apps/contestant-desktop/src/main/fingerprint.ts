import { X509Certificate } from 'node:crypto';

/**
 * `AB:CD:…` (32 upper-case hex pairs) from any spelling people and tools use: lower case,
 * no colons, spaces or dashes between pairs. Returns null when the text is not a SHA-256
 * fingerprint (wrong length, non-hex).
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.trim().replace(/[\s:-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** True when both are valid SHA-256 fingerprints of the same certificate. */
export function sameFingerprint(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const left = normalizeFingerprint(a);
  const right = normalizeFingerprint(b);
  return left !== null && left === right;
}

/** SHA-256 fingerprint (`AB:CD:…`) of a PEM certificate (Electron's `Certificate.data`); null if it does not parse. */
export function fingerprintOfPem(pem: string): string | null {
  try {
    return normalizeFingerprint(new X509Certificate(pem).fingerprint256);
  } catch {
    return null;
  }
}
