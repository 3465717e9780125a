import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other on paper (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
const READABLE = '34679ACDEFGHJKMNPQRTUVWXY';

function readableChars(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += READABLE[randomInt(READABLE.length)];
  return out;
}

/**
 * A fresh random password for a credential slip or a reset: 12 readable characters in groups of
 * four (`K4TM-9QXE-7HCA`, about 55 bits from a CSPRNG), easy to type from paper.
 */
export function generatePassword(): string {
  return [readableChars(4), readableChars(4), readableChars(4)].join('-');
}

/** A contest's exit code for the desktop app, e.g. `7K3-9QX` (about 28 bits; guesses are rate-limited). */
export function generateExitCode(): string {
  return `${readableChars(3)}-${readableChars(3)}`;
}

/** What a typed exit code is compared as: case, spaces and dashes do not matter. */
export function normalizeExitCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}
