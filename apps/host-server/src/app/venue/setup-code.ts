import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Name of the file in the data dir that holds the one-time setup code (mode 0600). */
export const SETUP_CODE_FILE = 'setup-code';

/** Letters and digits that cannot be mistaken for each other when read off a screen. */
const READABLE = '34679ACDEFGHJKMNPQRTUVWXY';

/** A fresh setup code, e.g. `K7Q-93X-PMW`: 9 readable characters from a CSPRNG (about 42 bits; guesses are rate-limited). */
export function generateSetupCode(): string {
  const group = () => Array.from({ length: 3 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return [group(), group(), group()].join('-');
}

export function setupCodePath(dataDir: string): string {
  return join(dataDir, SETUP_CODE_FILE);
}

/** The stored setup code, or null when there is none (never created, used, or withdrawn). */
export function readSetupCode(dataDir: string): string | null {
  try {
    const code = readFileSync(setupCodePath(dataDir), 'utf8').trim();
    return code === '' ? null : code;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The data dir's setup code, created (random, in a file only its owner can read: 0600) when
 * there is none yet. A code kept from an earlier start stays valid, so a code already printed
 * keeps working after a restart.
 */
export function ensureSetupCode(dataDir: string): { code: string; created: boolean } {
  const existing = readSetupCode(dataDir);
  const path = setupCodePath(dataDir);
  if (existing !== null) {
    chmodSync(path, 0o600);
    return { code: existing, created: false };
  }
  const code = generateSetupCode();
  writeFileSync(path, `${code}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { code, created: true };
}

/** Deletes the setup code (after the first contest arrived). Missing is fine. */
export function removeSetupCode(dataDir: string): void {
  rmSync(setupCodePath(dataDir), { force: true });
}

/** What a typed code is compared as: case, spaces and dashes do not matter. */
export function normalizeSetupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** Whether `typed` is `expected` (normalized), compared in constant time whatever their lengths. */
export function setupCodeMatches(expected: string, typed: string): boolean {
  const digest = (s: string) => createHash('sha256').update(normalizeSetupCode(s)).digest();
  return normalizeSetupCode(typed) !== '' && timingSafeEqual(digest(expected), digest(typed));
}
