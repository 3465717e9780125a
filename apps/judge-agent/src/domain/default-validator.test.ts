import { describe, expect, it } from 'vitest';
import { checkWithDefaultValidator, parseDefaultValidatorFlags, parseFloatToken, type DefaultValidatorOptions } from './default-validator';

function options(flags: string[]): DefaultValidatorOptions {
  const parsed = parseDefaultValidatorFlags(flags);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.options;
}

describe('checkWithDefaultValidator', () => {
  it.each([
    // [description, output, answer, flags, accepted]
    ['identical', '3\n', '3\n', [], true],
    ['different number', '4\n', '3\n', [], false],
    ['missing trailing newline', '3', '3\n', [], true],
    ['extra trailing whitespace', '3   \n\n\t', '3\n', [], true],
    ['leading whitespace', '\n  3\n', '3\n', [], true],
    ['tokens split across lines', '1\n2\n3\n', '1 2 3\n', [], true],
    ['CRLF line ends', '1 2\r\n3\r\n', '1 2\n3\n', [], true],
    ['empty output, empty answer', '', '', [], true],
    ['whitespace-only output, empty answer', ' \n', '', [], true],
    ['empty output, non-empty answer', '', '42\n', [], false],
    ['extra token', '1 2 3\n', '1 2\n', [], false],
    ['missing token', '1\n', '1 2\n', [], false],
    ['case differs', 'YES\n', 'yes\n', [], true],
    ['case differs, case_sensitive', 'YES\n', 'yes\n', ['case_sensitive'], false],
    ['same case, case_sensitive', 'Yes\n', 'Yes\n', ['case_sensitive'], true],
    ['non-ASCII letters compare exactly', '\u00c9\n', '\u00e9\n', [], false],
    ['numbers compare as text without tolerance', '1.0\n', '1\n', [], false],
    ['exponent as text without tolerance', '1e2\n', '100\n', [], false],
    ['space_change_sensitive, exact', '1 2\n', '1 2\n', ['space_change_sensitive'], true],
    ['space_change_sensitive, double space', '1  2\n', '1 2\n', ['space_change_sensitive'], false],
    ['space_change_sensitive, missing final newline', '1 2', '1 2\n', ['space_change_sensitive'], false],
    ['space_change_sensitive, trailing space', '1 2 \n', '1 2\n', ['space_change_sensitive'], false],
    ['space_change_sensitive, tab for space', '1\t2\n', '1 2\n', ['space_change_sensitive'], false],
    ['space_change_sensitive, leading newline', '\n1 2\n', '1 2\n', ['space_change_sensitive'], false],
    ['space_change_sensitive still case-insensitive', 'A b\n', 'a B\n', ['space_change_sensitive'], true],
    ['absolute tolerance, inside', '1.0000001\n', '1\n', ['float_absolute_tolerance', '1e-6'], true],
    ['absolute tolerance, outside', '1.00001\n', '1\n', ['float_absolute_tolerance', '1e-6'], false],
    ['absolute tolerance, exactly at the edge', '1.5\n', '1\n', ['float_absolute_tolerance', '0.5'], true],
    ['relative tolerance, inside', '1000001\n', '1000000\n', ['float_relative_tolerance', '1e-6'], true],
    ['relative tolerance, outside', '1000002\n', '1000000\n', ['float_relative_tolerance', '1e-6'], false],
    ['relative tolerance scales with the answer, not the output', '0.5\n', '1\n', ['float_relative_tolerance', '0.5'], true],
    ['relative tolerance of 0 for answer 0 needs exact', '0.0000001\n', '0\n', ['float_relative_tolerance', '1e-6'], false],
    ['float_tolerance: absolute half accepts', '0.0000001\n', '0\n', ['float_tolerance', '1e-6'], true],
    ['float_tolerance: relative half accepts', '1000001\n', '1000000\n', ['float_tolerance', '1e-6'], true],
    ['float_tolerance: both fail', '2\n', '1\n', ['float_tolerance', '1e-6'], false],
    ['either tolerance suffices (abs fails, rel passes)', '100.5\n', '100\n', ['float_absolute_tolerance', '0.1', 'float_relative_tolerance', '0.01'], true],
    ['either tolerance suffices (rel fails, abs passes)', '0.05\n', '0\n', ['float_absolute_tolerance', '0.1', 'float_relative_tolerance', '0.01'], true],
    ['exponent formatting accepted for float answer', '1.5e2\n', '150.000\n', ['float_tolerance', '1e-9'], true],
    ['capital exponent, explicit plus', '1.5E+2\n', '150\n', ['float_tolerance', '1e-9'], true],
    ['integer formatting accepted for float answer', '2\n', '2.000000\n', ['float_tolerance', '1e-9'], true],
    ['leading dot and plus sign', '+.5\n', '0.5\n', ['float_tolerance', '1e-9'], true],
    ['trailing dot', '5.\n', '5\n', ['float_tolerance', '1e-9'], true],
    ['negative zero', '-0.0\n', '0\n', ['float_tolerance', '1e-9'], true],
    ['non-number output for float answer', 'abc\n', '1.0\n', ['float_tolerance', '1e-6'], false],
    ['number with junk for float answer', '1.0x\n', '1.0\n', ['float_tolerance', '1e-6'], false],
    ['hex is not accepted as a float', '0x10\n', '16\n', ['float_tolerance', '1e-6'], false],
    ['text tokens still compare as text in float mode', 'Impossible\n', 'impossible\n', ['float_tolerance', '1e-6'], true],
    ['text answer, numeric output in float mode', '1\n', 'one\n', ['float_tolerance', '1e-6'], false],
    ['mixed text and floats', 'case 1: 0.3333\n', 'Case 1: 0.333333333\n', ['float_absolute_tolerance', '1e-3'], true],
    ['nan answer accepts nan', 'NaN\n', 'nan\n', ['float_tolerance', '1e-6'], true],
    ['nan answer rejects a number', '0\n', 'nan\n', ['float_tolerance', '1e-6'], false],
    ['inf answer accepts infinity', 'Infinity\n', 'inf\n', ['float_tolerance', '1e-6'], true],
    ['inf answer rejects -inf', '-inf\n', 'inf\n', ['float_tolerance', '1e-6'], false],
    ['finite answer rejects inf', 'inf\n', '1e308\n', ['float_tolerance', '1e-6'], false],
    ['finite answer rejects nan', 'nan\n', '1\n', ['float_tolerance', '1e6'], false],
    ['huge exponent overflow is infinity, not equal', '1e400\n', '1\n', ['float_tolerance', '1e-6'], false],
    ['many tokens all equal', `${'7 '.repeat(10_000)}\n`, `${'7\n'.repeat(10_000)}`, [], true],
  ] as Array<[string, string, string, string[], boolean]>)('%s', (_description, output, answer, flags, accepted) => {
    expect(checkWithDefaultValidator(output, answer, options(flags)).accepted).toBe(accepted);
  });

  it('names the first difference with its line and token number', () => {
    const check = checkWithDefaultValidator('1 2\n3 9 5\n', '1 2\n3 4 5\n');
    expect(check).toEqual({ accepted: false, judgeMessage: 'Wrong answer on line 2, token 4: expected "4", got "9"' });
  });

  it('reports early end and trailing output', () => {
    expect(checkWithDefaultValidator('1\n', '1 2\n').judgeMessage).toBe('Output ended early: expected "2" (token 2)');
    expect(checkWithDefaultValidator('1 2\n', '1\n').judgeMessage).toBe('Trailing output on line 1: "2" (token 2)');
  });

  it('truncates long tokens in the message', () => {
    const check = checkWithDefaultValidator('x'.repeat(5000), 'y');
    expect(check.judgeMessage.length).toBeLessThan(300);
  });
});

