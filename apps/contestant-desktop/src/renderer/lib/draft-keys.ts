import type { DraftKey } from '../../shared/bridge';

const PREFIX = 'arena-draft:';

/**
 * The storage key of one editor buffer (a problem and a language of a contest). Each part is
 * URI-encoded so that ids containing `:` cannot collide. Inverse: `parseDraftStorageKey`.
 */
export function draftStorageKey(key: DraftKey): string {
  return `${PREFIX}${[key.contestId, key.problemId, key.languageId].map(encodeURIComponent).join(':')}`;
}

/** The draft key of a storage key made by `draftStorageKey`; null for any other string. */
export function parseDraftStorageKey(storageKey: string): DraftKey | null {
  if (!storageKey.startsWith(PREFIX)) return null;
  const parts = storageKey.slice(PREFIX.length).split(':');
  if (parts.length !== 3 || parts.some((p) => p === '')) return null;
  const [contestId, problemId, languageId] = parts.map(decodeURIComponent) as [string, string, string];
  return { contestId, problemId, languageId };
}

/** The language facts the file name depends on (a CLICS language object has them). */
export interface FilenameLanguage {
  id: string;
  extensions: readonly string[];
  entry_point_required?: boolean | undefined;
}

/** Class name Java/Kotlin entry points get when the language needs one. */
export const ENTRY_POINT_CLASS = 'Main';

/**
 * The file name an editor buffer is submitted as: `Main.<ext>` when the language needs an entry
 * point (Java: the public class must match the file), otherwise the problem id with the
 * language's first extension (`hello.cpp`). Always a plain name the host accepts.
 */
export function sourceFilename(problemId: string, language: FilenameLanguage): string {
  const ext = (language.extensions[0] ?? language.id).replace(/^\./, '').replace(/[^A-Za-z0-9]/g, '') || 'txt';
  const base = language.entry_point_required ? ENTRY_POINT_CLASS : problemId.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z0-9_]/, '_');
  return `${base}.${ext}`;
}

/** Monaco's language id for a CLICS language id (`python3` → `python`); plaintext if unknown. */
export function monacoLanguageOf(languageId: string): string {
  const id = languageId.toLowerCase();
  if (id === 'c') return 'c';
  if (id === 'cpp' || id === 'c++' || id.startsWith('cpp') || id.startsWith('gpp')) return 'cpp';
  if (id.startsWith('python') || id === 'py' || id.startsWith('pypy')) return 'python';
  if (id === 'java') return 'java';
  if (id === 'kotlin' || id === 'kt') return 'kotlin';
  if (id === 'javascript' || id === 'js' || id === 'node' || id === 'nodejs') return 'javascript';
  if (id === 'rust' || id === 'rs') return 'rust';
  if (id === 'go' || id === 'golang') return 'go';
  if (id === 'csharp' || id === 'cs') return 'csharp';
  return 'plaintext';
}
