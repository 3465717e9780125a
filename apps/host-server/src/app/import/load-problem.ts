import { Problem, type HashedFile } from '@arena/protocol';
import type { BlobStore } from '../../adapters/blobs/blob-store';
import { PackageError } from '../../domain/kattis/package-error';
import { parseProblemMetadata, preferredName, type ProblemMetadata } from '../../domain/kattis/problem-metadata';
import type { ProblemListEntry } from '../../domain/kattis/problem-list';
import { parseTestGroupConfig, type TestGroupConfig } from '../../domain/kattis/test-group-config';
import { planTestdata } from '../../domain/kattis/testdata-plan';
import { ProblemSpec } from '../../domain/problems/problem-spec';
import type { HostConfig } from '../host-config';
import { loadStatements, type LoadedProblemFile, type LoadedStatement } from './load-statements';
import { mimeTypeOf } from './mime-types';
import { listPackageFiles, parseStructured, readPackageFile, type PackageDir } from './package-files';
import { problemFileUrl } from './problem-urls';

export interface LoadedTestcase {
  id: string;
  ordinal: number;
  name: string;
  isSample: boolean;
  inputSha256: string;
  answerSha256: string;
  extra: HashedFile[];
}

/** A problem package fully read and checked; its files are already in the blob store. */
export interface LoadedProblem {
  id: string;
  ordinal: number;
  data: Problem;
  spec: ProblemSpec;
  testcases: LoadedTestcase[];
  statements: LoadedStatement[];
  files: LoadedProblemFile[];
  warnings: string[];
}

/** Kattis defaults for the output validator when the package gives none. */
const DEFAULT_VALIDATION_TIME_S = 60;
const DEFAULT_VALIDATION_MEMORY_MB = 2048;
const MB = 1024 * 1024;

/**
 * Reads one Kattis problem package (legacy-icpc or 2025-09) from `dir`: metadata, limits,
 * validation and validator sources, test data and groups, statements (rendered), attachments.
 * Stores every file's bytes in the blob store (content-addressed, so harmless if the import is
 * later rejected) and returns rows to write. Throws PackageError naming the file on any problem.
 */
export function loadProblem(input: {
  blobs: BlobStore; config: HostConfig; contestId: string; entry: ProblemListEntry; ordinal: number; dir: PackageDir; boundary: string;
}): LoadedProblem {
  const { blobs, config, contestId, entry, ordinal, dir } = input;
  const files = listPackageFiles(dir, input.boundary);
  const fileSet = new Set(files);
  const warnings: string[] = [];
  const shown = (rel: string): string => dir.display + rel;

  const yamlName = ['problem.yaml', 'problem.yml'].find((n) => fileSet.has(n));
  if (!yamlName) throw new PackageError(shown('problem.yaml'), 'is missing (is this a Kattis problem package?)');
  const meta = parseProblemMetadata(parseStructured(readPackageFile(dir, yamlName).toString('utf8'), shown(yamlName)), shown(yamlName));

  const { validation, validator } = loadValidator(blobs, dir, files, meta, warnings);
  const inputValidators = storeFolder(blobs, dir, files, ['input_validators/', 'input_format_validators/']);

  // Test data.
  const dataFiles = files.filter((f) => f.startsWith('data/')).map((f) => f.slice('data/'.length));
  const configs = new Map<string, TestGroupConfig>();
  for (const f of dataFiles) {
    const match = /^(?:(.*)\/)?(test_group|testdata)\.ya?ml$/.exec(f);
    if (!match) continue;
    const key = match[1] ?? '';
    if (configs.has(key) && match[2] === 'testdata') continue; // test_group.yaml wins over legacy testdata.yaml
    configs.set(key, parseTestGroupConfig(parseStructured(readPackageFile(dir, `data/${f}`).toString('utf8'), shown(`data/${f}`)), shown(`data/${f}`)));
  }
  const plan = planTestdata(dataFiles, configs, { scoring: meta.type === 'scoring', interactive: meta.interactive, prefix: shown('data/') });
  warnings.push(...plan.warnings);
  const emptySha = blobs.put(Buffer.alloc(0));
  const testcases: LoadedTestcase[] = plan.testcases.map((t, index) => ({
    id: String(index + 1),
    ordinal: index + 1,
    name: t.name,
    isSample: t.isSample,
    inputSha256: blobs.put(readPackageFile(dir, `data/${t.inputPath}`)),
    answerSha256: t.answerPath === null ? emptySha : blobs.put(readPackageFile(dir, `data/${t.answerPath}`)),
    extra: t.extras.map((e) => ({ path: e.path, sha256: blobs.put(readPackageFile(dir, `data/${e.file}`)) })),
  }));

  // Limits: the package's time limit wins, then problems.yaml, then the host default.
  let timeLimitS = meta.limits.timeLimitS ?? entry.timeLimitS;
  if (meta.limits.timeLimitS !== null && entry.timeLimitS !== null && meta.limits.timeLimitS !== entry.timeLimitS) {
    warnings.push(`${shown(yamlName)}: limits.time_limit ${meta.limits.timeLimitS} s is used; problems.yaml says ${entry.timeLimitS} s`);
  }
  if (timeLimitS === null) {
    timeLimitS = config.judging.defaultTimeLimitS;
    warnings.push(`${dir.display}: no time limit in the package or problems.yaml: used the default ${timeLimitS} s`);
  }

  const statementResult = loadStatements({ blobs, dir, files, contestId, problemId: entry.id, warnings });
  const attachments: LoadedProblemFile[] = files.filter((f) => f.startsWith('attachments/')).map((f) => {
    const path = f.slice('attachments/'.length);
    return { kind: 'attachment', path, sha256: blobs.put(readPackageFile(dir, f)), mime: mimeTypeOf(path) };
  });

  const spec = ProblemSpec.parse({
    format: meta.format,
    type: meta.type,
    timeLimitMs: Math.round(timeLimitS * 1000),
    memoryLimitBytes: Math.round((meta.limits.memoryMb ?? config.judging.defaultMemoryLimitMb) * MB),
    outputLimitBytes: Math.round((meta.limits.outputMb ?? config.judging.defaultOutputLimitMb) * MB),
    compileTimeLimitMs: Math.round((meta.limits.compilationTimeS ?? config.judging.compileTimeLimitS) * 1000),
    validatorTimeLimitMs: Math.round((meta.limits.validationTimeS ?? DEFAULT_VALIDATION_TIME_S) * 1000),
    validatorMemoryLimitBytes: Math.round((meta.limits.validationMemoryMb ?? DEFAULT_VALIDATION_MEMORY_MB) * MB),
    validation,
    validatorFlags: meta.validatorFlags.length > 0 ? meta.validatorFlags : plan.validatorFlags,
    validator,
    inputValidators,
    testGroups: plan.groups,
    warnings,
  });

  const pdfRefs = statementResult.files.filter((f) => f.kind === 'statement-pdf')
    .map((f) => ({ href: problemFileUrl(contestId, entry.id, 'statement', f.path), mime: f.mime, filename: `${entry.id}-${f.path}` }));
  const data = Problem.parse({
    id: entry.id,
    label: entry.label,
    name: entry.name ?? preferredName(meta.names) ?? entry.id,
    ordinal,
    ...(entry.rgb ? { rgb: entry.rgb } : {}),
    ...(entry.color ? { color: entry.color } : {}),
    time_limit: timeLimitS,
    test_data_count: testcases.length,
    ...(meta.type === 'scoring' ? { max_score: plan.groups.find((g) => g.path === 'secret')?.maxScore ?? undefined } : {}),
    ...(pdfRefs.length > 0 ? { statement: pdfRefs } : {}),
    ...(attachments.length > 0 ? {
      attachments: attachments.map((a) => ({ href: problemFileUrl(contestId, entry.id, 'attachments', a.path), mime: a.mime, filename: a.path })),
    } : {}),
  });

  return { id: entry.id, ordinal, data, spec, testcases, statements: statementResult.statements, files: [...statementResult.files, ...attachments], warnings };
}

