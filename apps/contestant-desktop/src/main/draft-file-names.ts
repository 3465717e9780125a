import { Id } from '@arena/protocol';
import type { DraftKey } from '../shared/bridge';

/**
 * Where a draft lives under the drafts folder: `<hex(contestId)>/<hex(problemId)>.<hex(languageId)>.json`.
 * Ids are validated as CLICS ids first (anything else throws), then hex-encoded, so a name can
 * never contain a path separator or `..`, never collides on a case-insensitive file system
 * (`A` and `a` are different problems), and is never a reserved Windows name (`con`, `nul`…).
 * The file itself stores the key, so names need not be readable.
 */
export function draftRelativePath(key: DraftKey): { directory: string; fileName: string } {
  return { directory: contestDirectoryName(key.contestId), fileName: `${encodeId(key.problemId)}.${encodeId(key.languageId)}.json` };
}

/** The folder of one contest's drafts (relative to the drafts folder). */
export function contestDirectoryName(contestId: string): string {
  return encodeId(contestId);
}

/** True for the names `draftRelativePath` produces (used to skip temp files and strays when listing). */
export function isDraftFileName(name: string): boolean {
  return /^(?:[0-9a-f]{2})+\.(?:[0-9a-f]{2})+\.json$/.test(name);
}

function encodeId(id: string): string {
  const parsed = Id.safeParse(id);
  if (!parsed.success) throw new Error(`not a valid id: ${JSON.stringify(id).slice(0, 80)}`);
  return Buffer.from(parsed.data, 'utf8').toString('hex');
}
