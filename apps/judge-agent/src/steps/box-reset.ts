import type { BigIntStats } from 'node:fs';
import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Box } from '../sandbox/sandbox';

/** A box's files as they were before the first run of a program (after compiling). */
export interface BoxSnapshot {
  files: Map<string, { content: Buffer; mode: number; identity: string }>;
  dirs: Set<string>;
}

/** Snapshots larger than this are refused: a compile that leaves more behind is a judging error. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

function identity(info: BigIntStats): string {
  return `${info.ino}:${info.ctimeNs}:${info.size}:${info.uid}:${info.mode}`;
}

async function walk(root: string, relative: string, visit: (path: string, info: BigIntStats) => Promise<boolean>): Promise<void> {
  for (const name of await readdir(join(root, relative))) {
    const path = relative === '' ? name : `${relative}/${name}`;
    const info = await lstat(join(root, path), { bigint: true });
    const descend = await visit(path, info);
    if (descend && info.isDirectory()) await walk(root, path, visit);
  }
}

/** Records every regular file and directory of the box except those in `skip`. */
export async function snapshotBox(box: Box, skip: ReadonlySet<string>): Promise<BoxSnapshot> {
  const snapshot: BoxSnapshot = { files: new Map(), dirs: new Set() };
  let total = 0;
  await walk(box.hostDir, '', async (path, info) => {
    if (skip.has(path)) return false;
    if (info.isDirectory()) {
      snapshot.dirs.add(path);
      return true;
    }
    if (!info.isFile()) return false;
    total += Number(info.size);
    if (total > MAX_SNAPSHOT_BYTES) throw new Error(`the box holds more than ${MAX_SNAPSHOT_BYTES} bytes after compiling`);
    snapshot.files.set(path, { content: await readFile(join(box.hostDir, path)), mode: Number(info.mode) & 0o777, identity: identity(info) });
    return false;
  });
  return snapshot;
}

/**
 * Puts the box back as the snapshot recorded it, so that no file a run wrote, changed or removed
 * is seen by the next run (test cases must not share state): entries the snapshot does not know
 * are deleted, changed or missing files are rewritten. Paths in `keep` (this run's input, the
 * executable the caller restores itself) are left alone.
 */
export async function resetBox(box: Box, snapshot: BoxSnapshot, keep: ReadonlySet<string>): Promise<void> {
  const seen = new Set<string>();
  await walk(box.hostDir, '', async (path, info) => {
    if (keep.has(path)) return false;
    const hostPath = join(box.hostDir, path);
    if (info.isDirectory() && snapshot.dirs.has(path)) return true;
    const known = snapshot.files.get(path);
    if (info.isFile() && known !== undefined) {
      seen.add(path);
      if (identity(info) !== known.identity) await rewrite(box, path, known);
      return false;
    }
    await rm(hostPath, { recursive: true, force: true });
    return false;
  });
  for (const [path, file] of snapshot.files) if (!seen.has(path) && !keep.has(path)) await rewrite(box, path, file);
}

async function rewrite(box: Box, path: string, file: { content: Buffer; mode: number; identity: string }): Promise<void> {
  await rm(join(box.hostDir, path), { recursive: true, force: true });
  await box.writeFile(path, file.content, file.mode);
  file.identity = identity(await lstat(join(box.hostDir, path), { bigint: true }));
}
