import { PROTOCOL_VERSION } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseHostConfig } from '../host-config';
import { authenticateJudge, checkJudgeKey } from './judge-auth';

const KEY = 'k'.repeat(32);
const withKey = parseHostConfig({ dataDir: '/tmp/x', judgeKey: KEY });
const withoutKey = parseHostConfig({ dataDir: '/tmp/x' });
const hello = { key: KEY, agentId: 'box1', protocolVersion: PROTOCOL_VERSION, sandbox: 'native' };

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-an-app-error';
  }
}

describe('checkJudgeKey', () => {
  it.each([
    { name: 'right key', config: withKey, presented: KEY, code: null },
    { name: 'no key presented', config: withKey, presented: null, code: 'unauthorized' },
    { name: 'empty key presented', config: withKey, presented: '', code: 'unauthorized' },
    { name: 'wrong key', config: withKey, presented: `${KEY}!`, code: 'forbidden' },
    { name: 'prefix of the key', config: withKey, presented: KEY.slice(0, 16), code: 'forbidden' },
    { name: 'host without a key', config: withoutKey, presented: KEY, code: 'unavailable' },
  ])('$name → $code', ({ config, presented, code }) => {
    expect(codeOf(() => checkJudgeKey(config, presented))).toBe(code);
  });
});

describe('authenticateJudge', () => {
  it('returns the parsed hello with defaults', () => {
    expect(authenticateJudge(withKey, hello)).toEqual({ ...hello, hostname: '', parallel: 1, languages: [] });
  });

  it.each([
    { name: 'not an object', raw: 'hello', message: /^invalid judge hello/ },
    { name: 'no agent id', raw: { ...hello, agentId: undefined }, message: /^invalid judge hello: agentId/ },
    { name: 'wrong key', raw: { ...hello, key: 'nope' }, message: /^wrong judge key/ },
    { name: 'old protocol', raw: { ...hello, protocolVersion: PROTOCOL_VERSION - 1 }, message: /does not match the host's version/ },
  ])('refuses $name', ({ raw, message }) => {
    expect(() => authenticateJudge(withKey, raw)).toThrow(message);
  });

  it('refuses everyone when the host has no key', () => {
    expect(() => authenticateJudge(withoutKey, hello)).toThrow(/no judge key configured/);
  });
});
