/**
 * Reads a Kattis problem package DIRECTORY (formats `legacy-icpc` and `2025-09`) into what the
 * local judge tools need. Files are a boundary: problem.yaml and test_group.yaml are parsed with
 * zod, and anything malformed is a `ProblemPackageError` naming the file and the field.
 *
 * Supported: problem.yaml (`name`, `type`, `validation`, `validator_flags`, `limits`),
 * data/sample and data/secret recursively (`.in` + `.ans`; a missing `.ans` reads as empty),
 * test groups (`test_group.yaml`: max_score, score_aggregation, require_pass, accept_score;
 * legacy `testdata.yaml`: accept_score, grader_flags sum/min), `output_validator_args` in
 * data/test_group.yaml or data/testdata.yaml (whole problem only), output_validators/<name>/
 * (legacy) or output_validator/ (2025-09).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { JudgeTestGroup, Validation } from '@arena/protocol';
import { compareDataPaths } from '../domain/aggregate-score';

export class ProblemPackageError extends Error {}

const MIB = 1048576;

export interface PackageTestcase {
  /** Path under data/ without extension, e.g. `secret/group1/03`. */
  name: string;
  inputPath: string;
  /** The `.ans` file, or null when the package has none for this case. */
  answerPath: string | null;
  isSample: boolean;
}

export interface ProblemPackage {
  dir: string;
  format: 'legacy-icpc' | '2025-09';
  name: string;
  scoring: 'pass-fail' | 'score';
  validation: Validation;
  validatorFlags: string[];
  /** From the package (2025-09 `limits.time_limit`); null when it must be derived or given. */
  timeLimitMs: number | null;
  timeMultiplier: number;
  timeSafetyMargin: number;
  memoryLimitBytes: number;
  outputLimitBytes: number;
  compileTimeLimitMs: number;
  validatorTimeLimitMs: number;
  validatorMemoryLimitBytes: number;
  testcases: PackageTestcase[];
  testGroups: JudgeTestGroup[];
  /** Output validator source files (path relative to the validator's folder). */
  validatorFiles: Array<{ path: string; hostPath: string }>;
}

const positive = z.coerce.number().positive();

const ProblemYaml = z.object({
  problem_format_version: z.string().optional(),
  name: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  validation: z.string().optional(),
  validator_flags: z.union([z.string(), z.array(z.string())]).optional(),
  limits: z.object({
    time_limit: positive.optional(),
    time_multiplier: positive.optional(),
    time_safety_margin: positive.optional(),
    time_multipliers: z.object({ ac_to_time_limit: positive.optional(), time_limit_to_tle: positive.optional() }).partial().optional(),
    memory: positive.optional(),
    output: positive.optional(),
    compilation_time: positive.optional(),
    validation_time: positive.optional(),
    validation_memory: positive.optional(),
  }).partial().passthrough().optional(),
}).passthrough();

const GroupYaml = z.object({
  max_score: z.union([z.number().nonnegative(), z.literal('unbounded')]).optional(),
  score_aggregation: z.enum(['pass-fail', 'sum', 'min']).optional(),
  require_pass: z.union([z.string(), z.array(z.string())]).optional(),
  accept_score: z.coerce.number().optional(),
  grader_flags: z.string().optional(),
  output_validator_args: z.union([z.string(), z.array(z.string())]).optional(),
}).passthrough();
type GroupYaml = z.infer<typeof GroupYaml>;

