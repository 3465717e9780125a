import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseStartTimeMs } from './duration';

describe('parseDurationMs', () => {
  it.each([
    ['5:00:00', 18_000_000],
    ['0:30:00', 1_800_000],
    ['1:00:00.250', 3_600_250],
    ['26:00:00', 93_600_000],
    ['5:00', 18_000_000],
    [18000, 18_000_000],
    [90.5, 90_500],
    ['18000', 18_000_000],
  ])('%j is %d ms', (value, ms) => {
    expect(parseDurationMs(value)).toBe(ms);
  });

  it.each([['five hours'], ['-1:00:00'], ['1:60:00'], [-5], [Number.NaN], [null], [{}], ['']])('%j is not a duration', (value) => {
    expect(parseDurationMs(value)).toBeNull();
  });
});

describe('parseStartTimeMs', () => {
  it.each([
    ['2030-01-01T10:00:00+00:00', Date.UTC(2030, 0, 1, 10)],
    ['2030-01-01T10:00:00Z', Date.UTC(2030, 0, 1, 10)],
    ['2030-01-01T12:00:00+02', Date.UTC(2030, 0, 1, 10)],
    ['2030-01-01T05:00:00-0500', Date.UTC(2030, 0, 1, 10)],
    ['2030-01-01 10:00:00.5 Z', Date.UTC(2030, 0, 1, 10, 0, 0, 500)],
  ])('%s', (value, ms) => {
    expect(parseStartTimeMs(value)).toBe(ms);
  });

  it('reads a Date (YAML 1.1 timestamp) and treats absence as not scheduled', () => {
    expect(parseStartTimeMs(new Date(Date.UTC(2030, 0, 1)))).toBe(Date.UTC(2030, 0, 1));
    expect(parseStartTimeMs(undefined)).toBeNull();
    expect(parseStartTimeMs(null)).toBeNull();
  });

  it.each([['2030-01-01T10:00:00'], ['tomorrow'], [12345]])('rejects %j (no zone, or not a time)', (value) => {
    expect(parseStartTimeMs(value)).toBeNaN();
  });
});