/**
 * Decides the validation mode and collects the output validator's files. 2025-09 uses
 * `output_validator/`; legacy uses `output_validators/<name>/` (exactly one) or files directly in
 * `output_validators/`. Custom validation without a validator is an error.
 */
function loadValidator(blobs: BlobStore, dir: PackageDir, files: readonly string[], meta: ProblemMetadata, warnings: string[]): {
  validation: 'default' | 'custom' | 'custom-interactive'; validator: HashedFile[];
} {
  let folder: string | null = null;
  if (files.some((f) => f.startsWith('output_validator/'))) folder = 'output_validator/';
  else if (files.some((f) => f.startsWith('output_validators/'))) {
    const inside = files.filter((f) => f.startsWith('output_validators/')).map((f) => f.slice('output_validators/'.length));
    const subdirs = new Set(inside.filter((f) => f.includes('/')).map((f) => f.split('/')[0] as string));
    if (subdirs.size > 1) throw new PackageError(`${dir.display}output_validators/`, `holds ${subdirs.size} validators (${[...subdirs].join(', ')}); Arena needs exactly one`);
    folder = subdirs.size === 1 && inside.every((f) => f.includes('/')) ? `output_validators/${[...subdirs][0]}/` : 'output_validators/';
  }
  const validator = folder === null ? [] : storeFolder(blobs, dir, files, [folder]);
  const mode = meta.validation ?? (validator.length > 0 ? 'custom' : 'default');
  if ((mode === 'custom' || meta.interactive) && validator.length === 0) {
    const expected = meta.format === '2025-09' ? 'output_validator/' : 'output_validators/<name>/';
    throw new PackageError(`${dir.display}problem.yaml`, `${meta.interactive ? 'an interactive problem' : 'custom validation'} needs an output validator in ${expected}, but there is none`);
  }
  if (mode === 'default' && validator.length > 0) {
    warnings.push(`${dir.display}${folder ?? ''}: validation is default, so this output validator is not used`);
    return { validation: 'default', validator: [] };
  }
  return { validation: mode === 'default' ? 'default' : meta.interactive ? 'custom-interactive' : 'custom', validator };
}

/** Stores every file under the first of `folders` that has any, with paths relative to it. */
function storeFolder(blobs: BlobStore, dir: PackageDir, files: readonly string[], folders: readonly string[]): HashedFile[] {
  for (const folder of folders) {
    const inside = files.filter((f) => f.startsWith(folder));
    if (inside.length === 0) continue;
    return inside.map((f) => {
      const path = f.slice(folder.length);
      if (path.length > 255) throw new PackageError(dir.display + f, 'path is longer than 255 characters');
      return { path, sha256: blobs.put(readPackageFile(dir, f)) };
    });
  }
  return [];
}
