import type { ScoringJudgementType } from './scoring-input';

/**
 * Penalty/solved flags of the common CLICS judgement type ids, used when a feed or contest does
 * not define a type it uses. CE carries no penalty; JE (judging error) is treated as pending by
 * the scoring rules and is listed only for completeness.
 */
export const KNOWN_JUDGEMENT_TYPES: readonly ScoringJudgementType[] = Object.freeze([
  { id: 'AC', penalty: false, solved: true },
  { id: 'WA', penalty: true, solved: false },
  { id: 'TLE', penalty: true, solved: false },
  { id: 'RTE', penalty: true, solved: false },
  { id: 'RE', penalty: true, solved: false },
  { id: 'MLE', penalty: true, solved: false },
  { id: 'OLE', penalty: true, solved: false },
  { id: 'PE', penalty: true, solved: false },
  { id: 'NO', penalty: true, solved: false },
  { id: 'SV', penalty: true, solved: false },
  { id: 'CE', penalty: false, solved: false },
  { id: 'JE', penalty: false, solved: false },
]);

/** The given types, completed with known ones for ids they do not define. */
export function withKnownJudgementTypes(types: readonly ScoringJudgementType[]): ScoringJudgementType[] {
  const defined = new Set(types.map((t) => t.id));
  return [...types, ...KNOWN_JUDGEMENT_TYPES.filter((t) => !defined.has(t.id))];
}