async function readYaml<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ProblemPackageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new ProblemPackageError(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProblemPackageError(`${path}: ${issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

/** Every regular file under `dir`, as paths relative to it, in name order. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(relative(dir, full));
    }
  }
  await walk(dir);
  return out.sort(compareDataPaths);
}

function splitFlags(flags: string | string[] | undefined): string[] {
  if (flags === undefined) return [];
  return Array.isArray(flags) ? flags : flags.split(/\s+/).filter((flag) => flag !== '');
}

function typeList(type: string | string[] | undefined): string[] {
  if (type === undefined) return [];
  return (Array.isArray(type) ? type : type.split(/\s+/)).filter((item) => item !== '');
}

/** Loads the package in `dir`; throws ProblemPackageError on anything it cannot use. */
export async function loadProblemPackage(dir: string): Promise<ProblemPackage> {
  if (!(await isDirectory(dir))) throw new ProblemPackageError(`${dir} is not a directory`);
  const yaml = await readYaml(join(dir, 'problem.yaml'), ProblemYaml);
  if (yaml === null) throw new ProblemPackageError(`${dir} has no problem.yaml: is it a Kattis problem package?`);
  const format = yaml.problem_format_version === undefined || yaml.problem_format_version === 'legacy' || yaml.problem_format_version === 'legacy-icpc' ? 'legacy-icpc' : '2025-09';
  const types = typeList(yaml.type);
  const validationWords = (yaml.validation ?? 'default').split(/\s+/);
  const hasNewValidator = await isDirectory(join(dir, 'output_validator'));
  const interactive = types.includes('interactive') || validationWords.includes('interactive');
  const custom = validationWords.includes('custom') || hasNewValidator || interactive;
  const validation: Validation = interactive ? 'custom-interactive' : custom ? 'custom' : 'default';
  const scoring = types.includes('scoring') || validationWords.includes('score') ? 'score' : 'pass-fail';

  const rootGroup = (await readYaml(join(dir, 'data', 'test_group.yaml'), GroupYaml)) ?? (await readYaml(join(dir, 'data', 'testdata.yaml'), GroupYaml));
  const validatorFlags = yaml.validator_flags !== undefined ? splitFlags(yaml.validator_flags) : splitFlags(rootGroup?.output_validator_args);

  const limits = yaml.limits ?? {};
  const testcases = await findTestcases(dir);
  if (testcases.length === 0) throw new ProblemPackageError(`${dir}/data has no test cases (.in files under data/sample or data/secret)`);
  const validatorFiles = validation === 'default' ? [] : await findValidator(dir);
  if (validation !== 'default' && validatorFiles.length === 0) {
    throw new ProblemPackageError(`${dir} uses ${validation} validation but has no output_validators/<name>/ or output_validator/`);
  }
  return {
    dir,
    format,
    name: typeof yaml.name === 'string' ? yaml.name : (yaml.name?.en ?? Object.values(yaml.name ?? {})[0] ?? dir),
    scoring,
    validation,
    validatorFlags,
    timeLimitMs: limits.time_limit === undefined ? null : Math.round(limits.time_limit * 1000),
    timeMultiplier: limits.time_multipliers?.ac_to_time_limit ?? limits.time_multiplier ?? (format === '2025-09' ? 2 : 5),
    timeSafetyMargin: limits.time_multipliers?.time_limit_to_tle ?? limits.time_safety_margin ?? (format === '2025-09' ? 1.5 : 2),
    memoryLimitBytes: Math.round((limits.memory ?? 2048) * MIB),
    outputLimitBytes: Math.round((limits.output ?? 8) * MIB),
    compileTimeLimitMs: Math.round((limits.compilation_time ?? 60) * 1000),
    validatorTimeLimitMs: Math.round((limits.validation_time ?? 60) * 1000),
    validatorMemoryLimitBytes: Math.round((limits.validation_memory ?? 2048) * MIB),
    testcases,
    testGroups: scoring === 'score' ? await findTestGroups(dir) : [],
    validatorFiles,
  };
}

async function findTestcases(dir: string): Promise<PackageTestcase[]> {
  const dataDir = join(dir, 'data');
  const testcases: PackageTestcase[] = [];
  for (const part of ['sample', 'secret']) {
    if (!(await isDirectory(join(dataDir, part)))) continue;
    for (const file of await listFiles(join(dataDir, part))) {
      if (!file.endsWith('.in')) continue;
      const name = `${part}/${file.slice(0, -'.in'.length)}`;
      const answerPath = join(dataDir, `${name}.ans`);
      testcases.push({ name, inputPath: join(dataDir, part, file), answerPath: (await isFile(answerPath)) ? answerPath : null, isSample: part === 'sample' });
    }
  }
  return testcases.sort((a, b) => compareDataPaths(a.name, b.name));
}

async function findTestGroups(dir: string): Promise<JudgeTestGroup[]> {
  const dataDir = join(dir, 'data');
  const groups: JudgeTestGroup[] = [];
  const candidates = ['secret', ...(await listDirectories(join(dataDir, 'secret'))).map((sub) => `secret/${sub}`)];
  for (const path of candidates) {
    const config = (await readYaml(join(dataDir, path, 'test_group.yaml'), GroupYaml)) ?? (await readYaml(join(dataDir, path, 'testdata.yaml'), GroupYaml));
    if (config === null) continue;
    groups.push(toJudgeGroup(path, config));
  }
  return groups;
}

function toJudgeGroup(path: string, config: GroupYaml): JudgeTestGroup {
  const legacyAggregation = config.grader_flags?.split(/\s+/).find((flag) => flag === 'sum' || flag === 'min');
  const requirePass = config.require_pass === undefined ? [] : Array.isArray(config.require_pass) ? config.require_pass : [config.require_pass];
  return {
    path,
    maxScore: typeof config.max_score === 'number' ? config.max_score : null,
    aggregation: config.score_aggregation ?? (legacyAggregation === 'min' ? 'min' : 'sum'),
    requirePass,
    ...(config.accept_score !== undefined ? { acceptScore: config.accept_score } : {}),
  };
}

async function listDirectories(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      out.push(relative(dir, join(current, entry.name)));
      await walk(join(current, entry.name));
    }
  }
  await walk(dir);
  return out.sort(compareDataPaths);
}

async function findValidator(dir: string): Promise<Array<{ path: string; hostPath: string }>> {
  let root = join(dir, 'output_validator');
  if (!(await isDirectory(root))) {
    const legacy = join(dir, 'output_validators');
    if (!(await isDirectory(legacy))) return [];
    const entries = (await readdir(legacy, { withFileTypes: true })).sort((a, b) => compareDataPaths(a.name, b.name));
    const folder = entries.find((entry) => entry.isDirectory());
    if (folder === undefined) {
      return entries.filter((entry) => entry.isFile()).map((entry) => ({ path: entry.name, hostPath: join(legacy, entry.name) }));
    }
    root = join(legacy, folder.name);
  }
  return (await listFiles(root)).map((path) => ({ path, hostPath: join(root, path) }));
}
