/**
 * Whether a language can be offered on this machine: every executable it `requires` must be in
 * the sandbox's PATH (/usr/bin or /bin — the sandbox sees only /usr). A compiler elsewhere (e.g.
 * ~/.cargo/bin) does not count: programs in the sandbox could not run it.
 */
import { statSync } from 'node:fs';
import { LANGUAGES, type LanguageDefinition } from '../languages/languages';

const SANDBOX_PATH = ['/usr/bin', '/bin'];

function isExecutable(path: string): boolean {
  try {
    const info = statSync(path);
    return info.isFile() && (info.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Executables of `language` that are missing from the sandbox PATH (empty = available). */
export function missingExecutables(language: LanguageDefinition): string[] {
  return language.requires.filter((name) => !SANDBOX_PATH.some((dir) => isExecutable(`${dir}/${name}`)));
}

export function availableLanguages(): LanguageDefinition[] {
  return LANGUAGES.filter((language) => missingExecutables(language).length === 0);
}
