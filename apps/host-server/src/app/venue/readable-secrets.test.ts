import { describe, expect, it } from 'vitest';
import { generateExitCode, generatePassword, normalizeExitCode } from './readable-secrets';

describe('readable secrets', () => {
  it('makes passwords and exit codes from unambiguous characters only, different each time', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(passwords.size).toBe(200);
    for (const p of passwords) expect(p).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}(-[34679ACDEFGHJKMNPQRTUVWXY]{4}){2}$/);
    const codes = Array.from({ length: 50 }, () => generateExitCode());
    for (const c of codes) expect(c).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{3}-[34679ACDEFGHJKMNPQRTUVWXY]{3}$/);
    expect(new Set(codes).size).toBeGreaterThan(40);
  });

  it.each([
    ['7K3-9QX', '7K39QX'],
    ['7k3 9qx', '7K39QX'],
    [' 7k39qx ', '7K39QX'],
    ['7K3--9QX', '7K39QX'],
  ])('compares typed exit code %j as %j', (typed, normalized) => {
    expect(normalizeExitCode(typed)).toBe(normalized);
  });
});
