import type { ScoringProblem, ScoringTestcaseResult, ScoringTestGroup } from './scoring-input';
import type { SubmissionOutcome } from './submission-outcome';

/** Key used for a problem without test groups: the whole problem is one "subtask". */
export const WHOLE_PROBLEM = '';

/**
 * Scores one judged submission of a scoring problem, per subtask (test group path → points).
 *
 * Contract: `testcaseResults` lists EVERY test case of the problem (one not run is
 * `accepted: false`). A test case's fraction is `scoreFraction` (clamped to [0, 1], default 1)
 * if accepted, else 0. Group score by aggregation: `pass-fail` = max_score if all its test cases
 * are accepted, else 0; `sum` = max_score × the mean fraction (each test case an equal share);
 * `min` = max_score × the smallest fraction. A group with no test cases scores 0. `require_pass`:
 * the group scores 0 unless every listed group is fully accepted in the same submission.
 *
 * Without test groups the problem is one subtask scored by the judgement's own `score`, or by
 * `maxScore` if it was accepted without a score.
 */
export function subtaskScores(problem: ScoringProblem, outcome: SubmissionOutcome): Map<string, number> {
  const scores = new Map<string, number>();
  if (outcome.kind !== 'judged') return scores;
  const groups = problem.testGroups ?? [];
  if (groups.length === 0) {
    const score = outcome.score ?? (outcome.solved ? problem.maxScore ?? 0 : 0);
    scores.set(WHOLE_PROBLEM, Math.max(0, score));
    return scores;
  }
  const members = groupMembers(groups, outcome.testcaseResults ?? []);
  const fullyPassed = (path: string): boolean => {
    const results = members.get(path) ?? [];
    return results.length > 0 && results.every((r) => r.accepted);
  };
  for (const group of groups) {
    const results = members.get(group.path) ?? [];
    const passesRequirements = group.requirePass.every(fullyPassed);
    scores.set(group.path, passesRequirements ? groupScore(group, results) : 0);
  }
  return scores;
}

function groupScore(group: ScoringTestGroup, results: readonly ScoringTestcaseResult[]): number {
  if (results.length === 0) return 0;
  const fractions = results.map(fraction);
  switch (group.aggregation) {
    case 'pass-fail':
      return results.every((r) => r.accepted) ? group.maxScore : 0;
    case 'sum':
      return group.maxScore * (fractions.reduce((s, f) => s + f, 0) / fractions.length);
    case 'min':
      return group.maxScore * Math.min(...fractions);
  }
}

function fraction(result: ScoringTestcaseResult): number {
  if (!result.accepted) return 0;
  return Math.min(1, Math.max(0, result.scoreFraction ?? 1));
}

/** Assigns each test case to the group with the longest path that contains it; others are dropped. */
function groupMembers(groups: readonly ScoringTestGroup[], results: readonly ScoringTestcaseResult[]): Map<string, ScoringTestcaseResult[]> {
  const byLength = [...groups].sort((a, b) => b.path.length - a.path.length);
  const members = new Map<string, ScoringTestcaseResult[]>();
  for (const result of results) {
    const group = byLength.find((g) => result.name === g.path || result.name.startsWith(`${g.path}/`));
    if (!group) continue;
    const list = members.get(group.path) ?? [];
    list.push(result);
    members.set(group.path, list);
  }
  return members;
}
