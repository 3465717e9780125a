import { describe, expect, it } from 'vitest';
import {
  decodePassFail, decodeScore, encodePassFail, encodeScore, encodeStanding, STANDING_LIMITS, StandingRangeError,
  type PassFailStanding, type ScoreStanding,
} from './composite-score';
import { seededRandom } from '../../../test/helpers/seeded-random';

const TOP = 2 ** 53 - 1;
const { solvedMax, penaltyMinutesMin, penaltyMinutesMax, minuteMax, scoreMax } = STANDING_LIMITS;

describe('bit budget', () => {
  it('has the documented limits', () => {
    expect(STANDING_LIMITS).toEqual({
      solvedMax: 127, penaltyMinutesMin: -(2 ** 25), penaltyMinutesMax: 2 ** 25 - 1, minuteMax: 2 ** 20 - 1, scoreMax: (2 ** 33 - 1) / 1000,
    });
  });
});

describe('encodePassFail', () => {
  it.each<[string, PassFailStanding, number]>([
    ['the worst standing is 0', { solved: 0, penaltyMinutes: penaltyMinutesMax, lastAcMinute: minuteMax }, 0],
    ['the best standing is 2^53-1', { solved: solvedMax, penaltyMinutes: penaltyMinutesMin, lastAcMinute: 0 }, TOP],
    ['nothing solved, no penalty', { solved: 0, penaltyMinutes: 0, lastAcMinute: 0 }, (2 ** 25 - 1) * 2 ** 20 + 2 ** 20 - 1],
    ['one solve at minute 0', { solved: 1, penaltyMinutes: 0, lastAcMinute: 0 }, 2 ** 46 + (2 ** 25 - 1) * 2 ** 20 + 2 ** 20 - 1],
    ['3 solved, 250 penalty, last AC at 187', { solved: 3, penaltyMinutes: 250, lastAcMinute: 187 },
      3 * 2 ** 46 + (2 ** 25 - 1 - 250) * 2 ** 20 + (2 ** 20 - 1 - 187)],
  ])('%s', (_name, standing, composite) => {
    expect(encodePassFail(standing)).toBe(composite);
    expect(Number.isSafeInteger(composite)).toBe(true);
    expect(decodePassFail(composite)).toEqual(standing);
  });

  it.each<[string, PassFailStanding, string]>([
    ['solved above 127', { solved: 128, penaltyMinutes: 0, lastAcMinute: 0 }, 'solved'],
    ['negative solved', { solved: -1, penaltyMinutes: 0, lastAcMinute: 0 }, 'solved'],
    ['fractional solved', { solved: 1.5, penaltyMinutes: 0, lastAcMinute: 0 }, 'solved'],
    ['NaN solved', { solved: Number.NaN, penaltyMinutes: 0, lastAcMinute: 0 }, 'solved'],
    ['penalty above 2^25-1', { solved: 1, penaltyMinutes: 2 ** 25, lastAcMinute: 0 }, 'penaltyMinutes'],
    ['penalty below -2^25', { solved: 1, penaltyMinutes: -(2 ** 25) - 1, lastAcMinute: 0 }, 'penaltyMinutes'],
    ['fractional penalty', { solved: 1, penaltyMinutes: 20.5, lastAcMinute: 0 }, 'penaltyMinutes'],
    ['infinite penalty', { solved: 1, penaltyMinutes: Number.POSITIVE_INFINITY, lastAcMinute: 0 }, 'penaltyMinutes'],
    ['last AC above 2^20-1', { solved: 1, penaltyMinutes: 0, lastAcMinute: 2 ** 20 }, 'lastAcMinute'],
    ['negative last AC', { solved: 1, penaltyMinutes: 0, lastAcMinute: -1 }, 'lastAcMinute'],
    ['a string in place of a number', { solved: '3' as unknown as number, penaltyMinutes: 0, lastAcMinute: 0 }, 'solved'],
  ])('rejects %s', (_name, standing, field) => {
    expect(() => encodePassFail(standing)).toThrow(StandingRangeError);
    expect(() => encodePassFail(standing)).toThrow(new RegExp(`^${field} must be a whole number`));
  });
});

