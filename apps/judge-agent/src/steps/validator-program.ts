import { findLanguage, type LanguageDefinition } from '../languages/languages';
import type { Sandbox } from '../sandbox/sandbox';
import { compileProgram, type ProgramSource } from './compile-program';

/** Languages an output validator may be written in, by preference when files of several are present. */
const VALIDATOR_LANGUAGES = ['cpp', 'c', 'python3'] as const;
const MAX_ARTIFACT_BYTES = 512 * 1048576;

/** A built output validator: the files to put in a fresh box and the argv that runs it there. */
export interface ValidatorBuild {
  language: LanguageDefinition;
  files: Array<{ path: string; content: Buffer; mode: number }>;
  argv: string[];
}

export type ValidatorBuildResult = { ok: true; build: ValidatorBuild } | { ok: false; internalError: string };

/** The validator's language from its files' extensions (C++, then C, then Python), or null. */
export function validatorLanguage(paths: readonly string[]): LanguageDefinition | null {
  for (const id of VALIDATOR_LANGUAGES) {
    const language = findLanguage(id);
    if (language !== undefined && paths.some((path) => language.extensions.some((extension) => path.endsWith(`.${extension}`)))) return language;
  }
  return null;
}

/**
 * Compiles an output validator (C/C++/Python, language from the file extensions) in its own
 * sandbox box and keeps what running it needs. The validator is jury code: a compile error is a
 * judging error (`ok: false`), never the team's verdict.
 */
export async function buildValidator(sandbox: Sandbox, sources: readonly ProgramSource[], compileTimeLimitMs: number, memoryLimitBytes: number): Promise<ValidatorBuildResult> {
  const language = validatorLanguage(sources.map((source) => source.path));
  if (language === null) return { ok: false, internalError: `output validator: no C, C++ or Python source among ${sources.map((s) => s.path).join(', ') || 'no files'}` };
  const ordered = [...sources].sort((a, b) => mainRank(a.path) - mainRank(b.path));
  let box;
  try {
    box = await sandbox.createBox();
  } catch (error) {
    return { ok: false, internalError: `output validator: could not create a box: ${(error as Error).message}` };
  }
  try {
    const compiled = await compileProgram(box, language, ordered, { entryPoint: null, compileTimeLimitMs, runMemoryLimitBytes: memoryLimitBytes });
    if (!compiled.ok) return { ok: false, internalError: `output validator: ${compiled.internalError}` };
    if (!compiled.compiled) return { ok: false, internalError: `output validator does not compile:\n${compiled.output.slice(0, 3000)}` };
    const artifactPaths = language.compile !== null && language.id !== 'python3' ? ['solution'] : ordered.map((source) => source.path);
    const files: ValidatorBuild['files'] = [];
    for (const path of artifactPaths) {
      const content = await box.readFile(path, MAX_ARTIFACT_BYTES);
      if (content === null) return { ok: false, internalError: `output validator: the compiler produced no ${path}` };
      files.push({ path, content, mode: path === 'solution' ? 0o755 : 0o644 });
    }
    return { ok: true, build: { language, files, argv: compiled.program.argv } };
  } catch (error) {
    return { ok: false, internalError: `output validator: ${(error as Error).message}` };
  } finally {
    await box.destroy().catch(() => undefined);
  }
}

/** Likely main files first: `validator.*`, `main.*`, then the rest in name order. */
function mainRank(path: string): number {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base.startsWith('validator.') || (base.startsWith('validate.') && !base.endsWith('.h'))) return 0;
  if (base.startsWith('main.')) return 1;
  return 2;
}

/**
 * Builds each distinct validator once per process (keyed by its files' hashes) and shares the
 * result; a failed build is not kept, so the next job retries it.
 */
export function createValidatorCache(): { get(key: string, build: () => Promise<ValidatorBuildResult>): Promise<ValidatorBuildResult> } {
  const builds = new Map<string, Promise<ValidatorBuildResult>>();
  return {
    get(key, build) {
      const existing = builds.get(key);
      if (existing !== undefined) return existing;
      const pending = build().then((result) => {
        if (!result.ok) builds.delete(key);
        return result;
      }, (error: unknown) => {
        builds.delete(key);
        return { ok: false as const, internalError: `output validator: ${(error as Error).message}` };
      });
      builds.set(key, pending);
      return pending;
    },
  };
}
