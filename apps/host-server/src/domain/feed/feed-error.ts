/**
 * A feed that cannot be read correctly. A wrong scoreboard is worse than none, so one malformed
 * line (bad JSON, or a known object type whose data does not parse) stops the whole read, naming
 * the line (1-based) and what is wrong with it.
 */
export class FeedFormatError extends Error {
  constructor(readonly lineNumber: number | null, readonly problem: string) {
    super(lineNumber === null ? `event feed: ${problem}` : `event feed line ${lineNumber}: ${problem}`);
    this.name = 'FeedFormatError';
  }
}
