import { KNOWN_JUDGEMENT_TYPES } from './known-judgement-types';
import type { ScoringInput, ScoringJudgement, ScoringRules, ScoringSubmission, ScoringTeam } from './scoring-input';

/**
 * Builds small contests for the scoring table tests. A submission is
 * `[teamId, problemId, contestMinutes, ...judgements]`; each judgement is a judgement type id,
 * `null` (judging not finished) or `'!XX'` (an INVALID judgement of type XX), in creation order.
 * Contest: problems A, B, C; teams t1..t5 (names "Team 1"...), 300 minutes, penalty 20, no freeze.
 */
export type SubmissionSpec = [teamId: string, problemId: string, minutes: number, ...judgements: (string | null)[]];

export const MINUTE_MS = 60_000;

export function testContest(submissions: readonly SubmissionSpec[], overrides: { rules?: Partial<ScoringRules>; teams?: ScoringTeam[] } = {}): ScoringInput {
  const subs: ScoringSubmission[] = [];
  const judgements: ScoringJudgement[] = [];
  submissions.forEach(([teamId, problemId, minutes, ...verdicts], index) => {
    const id = `s${index + 1}`;
    subs.push({ id, teamId, problemId, contestTimeMs: Math.round(minutes * MINUTE_MS) });
    for (const verdict of verdicts) {
      const invalid = verdict?.startsWith('!') ?? false;
      judgements.push({ submissionId: id, judgementTypeId: invalid ? verdict!.slice(1) : verdict, valid: !invalid });
    }
  });
  return {
    rules: { scoreboardType: 'pass-fail', penaltyMinutes: 20, contestDurationMs: 300 * MINUTE_MS, freezeTimeMs: null, ...overrides.rules },
    problems: [{ id: 'A', label: 'A', ordinal: 1 }, { id: 'B', label: 'B', ordinal: 2 }, { id: 'C', label: 'C', ordinal: 3 }],
    teams: overrides.teams ?? [1, 2, 3, 4, 5].map((n) => ({ id: `t${n}`, name: `Team ${n}`, groupIds: n <= 3 ? ['g1'] : ['g2'] })),
    submissions: subs,
    judgements,
    judgementTypes: KNOWN_JUDGEMENT_TYPES,
  };
}
