import { PackageError } from './package-error';
import { expectObject, isPlainObject, optionalPositiveNumber, pick, stringList } from './yaml-values';

export type PackageFormat = 'legacy-icpc' | '2025-09';

/** `problem.yaml` normalised across the legacy-icpc and 2025-09 formats. Limits as given (null = absent). */
export interface ProblemMetadata {
  format: PackageFormat;
  /** Name per language (`en` for a plain string). */
  names: Record<string, string>;
  type: 'pass-fail' | 'scoring';
  interactive: boolean;
  /**
   * Legacy: what `validation` says. 2025-09: null, meaning "custom if the package has an
   * output_validator/, else default" (the importer decides, since it sees the files).
   */
  validation: 'default' | 'custom' | null;
  validatorFlags: string[];
  limits: {
    timeLimitS: number | null;
    memoryMb: number | null;
    outputMb: number | null;
    compilationTimeS: number | null;
    validationTimeS: number | null;
    validationMemoryMb: number | null;
  };
}

const LEGACY_VERSIONS = new Set(['legacy', 'legacy-icpc']);
const MODERN_VERSIONS = new Set(['2023-07-draft', '2023-07', '2025-09', 'draft']);

/**
 * Parses a Kattis `problem.yaml`. A missing `problem_format_version` means legacy-icpc. Throws
 * PackageError naming the file and key on anything Arena cannot judge as specified (unknown
 * validation, unsupported problem type, non-positive limits).
 */
export function parseProblemMetadata(raw: unknown, file: string): ProblemMetadata {
  const obj = expectObject(raw, file);
  const versionRaw = obj.problem_format_version;
  const version = versionRaw === undefined || versionRaw === null ? 'legacy' : String(versionRaw);
  let format: PackageFormat;
  if (LEGACY_VERSIONS.has(version)) format = 'legacy-icpc';
  else if (MODERN_VERSIONS.has(version)) format = '2025-09';
  else throw new PackageError(file, `problem_format_version ${JSON.stringify(version)} is not supported (use legacy-icpc or 2025-09)`);

  const names = parseNames(obj.name, file);
  let type: 'pass-fail' | 'scoring' = 'pass-fail';
  let interactive = false;
  let validation: 'default' | 'custom' | null = format === 'legacy-icpc' ? 'default' : null;

  const typeTokens = stringList(obj.type, file, 'type');
  for (const token of typeTokens) {
    if (token === 'pass-fail') continue;
    if (token === 'scoring') type = 'scoring';
    else if (token === 'interactive') interactive = true;
    else if (token === 'multi-pass' || token === 'submit-answer') throw new PackageError(file, `type ${token} is not supported by Arena`);
    else throw new PackageError(file, `type must be pass-fail, scoring or interactive (got ${JSON.stringify(token)})`);
  }
  if (typeTokens.includes('pass-fail') && type === 'scoring') throw new PackageError(file, 'type cannot be both pass-fail and scoring');

  if (obj.validation !== undefined && obj.validation !== null) {
    if (typeof obj.validation !== 'string') throw new PackageError(file, 'validation must be a string such as "default" or "custom interactive"');
    const tokens = obj.validation.trim().split(/\s+/);
    const [mode, ...modifiers] = tokens;
    if (mode !== 'default' && mode !== 'custom') {
      throw new PackageError(file, `validation must be "default" or "custom" (optionally followed by "interactive" and/or "score"); got ${JSON.stringify(obj.validation)}`);
    }
    for (const m of modifiers) {
      if (mode === 'default') throw new PackageError(file, `validation "default" takes no modifiers (got ${JSON.stringify(obj.validation)})`);
      if (m === 'interactive') interactive = true;
      else if (m === 'score') type = 'scoring';
      else throw new PackageError(file, `validation modifier ${JSON.stringify(m)} is unknown (expected interactive or score)`);
    }
    validation = mode;
  }
  if (interactive && validation === 'default') throw new PackageError(file, 'an interactive problem needs custom validation (an output validator)');

  const limitsObj = obj.limits === undefined || obj.limits === null ? {} : obj.limits;
  if (!isPlainObject(limitsObj)) throw new PackageError(file, 'limits must be a mapping');
  const flags = pick(obj, 'validator_flags', 'output_validator_flags', 'output_validator_args');

  return {
    format,
    names,
    type,
    interactive,
    validation,
    validatorFlags: flags ? stringList(flags.value, file, flags.key) : [],
    limits: {
      timeLimitS: optionalPositiveNumber(limitsObj, file, 'limits.', 'time_limit'),
      memoryMb: optionalPositiveNumber(limitsObj, file, 'limits.', 'memory'),
      outputMb: optionalPositiveNumber(limitsObj, file, 'limits.', 'output'),
      compilationTimeS: optionalPositiveNumber(limitsObj, file, 'limits.', 'compilation_time'),
      validationTimeS: optionalPositiveNumber(limitsObj, file, 'limits.', 'validation_time'),
      validationMemoryMb: optionalPositiveNumber(limitsObj, file, 'limits.', 'validation_memory'),
    },
  };
}

function parseNames(value: unknown, file: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string' || typeof value === 'number') return { en: String(value) };
  if (isPlainObject(value)) {
    const names: Record<string, string> = {};
    for (const [lang, name] of Object.entries(value)) {
      if (typeof name !== 'string') throw new PackageError(file, `name.${lang} must be a string`);
      names[lang] = name;
    }
    return names;
  }
  throw new PackageError(file, 'name must be a string or a mapping from language to string');
}

/** The name to show: English if present, else the first given. */
export function preferredName(names: Record<string, string>): string | null {
  return names.en ?? Object.values(names)[0] ?? null;
}