describe('parseDefaultValidatorFlags', () => {
  it('sets both tolerances for float_tolerance', () => {
    expect(options(['float_tolerance', '0.25'])).toMatchObject({ floatAbsoluteTolerance: 0.25, floatRelativeTolerance: 0.25 });
  });

  it('sets each tolerance separately', () => {
    expect(options(['float_absolute_tolerance', '1e-3', 'case_sensitive'])).toEqual({
      caseSensitive: true, spaceChangeSensitive: false, floatAbsoluteTolerance: 0.001, floatRelativeTolerance: null,
    });
  });

  it.each([
    [['float_tolerance']],
    [['float_tolerance', 'abc']],
    [['float_relative_tolerance', '-1']],
    [['float_absolute_tolerance', '']],
    [['ignore_everything']],
  ])('rejects %j', (flags) => {
    expect(parseDefaultValidatorFlags(flags).ok).toBe(false);
  });
});

describe('parseFloatToken', () => {
  it.each([
    ['0', 0], ['-12', -12], ['3.25', 3.25], ['.5', 0.5], ['5.', 5], ['1e3', 1000], ['1E-2', 0.01], ['+7', 7],
    ['-inf', Number.NEGATIVE_INFINITY], ['INFINITY', Number.POSITIVE_INFINITY],
  ])('parses %s', (token, value) => {
    expect(parseFloatToken(token)).toBe(value);
  });

  it('parses nan', () => {
    expect(parseFloatToken('NaN')).toBeNaN();
  });

  it.each(['', '.', 'e5', '1e', '1.2.3', '0x1p3', '1,5', '- 1', 'infinite', '12abc'])('rejects %j', (token) => {
    expect(parseFloatToken(token)).toBeNull();
  });
});
