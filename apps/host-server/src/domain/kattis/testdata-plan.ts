import type { JudgeTestGroup } from '@arena/protocol';
import { PackageError } from './package-error';
import type { TestGroupConfig } from './test-group-config';

/** One test case found under `data/`; paths are relative to `data/`. */
export interface PlannedTestcase {
  /** Path under data/ without extension (`secret/group1/01-big`); name order = judging order. */
  name: string;
  isSample: boolean;
  inputPath: string;
  /** null only for interactive problems whose case has no `.ans` (an empty answer is used). */
  answerPath: string | null;
  /** Extra files (`.args`, `.interaction`, `<name>.files/...`): `path` is relative to the case's folder. */
  extras: Array<{ path: string; file: string }>;
}

export interface TestdataPlan {
  testcases: PlannedTestcase[];
  /** Scoring problems only: `secret` and every folder below it that holds test cases. */
  groups: JudgeTestGroup[];
  /** Output validator flags given at the data/ or data/secret level. */
  validatorFlags: string[];
  warnings: string[];
}

export interface PlanOptions {
  scoring: boolean;
  interactive: boolean;
  /** How `data/` is shown in messages, e.g. `problems/hello/data/`. */
  prefix: string;
}

/** Default `max_score` of `data/secret` of a scoring problem (Kattis 2025-09). */
const DEFAULT_SECRET_MAX_SCORE = 100;

/**
 * Decides the test cases and test groups of a problem from the file list of its `data/` folder
 * (paths relative to `data/`) and its parsed group files keyed by folder (`''` = data/ itself,
 * `secret`, `secret/group1`). Test cases are ordered by name (code-point order), samples first
 * since `sample` < `secret`. Throws PackageError when there is no secret data, an `.in` has no
 * `.ans` (non-interactive), or an `.ans` has no `.in`.
 */
export function planTestdata(files: readonly string[], configs: ReadonlyMap<string, TestGroupConfig>, options: PlanOptions): TestdataPlan {
  const { prefix } = options;
  const fileSet = new Set(files);
  const warnings: string[] = [];
  const testcases: PlannedTestcase[] = [];
  const ignoredTop = new Set<string>();

  for (const file of files) {
    const top = file.split('/')[0] ?? '';
    const isCaseFile = file.endsWith('.in') || file.endsWith('.ans');
    if (top !== 'sample' && top !== 'secret') {
      if (file.includes('/') && isCaseFile) ignoredTop.add(top);
      continue;
    }
    if (file.includes('.files/')) continue;
    if (file.endsWith('.ans')) {
      const base = file.slice(0, -'.ans'.length);
      if (!fileSet.has(`${base}.in`)) throw new PackageError(`${prefix}${file}`, 'has no matching .in file');
      continue;
    }
    if (!file.endsWith('.in')) continue;
    const name = file.slice(0, -'.in'.length);
    let answerPath: string | null = `${name}.ans`;
    if (!fileSet.has(answerPath)) {
      if (!options.interactive) throw new PackageError(`${prefix}${file}`, 'has no matching .ans file');
      answerPath = null;
    }
    const slash = name.lastIndexOf('/');
    const dir = name.slice(0, slash + 1);
    const extras: PlannedTestcase['extras'] = [];
    for (const ext of ['.args', '.interaction']) {
      if (fileSet.has(name + ext)) extras.push({ path: (name + ext).slice(dir.length), file: name + ext });
    }
    const filesDir = `${name}.files/`;
    for (const f of files) if (f.startsWith(filesDir)) extras.push({ path: f.slice(dir.length), file: f });
    testcases.push({ name, isSample: top === 'sample', inputPath: file, answerPath, extras });
  }
  for (const top of ignoredTop) warnings.push(`${prefix}${top}/ is neither sample/ nor secret/: its files were ignored`);

  testcases.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!testcases.some((t) => !t.isSample)) {
    throw new PackageError(`${prefix}secret`, 'is missing or has no test cases (every problem needs secret test data: .in and .ans files)');
  }

  const groups = options.scoring ? planGroups(testcases, configs) : [];
  const flags = configs.get('')?.validatorFlags ?? configs.get('secret')?.validatorFlags ?? [];
  return { testcases, groups, validatorFlags: flags, warnings };
}

function planGroups(testcases: readonly PlannedTestcase[], configs: ReadonlyMap<string, TestGroupConfig>): JudgeTestGroup[] {
  const paths = new Set<string>(['secret']);
  for (const t of testcases) {
    if (t.isSample) continue;
    const parts = t.name.split('/');
    for (let i = 2; i < parts.length; i++) paths.add(parts.slice(0, i).join('/'));
  }
  const sorted = [...paths].sort();
  const groups = new Map<string, JudgeTestGroup>();
  // Children first, so a parent without max_score can sum its children's.
  for (const path of [...sorted].reverse()) {
    const config = configs.get(path);
    const children = [...groups.values()].filter((g) => g.path.startsWith(`${path}/`) && !g.path.slice(path.length + 1).includes('/'));
    let maxScore: number | null;
    if (config?.maxScore !== undefined) maxScore = config.maxScore;
    else if (children.length > 0 && children.every((c) => c.maxScore !== null)) maxScore = children.reduce((sum, c) => sum + (c.maxScore ?? 0), 0);
    else maxScore = path === 'secret' ? DEFAULT_SECRET_MAX_SCORE : null;
    const group: JudgeTestGroup = {
      path,
      maxScore,
      aggregation: config?.aggregation ?? 'sum',
      requirePass: config?.requirePass ?? [],
    };
    if (config?.acceptScore !== undefined) group.acceptScore = config.acceptScore;
    groups.set(path, group);
  }
  return sorted.map((p) => groups.get(p) as JudgeTestGroup);
}
