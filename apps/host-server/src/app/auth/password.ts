import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters for new hashes: N=2^14, r=8, p=1 (16 MiB, tens of ms per hash). */
const COST_N = 16_384;
const BLOCK_SIZE_R = 8;
const PARALLEL_P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters that would make one verification hang the host. */
const MAX_COST_N = 1 << 20;

/**
 * Hashes a password with scrypt and a fresh random salt. The result is self-describing:
 * `scrypt$N$r$p$<salt base64>$<hash base64>`, so cost parameters can change later without
 * invalidating existing hashes.
 */
export function hashPassword(plain: string): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = derive(plain, salt, COST_N, BLOCK_SIZE_R, PARALLEL_P, KEY_BYTES);
  return ['scrypt', COST_N, BLOCK_SIZE_R, PARALLEL_P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * True when `plain` matches a hash made by `hashPassword`. Compares in constant time. A stored
 * value that is malformed (or asks for absurd cost parameters) never matches; it does not throw.
 */
export function verifyPassword(plain: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, nText, rText, pText, saltText, hashText] = parts as [string, string, string, string, string, string];
  const n = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  if (!isPowerOfTwo(n) || n > MAX_COST_N || !isSmallPositiveInt(r) || !isSmallPositiveInt(p)) return false;
  const salt = Buffer.from(saltText, 'base64');
  const expected = Buffer.from(hashText, 'base64');
  if (salt.length === 0 || expected.length < 16) return false;
  const actual = derive(plain, salt, n, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

function derive(plain: string, salt: Buffer, n: number, r: number, p: number, keyBytes: number): Buffer {
  return scryptSync(plain.normalize('NFC'), salt, keyBytes, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

function isSmallPositiveInt(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 64;
}
