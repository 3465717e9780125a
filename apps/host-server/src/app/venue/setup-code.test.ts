import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSetupCode, generateSetupCode, readSetupCode, removeSetupCode, setupCodeMatches, setupCodePath } from './setup-code';

describe('setup code', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'arena-setup-code-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is three groups of three unambiguous characters, different each time', () => {
    const codes = Array.from({ length: 200 }, () => generateSetupCode());
    for (const code of codes) expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{3}-[34679ACDEFGHJKMNPQRTUVWXY]{3}-[34679ACDEFGHJKMNPQRTUVWXY]{3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([
    ['K7Q-93X-PMW', true],
    ['k7q-93x-pmw', true],
    [' K7Q 93X PMW ', true],
    ['K7Q93XPMW', true],
    ['K7Q-93X-PMX', false],
    ['K7Q-93X', false],
    ['K7Q-93X-PMW-4', false],
    ['', false],
    ['---', false],
  ])('typed %j matches K7Q-93X-PMW: %s', (typed, expected) => {
    expect(setupCodeMatches('K7Q-93X-PMW', typed)).toBe(expected);
  });

  it('is created once in a 0600 file, kept across calls (a restart), and gone after removal', () => {
    expect(readSetupCode(dir)).toBeNull();
    const first = ensureSetupCode(dir);
    expect(first.created).toBe(true);
    expect(statSync(setupCodePath(dir)).mode & 0o777).toBe(0o600);
    expect(readSetupCode(dir)).toBe(first.code);
    expect(ensureSetupCode(dir)).toEqual({ code: first.code, created: false });
    removeSetupCode(dir);
    expect(existsSync(setupCodePath(dir))).toBe(false);
    expect(readSetupCode(dir)).toBeNull();
    removeSetupCode(dir);
  });

  it('tightens a code file someone made readable to others back to 0600', () => {
    writeFileSync(setupCodePath(dir), 'AAA-CCC-DDD\n');
    chmodSync(setupCodePath(dir), 0o644);
    expect(ensureSetupCode(dir)).toEqual({ code: 'AAA-CCC-DDD', created: false });
    expect(statSync(setupCodePath(dir)).mode & 0o777).toBe(0o600);
  });
});
