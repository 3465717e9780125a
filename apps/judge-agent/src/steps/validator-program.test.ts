import { describe, expect, it } from 'vitest';
import { findLanguage } from '../languages/languages';
import { createValidatorCache, validatorLanguage, type ValidatorBuildResult } from './validator-program';

function built(): ValidatorBuildResult {
  const language = findLanguage('cpp');
  if (language === undefined) throw new Error('cpp missing from the language table');
  return { ok: true, build: { language, files: [], argv: ['./solution'] } };
}

describe('validatorLanguage', () => {
  it.each([
    [['validator.cpp', 'validate.h'], 'cpp'],
    [['check.c'], 'c'],
    [['validator.py', 'util.py'], 'python3'],
    [['a.cc', 'b.py'], 'cpp'],
  ])('%j → %s', (paths, id) => {
    expect(validatorLanguage(paths)?.id).toBe(id);
  });

  it('has none for languages validators may not use', () => {
    expect(validatorLanguage(['Validator.java', 'build'])).toBeNull();
  });
});

describe('createValidatorCache', () => {
  it('builds each key once, also when asked concurrently', async () => {
    const cache = createValidatorCache();
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return built();
    };
    const results = await Promise.all([cache.get('k', build), cache.get('k', build), cache.get('k', build)]);
    expect(builds).toBe(1);
    expect(results.every((result) => result.ok)).toBe(true);
    await cache.get('other', build);
    expect(builds).toBe(2);
  });

  it('forgets a failed or thrown build so the next job retries', async () => {
    const cache = createValidatorCache();
    expect(await cache.get('k', async () => ({ ok: false, internalError: 'no space left' }))).toEqual({ ok: false, internalError: 'no space left' });
    expect(await cache.get('k', async () => { throw new Error('box creation failed'); })).toEqual({ ok: false, internalError: expect.stringContaining('box creation failed') });
    expect((await cache.get('k', async () => built())).ok).toBe(true);
  });
});
