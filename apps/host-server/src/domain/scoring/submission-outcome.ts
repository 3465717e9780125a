import type { ScoringJudgement, ScoringJudgementType, ScoringTestcaseResult } from './scoring-input';

/**
 * What one submission amounts to on a scoreboard, before any freeze is applied.
 * - `pending`: not judged yet, or only judged "judging error": no effect but the pending count.
 * - `judged`: `solved` / `penalty` come from the judgement type. A rejection with neither
 *   (compile error) is `judged` but `countsAsJudged` is false: it is invisible on the board (no
 *   penalty, not in num_judged), as DOMjudge shows it with compile penalty off.
 */
export type SubmissionOutcome =
  | { kind: 'pending' }
  | {
      kind: 'judged';
      judgementTypeId: string;
      solved: boolean;
      penalty: boolean;
      countsAsJudged: boolean;
      score?: number;
      testcaseResults?: readonly ScoringTestcaseResult[];
    };

export const PENDING: SubmissionOutcome = Object.freeze({ kind: 'pending' });

/** Thrown when a judgement names a judgement type the contest does not define. */
export class UnknownJudgementTypeError extends Error {
  constructor(readonly judgementTypeId: string, readonly submissionId: string) {
    super(`judgement of submission ${submissionId} has unknown judgement type "${judgementTypeId}"`);
    this.name = 'UnknownJudgementTypeError';
  }
}

/**
 * The judgement that counts for a submission: the LAST (in the order given) that is valid and
 * has a judgement type. Undefined if there is none.
 */
export function countingJudgement(judgements: readonly ScoringJudgement[]): ScoringJudgement | undefined {
  for (let i = judgements.length - 1; i >= 0; i--) {
    const judgement = judgements[i]!;
    if (judgement.valid && judgement.judgementTypeId !== null) return judgement;
  }
  return undefined;
}

/**
 * Resolves a submission's outcome from its judgements (in creation order). A judgement type in
 * `pendingTypeIds` (judging error) leaves it pending. Throws UnknownJudgementTypeError if the
 * counting judgement's type is not in `types`.
 */
export function resolveSubmissionOutcome(
  submissionId: string,
  judgements: readonly ScoringJudgement[],
  types: ReadonlyMap<string, ScoringJudgementType>,
  pendingTypeIds: ReadonlySet<string>,
): SubmissionOutcome {
  const judgement = countingJudgement(judgements);
  if (!judgement || judgement.judgementTypeId === null) return PENDING;
  const typeId = judgement.judgementTypeId;
  if (pendingTypeIds.has(typeId)) return PENDING;
  const type = types.get(typeId);
  if (!type) throw new UnknownJudgementTypeError(typeId, submissionId);
  return {
    kind: 'judged',
    judgementTypeId: typeId,
    solved: type.solved,
    penalty: type.penalty && !type.solved,
    countsAsJudged: type.solved || type.penalty,
    ...(judgement.score !== undefined ? { score: judgement.score } : {}),
    ...(judgement.testcaseResults !== undefined ? { testcaseResults: judgement.testcaseResults } : {}),
  };
}
