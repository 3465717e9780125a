/**
 * The Kattis default output validator, as a pure function on two strings.
 *
 * Contract (Kattis problem package format, "default output validator"):
 * - Output and answer are compared token by token; tokens are separated by whitespace
 *   (space, tab, newline, vertical tab, form feed, carriage return).
 * - Tokens compare case-insensitively (ASCII letters only) unless `caseSensitive`.
 * - Any run of whitespace equals any other (and leading/trailing whitespace is ignored) unless
 *   `spaceChangeSensitive`, in which case every whitespace run, including leading and trailing
 *   ones, must match the answer's exactly.
 * - With a float tolerance set, an ANSWER token that parses as a floating-point number is compared
 *   numerically: the output token must also be a number in any valid formatting (`1`, `1.000`,
 *   `1e0`), and is accepted if it is within the absolute OR the relative tolerance. `nan` matches
 *   only `nan`; `inf` matches only an infinity of the same sign. Without a tolerance, or for answer
 *   tokens that are not numbers, tokens compare as text.
 *
 * Strings should be decoded byte-for-byte (`latin1`) so that no input can make decoding fail.
 * Never throws; the judge message names the first difference.
 */

export interface DefaultValidatorOptions {
  caseSensitive: boolean;
  spaceChangeSensitive: boolean;
  /** Accept |output - answer| <= floatAbsoluteTolerance. null = no absolute tolerance. */
  floatAbsoluteTolerance: number | null;
  /** Accept |output - answer| <= floatRelativeTolerance * |answer|. null = no relative tolerance. */
  floatRelativeTolerance: number | null;
}

export type OutputCheck = { accepted: true; judgeMessage: string } | { accepted: false; judgeMessage: string };

export const DEFAULT_VALIDATOR_OPTIONS: DefaultValidatorOptions = Object.freeze({
  caseSensitive: false,
  spaceChangeSensitive: false,
  floatAbsoluteTolerance: null,
  floatRelativeTolerance: null,
});

/**
 * Parses Kattis `validator_flags` for the default validator. Unknown flags and flags missing a
 * numeric argument are reported as errors (the problem package is broken, not the submission).
 */
export function parseDefaultValidatorFlags(flags: readonly string[]): { ok: true; options: DefaultValidatorOptions } | { ok: false; error: string } {
  const options: DefaultValidatorOptions = { ...DEFAULT_VALIDATOR_OPTIONS };
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag === 'case_sensitive') options.caseSensitive = true;
    else if (flag === 'space_change_sensitive') options.spaceChangeSensitive = true;
    else if (flag === 'float_relative_tolerance' || flag === 'float_absolute_tolerance' || flag === 'float_tolerance') {
      const raw = flags[i + 1];
      const value = raw === undefined ? Number.NaN : Number(raw);
      if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0) {
        return { ok: false, error: `validator flag ${flag} needs a non-negative number, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}` };
      }
      i++;
      if (flag !== 'float_absolute_tolerance') options.floatRelativeTolerance = value;
      if (flag !== 'float_relative_tolerance') options.floatAbsoluteTolerance = value;
    } else {
      return { ok: false, error: `unknown default validator flag ${JSON.stringify(flag)}` };
    }
  }
  return { ok: true, options };
}

/** Compares team output with the judge answer (see the module contract). */
export function checkWithDefaultValidator(output: string, answer: string, options: DefaultValidatorOptions = DEFAULT_VALIDATOR_OPTIONS): OutputCheck {
  const team = new Scanner(output);
  const judge = new Scanner(answer);
  const floatMode = options.floatAbsoluteTolerance !== null || options.floatRelativeTolerance !== null;
  let tokenNumber = 0;
  for (;;) {
    const judgeSpace = judge.whitespace();
    const teamSpace = team.whitespace();
    if (options.spaceChangeSensitive && judgeSpace !== teamSpace) {
      return reject(`Space change error on line ${team.line}: expected ${describeSpace(judgeSpace)}, got ${describeSpace(teamSpace)}`);
    }
    const judgeToken = judge.token();
    const teamToken = team.token();
    if (judgeToken === null && teamToken === null) return { accepted: true, judgeMessage: '' };
    tokenNumber++;
    if (judgeToken === null) return reject(`Trailing output on line ${team.line}: ${quote(teamToken ?? '')} (token ${tokenNumber})`);
    if (teamToken === null) return reject(`Output ended early: expected ${quote(judgeToken)} (token ${tokenNumber})`);
    const mismatch = compareTokens(teamToken, judgeToken, options, floatMode);
    if (mismatch !== null) return reject(`Wrong answer on line ${team.line}, token ${tokenNumber}: ${mismatch}`);
  }
}

function reject(judgeMessage: string): OutputCheck {
  return { accepted: false, judgeMessage };
}

/** Returns null when the tokens match, else a description of the difference. */
function compareTokens(teamToken: string, judgeToken: string, options: DefaultValidatorOptions, floatMode: boolean): string | null {
  if (floatMode) {
    const judgeValue = parseFloatToken(judgeToken);
    if (judgeValue !== null) {
      const teamValue = parseFloatToken(teamToken);
      if (teamValue === null) return `expected float ${quote(judgeToken)}, got ${quote(teamToken)}`;
      if (floatsMatch(teamValue, judgeValue, options)) return null;
      return `expected ${quote(judgeToken)}, got ${quote(teamToken)} (difference ${Math.abs(teamValue - judgeValue)})`;
    }
  }
  const same = options.caseSensitive ? teamToken === judgeToken : asciiLower(teamToken) === asciiLower(judgeToken);
  return same ? null : `expected ${quote(judgeToken)}, got ${quote(teamToken)}`;
}

function floatsMatch(team: number, judge: number, options: DefaultValidatorOptions): boolean {
  if (Number.isNaN(judge)) return Number.isNaN(team);
  if (!Number.isFinite(judge)) return team === judge;
  if (!Number.isFinite(team)) return false;
  const difference = Math.abs(team - judge);
  if (options.floatAbsoluteTolerance !== null && difference <= options.floatAbsoluteTolerance) return true;
  return options.floatRelativeTolerance !== null && difference <= options.floatRelativeTolerance * Math.abs(judge);
}

const DECIMAL_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** Parses a whole token as a decimal float (strtod-style, incl. inf/nan); null if it is not one. */
export function parseFloatToken(token: string): number | null {
  if (DECIMAL_FLOAT.test(token)) return Number(token);
  const special = SPECIAL_FLOAT.exec(token);
  if (special === null) return null;
  if ((special[2] ?? '').toLowerCase() === 'nan') return Number.NaN;
  return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

function quote(token: string): string {
  const shown = token.length > 100 ? `${token.slice(0, 100)}...` : token;
  return JSON.stringify(shown);
}

function describeSpace(space: string): string {
  return space === '' ? 'no whitespace' : JSON.stringify(space);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Walks a string as alternating whitespace runs and tokens, counting lines. */
class Scanner {
  private position = 0;
  /** 1-based line of the last token read. */
  line = 1;
  private newlines = 0;

  constructor(private readonly text: string) {}

  whitespace(): string {
    const start = this.position;
    while (this.position < this.text.length && isSpace(this.text.charCodeAt(this.position))) {
      if (this.text.charCodeAt(this.position) === 10) this.newlines++;
      this.position++;
    }
    return this.text.slice(start, this.position);
  }

  token(): string | null {
    const start = this.position;
    while (this.position < this.text.length && !isSpace(this.text.charCodeAt(this.position))) this.position++;
    if (start === this.position) return null;
    this.line = this.newlines + 1;
    return this.text.slice(start, this.position);
  }
}
