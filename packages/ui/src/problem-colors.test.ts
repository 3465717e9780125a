import { describe, expect, it } from 'vitest';
import { parseRgb, problemColor, relativeLuminance, textColorOn } from './problem-colors';

describe('problem colours', () => {
  it.each([
    ['#E53935', [229, 57, 53]],
    ['00ff00', [0, 255, 0]],
    ['#12345', null],
    ['red', null],
    [undefined, null],
  ] as const)('parseRgb(%s)', (input, expected) => {
    expect(parseRgb(input)).toEqual(expected);
  });

  it.each([
    ['#000000', '#ffffff'],
    ['#ffffff', '#000000'],
    ['#ffeb3b', '#000000'],
    ['#1e88e5', '#000000'],
    ['#0d47a1', '#ffffff'],
    [undefined, '#000000'],
  ] as const)('text on %s is %s', (bg, text) => {
    expect(textColorOn(bg)).toBe(text);
  });

  it('falls back to grey for a missing colour and normalises case', () => {
    expect(problemColor(undefined)).toBe('#9e9e9e');
    expect(problemColor('#E53935')).toBe('#e53935');
  });

  it('luminance spans 0 to 1', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
  });
});
