import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Draft, DraftKey } from '../shared/bridge';
import { DraftKeySchema, MAX_DRAFT_TEXT_CHARS } from '../shared/ipc-schemas';
import { contestDirectoryName, draftRelativePath, isDraftFileName } from './draft-file-names';

/** A draft file larger than this is not read (it cannot be ours: 256 Ki chars, at most 6 bytes each once JSON-escaped). */
const MAX_DRAFT_FILE_BYTES = 6 * MAX_DRAFT_TEXT_CHARS + 4096;

const DraftFile = DraftKeySchema.extend({
  format: z.literal(1),
  text: z.string().max(MAX_DRAFT_TEXT_CHARS),
  savedMs: z.number().int().nonnegative(),
}).strict();

export interface DraftStore {
  /** Writes atomically (temp file, fsync, rename, fsync of the folder); resolves once durable. */
  save(key: DraftKey, text: string): Promise<void>;
  /** The draft, or null when there is none (or its file is unreadable/corrupt: never throws for that). */
  load(key: DraftKey): Promise<Draft | null>;
  /** Every readable draft of one contest, most recently saved first. */
  list(contestId: string): Promise<Draft[]>;
}

/**
 * One file per (contest, problem, language) under `root` (the app's `userData/drafts`). Keys
 * are validated by `draftRelativePath` (bad ids throw before any file is touched); texts over
 * the limit are refused. `nowMs` is the clock (passed in for tests).
 */
export function createDraftStore(root: string, nowMs: () => number = Date.now): DraftStore {
  return {
    async save(key, text) {
      const { directory, fileName } = draftRelativePath(key);
      if (text.length > MAX_DRAFT_TEXT_CHARS) throw new Error('drafts are limited to 256 KiB');
      const folder = join(root, directory);
      await mkdir(folder, { recursive: true });
      const body = JSON.stringify({ format: 1, contestId: key.contestId, problemId: key.problemId, languageId: key.languageId, text, savedMs: nowMs() });
      const target = join(folder, fileName);
      const temp = join(folder, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(body, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      await syncDirectory(folder);
    },

    async load(key) {
      const { directory, fileName } = draftRelativePath(key);
      const draft = await readDraft(join(root, directory, fileName));
      if (draft === null) return null;
      // A file renamed by hand into another key's place is not that key's draft.
      if (draft.contestId !== key.contestId || draft.problemId !== key.problemId || draft.languageId !== key.languageId) return null;
      return draft;
    },

    async list(contestId) {
      const folder = join(root, contestDirectoryName(contestId));
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const drafts = await Promise.all(names.filter(isDraftFileName).map(async (name) => {
        const draft = await readDraft(join(folder, name));
        // Only a file in its own key's place counts (not one copied or renamed by hand).
        return draft !== null && draft.contestId === contestId && draftRelativePath(draft).fileName === name ? draft : null;
      }));
      return drafts.filter((d): d is Draft => d !== null).sort((a, b) => b.savedMs - a.savedMs);
    },
  };
}

async function readDraft(path: string): Promise<Draft | null> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_DRAFT_FILE_BYTES) return null;
    const parsed = DraftFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (!parsed.success) return null;
    const { contestId, problemId, languageId, text, savedMs } = parsed.data;
    return { contestId, problemId, languageId, text, savedMs };
  } catch {
    return null;
  }
}

/** Makes the rename durable. Windows cannot open a folder for fsync; there the rename is as durable as NTFS makes it. */
async function syncDirectory(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
