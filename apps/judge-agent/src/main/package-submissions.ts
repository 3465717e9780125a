/**
 * The example submissions of a problem package: `submissions/<folder>/<file or directory>`,
 * each with the verdict its folder promises — or, in 2025-09 packages, what
 * `submissions/submissions.yaml` says for it (supported keys: `permitted`, `required`, `score`,
 * `language`, `entrypoint`; keys of the file are submission paths or globs with `*`, relative to
 * submissions/, and a later matching entry overrides an earlier one).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { VerdictId } from '@arena/protocol';
import { compareDataPaths } from '../domain/aggregate-score';
import { findLanguage, languageForFile, type LanguageDefinition } from '../languages/languages';
import { listFiles, ProblemPackageError } from './problem-package';

/** Folder name → expected verdict (Kattis legacy and 2025-09 names). */
const EXPECTED: Readonly<Record<string, VerdictId>> = {
  accepted: 'AC',
  wrong_answer: 'WA',
  time_limit_exceeded: 'TLE',
  run_time_error: 'RTE',
  runtime_error: 'RTE',
  memory_limit_exceeded: 'MLE',
  output_limit_exceeded: 'OLE',
  compile_error: 'CE',
};

/** What a submission must get: its verdict among `permitted`, and a score in range if given. */
export interface Expectation {
  permitted: VerdictId[];
  score?: [number, number];
}

export interface PackageSubmission {
  /** Path relative to submissions/, e.g. `accepted/add.cpp`. */
  path: string;
  folder: string;
  /** null for folders without a fixed verdict (judged and reported, not checked). */
  expectation: Expectation | null;
  language: LanguageDefinition | null;
  entryPoint: string | null;
  files: Array<{ path: string; hostPath: string }>;
}

const VerdictList = z.union([VerdictId, z.array(VerdictId).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));
const SubmissionsYaml = z.record(z.string(), z.object({
  permitted: VerdictList.optional(),
  required: VerdictList.optional(),
  score: z.union([z.number(), z.tuple([z.number(), z.number()])]).optional(),
  language: z.string().optional(),
  entrypoint: z.string().optional(),
}).passthrough());
type SubmissionsYaml = z.infer<typeof SubmissionsYaml>;

export async function findPackageSubmissions(packageDir: string): Promise<PackageSubmission[]> {
  const root = join(packageDir, 'submissions');
  const overrides = await readSubmissionsYaml(join(root, 'submissions.yaml'));
  const folders = await readdir(root, { withFileTypes: true }).catch(() => []);
  const submissions: PackageSubmission[] = [];
  for (const folder of folders.filter((entry) => entry.isDirectory()).sort((a, b) => compareDataPaths(a.name, b.name))) {
    const entries = (await readdir(join(root, folder.name), { withFileTypes: true })).sort((a, b) => compareDataPaths(a.name, b.name));
    for (const entry of entries) {
      const hostPath = join(root, folder.name, entry.name);
      let files: PackageSubmission['files'];
      if (entry.isDirectory()) files = (await listFiles(hostPath)).map((path) => ({ path, hostPath: join(hostPath, path) }));
      else if (entry.isFile()) files = [{ path: entry.name, hostPath }];
      else continue;
      const path = `${folder.name}/${entry.name}`;
      const folderVerdict = EXPECTED[folder.name];
      let expectation: Expectation | null = folderVerdict === undefined ? null : { permitted: [folderVerdict] };
      let language = files.map((file) => languageForFile(file.path)).find((found) => found !== undefined) ?? null;
      let entryPoint: string | null = null;
      for (const [pattern, rule] of Object.entries(overrides)) {
        if (!matches(pattern, path)) continue;
        const permitted = rule.required ?? rule.permitted;
        if (permitted !== undefined || rule.score !== undefined) {
          expectation = {
            permitted: permitted ?? expectation?.permitted ?? [...VerdictId.options],
            ...(rule.score !== undefined ? { score: typeof rule.score === 'number' ? [rule.score, rule.score] as [number, number] : rule.score } : {}),
          };
        }
        if (rule.language !== undefined) language = findLanguage(rule.language) ?? null;
        if (rule.entrypoint !== undefined) entryPoint = rule.entrypoint;
      }
      submissions.push({ path, folder: folder.name, expectation, language, entryPoint, files });
    }
  }
  return submissions;
}

async function readSubmissionsYaml(path: string): Promise<SubmissionsYaml> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return {};
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new ProblemPackageError(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = SubmissionsYaml.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProblemPackageError(`${path}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** `pattern` names the submission itself, a folder above it, or matches it with `*` wildcards (not crossing `/`). */
function matches(pattern: string, path: string): boolean {
  const trimmed = pattern.replace(/\/+$/, '');
  if (path === trimmed || path.startsWith(`${trimmed}/`)) return true;
  if (!trimmed.includes('*')) return false;
  const regex = new RegExp(`^${trimmed.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return regex.test(path);
}
