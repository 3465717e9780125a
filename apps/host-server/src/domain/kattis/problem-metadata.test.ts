import { describe, expect, it } from 'vitest';
import { PackageError } from './package-error';
import { parseProblemMetadata } from './problem-metadata';

const FILE = 'problems/x/problem.yaml';

function fails(raw: unknown): string {
  try {
    parseProblemMetadata(raw, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(PackageError);
    return (err as Error).message;
  }
  throw new Error('expected a PackageError');
}

describe('parseProblemMetadata', () => {
  it('reads a legacy package with defaults', () => {
    expect(parseProblemMetadata({ name: 'Hello' }, FILE)).toEqual({
      format: 'legacy-icpc', names: { en: 'Hello' }, type: 'pass-fail', interactive: false, validation: 'default', validatorFlags: [],
      limits: { timeLimitS: null, memoryMb: null, outputMb: null, compilationTimeS: null, validationTimeS: null, validationMemoryMb: null },
    });
  });

  it.each([
    ['custom', { validation: 'custom' }, { validation: 'custom', interactive: false, type: 'pass-fail' }],
    ['custom interactive', { validation: 'custom interactive' }, { validation: 'custom', interactive: true }],
    ['custom score', { validation: 'custom score' }, { validation: 'custom', type: 'scoring' }],
    ['legacy type scoring', { type: 'scoring' }, { type: 'scoring', validation: 'default' }],
  ])('legacy validation %s', (_case, raw, expected) => {
    expect(parseProblemMetadata(raw, FILE)).toMatchObject(expected);
  });

  it.each([
    ['interactive', { problem_format_version: '2025-09', type: 'interactive' }, { interactive: true, type: 'pass-fail', validation: null }],
    ['scoring + interactive list', { problem_format_version: '2025-09', type: ['scoring', 'interactive'] }, { interactive: true, type: 'scoring' }],
    ['names per language', { problem_format_version: '2025-09', name: { en: 'Guess', sv: 'Gissa' } }, { names: { en: 'Guess', sv: 'Gissa' } }],
    ['limits', { problem_format_version: '2025-09', limits: { time_limit: 1.5, memory: 512, output: 16 } },
      { limits: { timeLimitS: 1.5, memoryMb: 512, outputMb: 16, compilationTimeS: null, validationTimeS: null, validationMemoryMb: null } }],
    ['validator flags string', { validator_flags: 'float_tolerance 1e-6' }, { validatorFlags: ['float_tolerance', '1e-6'] }],
  ])('2025-09 / misc: %s', (_case, raw, expected) => {
    expect(parseProblemMetadata(raw, FILE)).toMatchObject(expected);
  });

  it.each([
    [{ validation: 'magic' }, 'problems/x/problem.yaml: validation must be "default" or "custom"'],
    [{ validation: 'custom sideways' }, 'validation modifier "sideways" is unknown'],
    [{ validation: 'default interactive' }, 'validation "default" takes no modifiers'],
    [{ problem_format_version: '2025-09', type: 'multi-pass' }, 'type multi-pass is not supported'],
    [{ problem_format_version: '2025-09', type: 'quiz' }, 'type must be pass-fail, scoring or interactive'],
    [{ problem_format_version: '1999' }, 'problem_format_version "1999" is not supported'],
    [{ limits: { time_limit: 0 } }, 'problems/x/problem.yaml: limits.time_limit must be a positive number (got 0)'],
    [{ limits: { memory: 'lots' } }, 'limits.memory must be a positive number'],
    [{ limits: 5 }, 'limits must be a mapping'],
    [['a list'], 'the file must be a mapping'],
  ])('rejects %j', (raw, message) => {
    expect(fails(raw)).toContain(message);
  });
});
