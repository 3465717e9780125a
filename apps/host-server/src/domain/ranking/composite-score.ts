/**
 * Composite ranking score: a team's whole standing packed into ONE non-negative integer below
 * 2^53, so that it is exact in a double (a Redis sorted-set score or a JS number) and
 * "larger composite = better team" holds exactly. Two standings get the same composite if and
 * only if they are equal on every ranking key, i.e. the teams share a rank.
 *
 * Pass-fail (ICPC / CLICS) order: solved desc, total penalty asc, minute of last accepted asc.
 * Bit budget, most significant field first (7 + 26 + 20 = 53 bits):
 *
 *   field            bits  stored value                      accepted range
 *   solved             7   solved                            0 .. 127 problems
 *   penaltyMinutes    26   PENALTY_MAX - penaltyMinutes      -2^25 .. 2^25-1 minutes (±63 years;
 *                                                            negative: judge-added penalty)
 *   lastAcMinute      20   2^20-1 - lastAcMinute             0 .. 2^20-1 minutes (~728 days)
 *
 *   composite = solved·2^46 + (PENALTY_MAX - penaltyMinutes)·2^20 + (2^20-1 - lastAcMinute)
 *   largest   = 127·2^46 + (2^26-1)·2^20 + (2^20-1) = 2^53 - 2^46 + 2^46 - 2^20 + 2^20 - 1 = 2^53 - 1.
 *
 * Score (IOI-style) order: score desc, minute of last improvement asc. Scores are fixed-point
 * with 3 decimals (rounded to the nearest 0.001, which also absorbs float noise such as
 * 0.1 + 0.2); bit budget 33 + 20 = 53 bits:
 *
 *   scoreMilli             33   round(score·1000)            0 .. 2^33-1 (score ≤ 8,589,934.591)
 *   lastImprovementMinute  20   2^20-1 - minute               0 .. 2^20-1 minutes
 *
 *   largest = (2^33-1)·2^20 + (2^20-1) = 2^53 - 1.
 *
 * A contest uses one kind of standing; composites of the two kinds are not comparable.
 * Out-of-range or non-integer input throws StandingRangeError and never wraps silently.
 */

export interface PassFailStanding {
  readonly solved: number;
  readonly penaltyMinutes: number;
  readonly lastAcMinute: number;
}

export interface ScoreStanding {
  /** Total score; kept to 3 decimals. */
  readonly score: number;
  readonly lastImprovementMinute: number;
}

export type Standing = PassFailStanding | ScoreStanding;

const TIME_BITS = 20;
const TIME_SCALE = 2 ** TIME_BITS;
const TIME_MAX = TIME_SCALE - 1;
const PENALTY_BITS = 26;
const PENALTY_MAX = 2 ** (PENALTY_BITS - 1) - 1;
const PENALTY_MIN = -(2 ** (PENALTY_BITS - 1));
const SOLVED_SCALE = 2 ** (PENALTY_BITS + TIME_BITS);
const SOLVED_MAX = 2 ** 7 - 1;
const SCORE_MILLI_MAX = 2 ** 33 - 1;

/** Limits of every field, for callers that want to state them (e.g. in an import check). */
export const STANDING_LIMITS = Object.freeze({
  solvedMax: SOLVED_MAX,
  penaltyMinutesMin: PENALTY_MIN,
  penaltyMinutesMax: PENALTY_MAX,
  minuteMax: TIME_MAX,
  scoreMax: SCORE_MILLI_MAX / 1000,
});

/** A standing field is outside what the composite can hold exactly; `field` names it. */
export class StandingRangeError extends RangeError {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'StandingRangeError';
  }
}

export function isPassFailStanding(standing: Standing): standing is PassFailStanding {
  return 'solved' in standing;
}

/** Encodes either kind of standing; throws StandingRangeError on out-of-range input. */
export function encodeStanding(standing: Standing): number {
  return isPassFailStanding(standing) ? encodePassFail(standing) : encodeScore(standing);
}

/** Packs a pass-fail standing (see the bit budget above). */
export function encodePassFail(standing: PassFailStanding): number {
  const solved = checkInteger('solved', standing.solved, 0, SOLVED_MAX, 'problems');
  const penalty = checkInteger('penaltyMinutes', standing.penaltyMinutes, PENALTY_MIN, PENALTY_MAX, 'minutes');
  const lastAc = checkInteger('lastAcMinute', standing.lastAcMinute, 0, TIME_MAX, 'minutes');
  return solved * SOLVED_SCALE + (PENALTY_MAX - penalty) * TIME_SCALE + (TIME_MAX - lastAc);
}

/** Packs a score standing (see the bit budget above). */
export function encodeScore(standing: ScoreStanding): number {
  const { score } = standing;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || Math.round(score * 1000) > SCORE_MILLI_MAX) {
    throw new StandingRangeError('score', `score must be a number from 0 to ${SCORE_MILLI_MAX / 1000} (got ${String(score)})`);
  }
  const minute = checkInteger('lastImprovementMinute', standing.lastImprovementMinute, 0, TIME_MAX, 'minutes');
  return Math.round(score * 1000) * TIME_SCALE + (TIME_MAX - minute);
}

/** Inverse of encodePassFail for a composite it produced. */
export function decodePassFail(composite: number): PassFailStanding {
  checkComposite(composite);
  const solved = Math.floor(composite / SOLVED_SCALE);
  const rest = composite - solved * SOLVED_SCALE;
  const penaltyField = Math.floor(rest / TIME_SCALE);
  return { solved, penaltyMinutes: PENALTY_MAX - penaltyField, lastAcMinute: TIME_MAX - (rest - penaltyField * TIME_SCALE) };
}

/** Inverse of encodeScore for a composite it produced (score to 3 decimals). */
export function decodeScore(composite: number): ScoreStanding {
  checkComposite(composite);
  const scoreMilli = Math.floor(composite / TIME_SCALE);
  return { score: scoreMilli / 1000, lastImprovementMinute: TIME_MAX - (composite - scoreMilli * TIME_SCALE) };
}

function checkInteger(field: string, value: number, min: number, max: number, unit: string): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new StandingRangeError(field, `${field} must be a whole number of ${unit} from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

function checkComposite(composite: number): void {
  if (!Number.isSafeInteger(composite) || composite < 0) {
    throw new StandingRangeError('composite', `a composite score is a whole number from 0 to 2^53-1 (got ${String(composite)})`);
  }
}
