/**
 * File access to a box from the judge's side (as root), safe against what a program may have
 * left in the box: symlinks to host files, FIFOs, directories in place of files, `..` paths.
 * Callers only touch a box while no run is in progress, so checks cannot be raced by the program.
 *
 * Contract: every path is relative to the box and stays inside it; writing replaces whatever
 * entry had that name (never writes through it); reading returns only regular files.
 */
import { constants, lstatSync, mkdirSync, openSync, realpathSync, unlinkSync } from 'node:fs';
import { chmod, copyFile, open, writeFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { Box } from './sandbox.js';

/** Resolves `relativePath` inside `boxDir`; throws on absolute paths and `..`. */
export function boxPath(boxDir: string, relativePath: string): string {
  const normalized = normalize(relativePath);
  if (relativePath === '' || normalized.startsWith('/') || normalized === '..' || normalized.startsWith(`..${sep}`)) {
    throw new Error(`box path must be relative and stay inside the box: "${relativePath}"`);
  }
  return join(boxDir, normalized);
}

/**
 * Creates missing parent directories of `relativePath`; throws if an existing one is not a real
 * directory inside the box. Synchronous: a handful of metadata syscalls on a tmpfs, on the run path.
 */
function prepareParent(boxDir: string, relativePath: string, create = true): void {
  const parts = normalize(relativePath).split(sep).slice(0, -1);
  let current = boxDir;
  for (const part of parts) {
    current = join(current, part);
    const info = lstatSync(current, { throwIfNoEntry: false });
    if (info === undefined && create) mkdirSync(current, { mode: 0o755 });
    else if (info === undefined) return;
    else if (!info.isDirectory()) throw new Error(`box path component is not a directory: ${current}`);
  }
  if (parts.length === 0) return;
  const real = realpathSync(join(boxDir, ...parts));
  const realBox = realpathSync(boxDir);
  if (!real.startsWith(realBox + sep)) throw new Error(`box path escapes the box: ${relativePath}`);
}

/** Removes a non-directory entry at `path` if any, so that a create cannot follow a planted link. */
function removeEntry(path: string): void {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (info === undefined) return;
  if (info.isDirectory()) throw new Error(`a directory is in the way: ${path}`);
  unlinkSync(path);
}

export async function writeBoxFile(boxDir: string, relativePath: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const path = boxPath(boxDir, relativePath);
  prepareParent(boxDir, relativePath);
  removeEntry(path);
  await writeFile(path, content, { flag: 'wx', mode });
  await chmod(path, mode);
}

export async function copyIntoBox(boxDir: string, hostPath: string, relativePath: string, mode = 0o644): Promise<void> {
  const path = boxPath(boxDir, relativePath);
  prepareParent(boxDir, relativePath);
  removeEntry(path);
  await copyFile(hostPath, path, constants.COPYFILE_EXCL);
  await chmod(path, mode);
}

/** Reads at most `maxBytes` of a regular file; null if absent or not a regular file (e.g. a symlink). */
export async function readBoxFile(boxDir: string, relativePath: string, maxBytes: number): Promise<Buffer | null> {
  const path = boxPath(boxDir, relativePath);
  prepareParent(boxDir, relativePath, false);
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (info === undefined || !info.isFile()) return null;
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) return null;
    const buffer = Buffer.alloc(Math.min(maxBytes, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Opens a fresh file in the box for a run's stdout/stderr (any old entry of that name is replaced). Returns a raw fd the caller closes. */
export function createBoxOutput(boxDir: string, relativePath: string): number {
  const path = boxPath(boxDir, relativePath);
  prepareParent(boxDir, relativePath);
  removeEntry(path);
  return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
}

/** Opens a regular file of the box for a run's stdin. Returns a raw fd the caller closes. */
export function openBoxInput(boxDir: string, relativePath: string): number {
  const path = boxPath(boxDir, relativePath);
  prepareParent(boxDir, relativePath);
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (info === undefined || !info.isFile()) throw new Error(`stdin file is missing or not a regular file: ${relativePath}`);
  return openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
}

/**
 * The file half of a `Box`, the same for every backend: put files in and read them back through
 * the checked helpers above, after `assertUsable` (which throws while the box is destroyed or busy).
 */
export function boxFileMethods(boxDir: string, assertUsable: () => void): Pick<Box, 'writeFile' | 'copyIn' | 'readFile'> {
  return {
    async writeFile(relativePath, content, mode) {
      assertUsable();
      await writeBoxFile(boxDir, relativePath, content, mode);
    },
    async copyIn(hostPath, relativePath, mode) {
      assertUsable();
      await copyIntoBox(boxDir, hostPath, relativePath, mode);
    },
    async readFile(relativePath, maxBytes) {
      assertUsable();
      return readBoxFile(boxDir, relativePath, maxBytes);
    },
  };
}