describe('encodeScore', () => {
  it.each<[string, ScoreStanding, number]>([
    ['the worst standing is 0', { score: 0, lastImprovementMinute: minuteMax }, 0],
    ['the best standing is 2^53-1', { score: scoreMax, lastImprovementMinute: 0 }, TOP],
    ['100 points at minute 42', { score: 100, lastImprovementMinute: 42 }, 100_000 * 2 ** 20 + 2 ** 20 - 1 - 42],
    ['float noise is rounded away', { score: 0.1 + 0.2, lastImprovementMinute: 0 }, 300 * 2 ** 20 + 2 ** 20 - 1],
    ['scores keep 3 decimals', { score: 33.3334, lastImprovementMinute: 5 }, 33_333 * 2 ** 20 + 2 ** 20 - 1 - 5],
  ])('%s', (_name, standing, composite) => {
    expect(encodeScore(standing)).toBe(composite);
    expect(encodeStanding(standing)).toBe(composite);
  });

  it('decodes to the score rounded to 3 decimals', () => {
    expect(decodeScore(encodeScore({ score: 12.3456, lastImprovementMinute: 77 }))).toEqual({ score: 12.346, lastImprovementMinute: 77 });
  });

  it.each<[string, ScoreStanding, string]>([
    ['a negative score', { score: -0.5, lastImprovementMinute: 0 }, 'score'],
    ['a score above the maximum', { score: scoreMax + 0.001, lastImprovementMinute: 0 }, 'score'],
    ['NaN score', { score: Number.NaN, lastImprovementMinute: 0 }, 'score'],
    ['infinite score', { score: Number.POSITIVE_INFINITY, lastImprovementMinute: 0 }, 'score'],
    ['minute above 2^20-1', { score: 1, lastImprovementMinute: 2 ** 20 }, 'lastImprovementMinute'],
    ['fractional minute', { score: 1, lastImprovementMinute: 0.5 }, 'lastImprovementMinute'],
  ])('rejects %s', (_name, standing, field) => {
    expect(() => encodeScore(standing)).toThrow(StandingRangeError);
    expect(() => encodeScore(standing)).toThrow(new RegExp(`^${field} must be`));
  });
});

describe('decode', () => {
  it.each([-1, 0.5, 2 ** 53, Number.NaN])('rejects %s as a composite', (composite) => {
    expect(() => decodePassFail(composite)).toThrow(StandingRangeError);
    expect(() => decodeScore(composite)).toThrow(StandingRangeError);
  });
});


/** An integer in [min, max], drawn half the time from a few edge values so that ties are common. */
function pick(random: () => number, min: number, max: number): number {
  const edges = [min, min + 1, 0, max - 1, max].filter((v) => v >= min && v <= max);
  if (random() < 0.5) return edges[Math.floor(random() * edges.length)]!;
  return min + Math.floor(random() * (max - min + 1));
}

/** The CLICS order written out field by field: negative when `a` ranks better. */
function comparePassFail(a: PassFailStanding, b: PassFailStanding): number {
  return (b.solved - a.solved) || (a.penaltyMinutes - b.penaltyMinutes) || (a.lastAcMinute - b.lastAcMinute);
}

function compareScore(a: ScoreStanding, b: ScoreStanding): number {
  return (Math.round(b.score * 1000) - Math.round(a.score * 1000)) || (a.lastImprovementMinute - b.lastImprovementMinute);
}

describe('order is preserved (seeded random pairs)', () => {
  it('pass-fail: larger composite exactly when the standing ranks better, equal exactly on a tie', () => {
    const random = seededRandom(20261126);
    const draw = (): PassFailStanding => ({
      solved: pick(random, 0, solvedMax),
      penaltyMinutes: pick(random, penaltyMinutesMin, penaltyMinutesMax),
      lastAcMinute: pick(random, 0, minuteMax),
    });
    let ties = 0;
    const wrongOrder: unknown[] = [];
    const notRoundTripped: unknown[] = [];
    for (let i = 0; i < 50_000; i++) {
      const a = draw();
      const b = random() < 0.2 ? { ...a, lastAcMinute: pick(random, 0, minuteMax) } : draw();
      const expected = Math.sign(comparePassFail(a, b));
      if (expected === 0) ties++;
      if (Math.sign(encodePassFail(b) - encodePassFail(a)) !== expected) wrongOrder.push([a, b]);
      const back = decodePassFail(encodePassFail(a));
      if (JSON.stringify(back) !== JSON.stringify(a)) notRoundTripped.push(a);
    }
    expect(wrongOrder.slice(0, 5)).toEqual([]);
    expect(notRoundTripped.slice(0, 5)).toEqual([]);
    expect(ties).toBeGreaterThan(100);
  });

  it('score: larger composite exactly when the standing ranks better', () => {
    const random = seededRandom(42);
    const draw = (): ScoreStanding => ({
      score: pick(random, 0, 2 ** 33 - 1) / 1000,
      lastImprovementMinute: pick(random, 0, minuteMax),
    });
    let ties = 0;
    const wrongOrder: unknown[] = [];
    const notRoundTripped: unknown[] = [];
    for (let i = 0; i < 50_000; i++) {
      const a = draw();
      const b = random() < 0.2 ? { ...a, lastImprovementMinute: pick(random, 0, minuteMax) } : draw();
      const expected = Math.sign(compareScore(a, b));
      if (expected === 0) ties++;
      if (Math.sign(encodeScore(b) - encodeScore(a)) !== expected) wrongOrder.push([a, b]);
      const back = decodeScore(encodeScore(a));
      if (JSON.stringify(back) !== JSON.stringify(a)) notRoundTripped.push(a);
    }
    expect(wrongOrder.slice(0, 5)).toEqual([]);
    expect(notRoundTripped.slice(0, 5)).toEqual([]);
    expect(ties).toBeGreaterThan(100);
  });
});
