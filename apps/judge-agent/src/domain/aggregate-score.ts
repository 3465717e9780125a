/**
 * Score of a scoring problem from its test case results and test groups (Kattis `test_group.yaml`:
 * `max_score`, `score_aggregation`, `require_pass`; legacy `accept_score`). Pure.
 *
 * Rules (paths are relative to `data/`, e.g. `secret/group1`; a test case belongs to the deepest
 * group whose path is a prefix of its name):
 * - A test case scores: its validator's score.txt value if it is AC and one was given, else the
 *   `acceptScore` of its nearest group that sets one (default 1) if AC, else 0. Its maximum is that
 *   accept score.
 * - A group's raw score aggregates its direct test cases and sub-groups: `sum` adds them, `min`
 *   takes the smallest, `pass-fail` gives the sum of the children's maxima only if every test case
 *   in the group is AC, else 0. The raw maximum is the sum (`min`: the smallest) of the children's
 *   maxima.
 * - With `maxScore` set, the group's score is scaled to it: maxScore × raw / rawMax.
 * - If any entry of `requirePass` (a group or test case path) has a test case that is not AC, or
 *   names nothing, the group scores 0.
 * - The problem's score is the score of the root group (`secret` unless told otherwise); test cases
 *   outside it (samples) do not count. A root group not listed is an unscaled `sum` group.
 */

export interface ScoreGroup {
  path: string;
  maxScore: number | null;
  aggregation: 'pass-fail' | 'sum' | 'min';
  requirePass: readonly string[];
  acceptScore?: number | undefined;
}

export interface ScoredTestcase {
  /** Path under data/ without extension, e.g. `secret/group1/03-big`. */
  name: string;
  accepted: boolean;
  /** Value from the validator's score.txt, if it wrote one. */
  validatorScore: number | null;
}

export interface GroupScore {
  path: string;
  score: number;
  maxScore: number;
  /** Every test case in the group is AC. */
  passed: boolean;
}

export interface ScoreSummary {
  score: number;
  maxScore: number;
  groups: GroupScore[];
}

export function aggregateScore(groups: readonly ScoreGroup[], testcases: readonly ScoredTestcase[], rootPath = 'secret'): ScoreSummary {
  const byPath = new Map<string, ScoreGroup>(groups.map((group) => [group.path, group]));
  if (!byPath.has(rootPath)) byPath.set(rootPath, { path: rootPath, maxScore: null, aggregation: 'sum', requirePass: [] });
  const inRoot = (path: string): boolean => isUnder(path, rootPath);
  const groupPaths = [...byPath.keys()].filter(inRoot).sort(compareDataPaths);
  const scored = testcases.filter((testcase) => inRoot(testcase.name));
  const results = new Map<string, GroupScore>();

  // Deepest groups first, so children are done before their parents.
  for (const path of [...groupPaths].sort((a, b) => depth(b) - depth(a))) {
    const group = byPath.get(path);
    if (group === undefined) continue;
    const children: Array<{ score: number; maxScore: number }> = [];
    for (const testcase of scored) {
      if (nearestGroup(testcase.name, groupPaths) !== path) continue;
      const full = acceptScoreFor(testcase.name, byPath);
      children.push({ score: testcase.accepted ? (testcase.validatorScore ?? full) : 0, maxScore: full });
    }
    for (const child of groupPaths) {
      if (child !== path && parentGroup(child, groupPaths) === path) {
        const result = results.get(child);
        if (result !== undefined) children.push(result);
      }
    }
    const passed = scored.every((testcase) => !isUnder(testcase.name, path) || testcase.accepted);
    const raw = rawScore(group.aggregation, children, passed);
    let score = raw.score;
    let maxScore = raw.maxScore;
    if (group.maxScore !== null) {
      score = raw.maxScore > 0 ? group.maxScore * (raw.score / raw.maxScore) : (passed ? group.maxScore : 0);
      maxScore = group.maxScore;
    }
    if (!requirementsMet(group.requirePass, testcases)) score = 0;
    results.set(path, { path, score, maxScore, passed });
  }
  const root = results.get(rootPath) ?? { path: rootPath, score: 0, maxScore: 0, passed: true };
  return { score: root.score, maxScore: root.maxScore, groups: groupPaths.map((path) => results.get(path)).filter((g): g is GroupScore => g !== undefined) };
}

function rawScore(aggregation: ScoreGroup['aggregation'], children: Array<{ score: number; maxScore: number }>, passed: boolean): { score: number; maxScore: number } {
  if (children.length === 0) return { score: 0, maxScore: 0 };
  const sumMax = children.reduce((total, child) => total + child.maxScore, 0);
  switch (aggregation) {
    case 'sum': return { score: children.reduce((total, child) => total + child.score, 0), maxScore: sumMax };
    case 'min': return { score: Math.min(...children.map((c) => c.score)), maxScore: Math.min(...children.map((c) => c.maxScore)) };
    case 'pass-fail': return { score: passed ? sumMax : 0, maxScore: sumMax };
  }
}

function requirementsMet(requirePass: readonly string[], testcases: readonly ScoredTestcase[]): boolean {
  return requirePass.every((required) => {
    const covered = testcases.filter((testcase) => isUnder(testcase.name, required));
    return covered.length > 0 && covered.every((testcase) => testcase.accepted);
  });
}

function acceptScoreFor(name: string, groups: ReadonlyMap<string, ScoreGroup>): number {
  let best: { depth: number; value: number } | null = null;
  for (const group of groups.values()) {
    if (group.acceptScore === undefined || !isUnder(name, group.path)) continue;
    if (best === null || depth(group.path) > best.depth) best = { depth: depth(group.path), value: group.acceptScore };
  }
  return best?.value ?? 1;
}

function nearestGroup(name: string, groupPaths: readonly string[]): string | null {
  let best: string | null = null;
  for (const path of groupPaths) if (path !== name && isUnder(name, path) && (best === null || depth(path) > depth(best))) best = path;
  return best;
}

function parentGroup(path: string, groupPaths: readonly string[]): string | null {
  return nearestGroup(path, groupPaths);
}

/** `a` is `b` itself or lies inside it. */
function isUnder(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`);
}

function depth(path: string): number {
  return path.split('/').length;
}

/**
 * Judging order of data paths: segment by segment, each compared by code point, so a group's
 * contents stay together (`g/x` before `g-2`) and `sample` comes before `secret`.
 */
export function compareDataPaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}
