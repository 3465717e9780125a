import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('produces a self-describing scrypt hash with a fresh salt', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and rejects a wrong one', () => {
    const stored = hashPassword('s3cret!');
    expect(verifyPassword('s3cret!', stored)).toBe(true);
    expect(verifyPassword('s3cret', stored)).toBe(false);
    expect(verifyPassword('', stored)).toBe(false);
  });

  it('treats composed and decomposed unicode as the same password', () => {
    const stored = hashPassword('caf\u00e9');
    expect(verifyPassword('cafe\u0301', stored)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['wrong scheme', 'bcrypt$16384$8$1$c2FsdA==$aGFzaA=='],
    ['too few parts', 'scrypt$16384$8$1$c2FsdA=='],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['N absurdly large', 'scrypt$1073741824$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['r zero', 'scrypt$16384$0$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['short hash', 'scrypt$16384$8$1$c2FsdHNhbHQ=$aGFzaA=='],
  ])('never matches a malformed stored value (%s)', (_name, stored) => {
    expect(verifyPassword('anything', stored)).toBe(false);
  });

  it('derives with the cost parameters written in the stored value', () => {
    // Same salt and hash but another N: the derivation differs, so it must not match.
    const stored = hashPassword('pw').split('$');
    expect(stored[1]).toBe('16384');
    const tampered = ['scrypt', '1024', stored[2], stored[3], stored[4], stored[5]].join('$');
    expect(verifyPassword('pw', tampered)).toBe(false);
  });
});
