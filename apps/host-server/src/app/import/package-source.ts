import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractZipToDir, type ZipLimits } from '../../adapters/zip/safe-unzip';
import { AppError } from '../errors';

/** An unpacked package on disk. `dispose` removes whatever was extracted (idempotent). */
export interface OpenedSource {
  root: string;
  dispose(): void;
}

/**
 * Opens a package given as a directory or a `.zip` file. A zip is extracted (with the safe
 * unzip's checks) into a fresh folder under `tempRoot`. When the package sits inside a single
 * top-level folder (common for zips made by hand), that folder becomes the root if `isRoot`
 * does not accept the outer one.
 */
export async function openPackageSource(
  source: string, tempRoot: string, limits: ZipLimits, isRoot: (dir: string) => boolean, displayName: string = source,
): Promise<OpenedSource> {
  const path = resolve(source);
  if (!existsSync(path)) throw new AppError('bad_request', `${displayName}: no such file or directory`);
  const stats = statSync(path);
  let root: string;
  let dispose = (): void => {};
  if (stats.isDirectory()) {
    root = path;
  } else if (stats.isFile()) {
    mkdirSync(tempRoot, { recursive: true });
    const tmp = mkdtempSync(join(tempRoot, 'import-'));
    dispose = () => rmSync(tmp, { recursive: true, force: true });
    try {
      await extractZipToDir(path, tmp, limits);
    } catch (err) {
      dispose();
      if (err instanceof AppError) throw new AppError(err.code, `${displayName}: ${err.message}`);
      throw err;
    }
    root = tmp;
  } else {
    throw new AppError('bad_request', `${displayName}: not a directory or a zip file`);
  }
  return { root: descendSingleFolder(root, isRoot), dispose };
}

function descendSingleFolder(root: string, isRoot: (dir: string) => boolean): string {
  if (isRoot(root)) return root;
  const entries = readdirSync(root, { withFileTypes: true }).filter((e) => !e.name.startsWith('.') && e.name !== '__MACOSX');
  const only = entries[0];
  if (entries.length === 1 && only?.isDirectory() && isRoot(join(root, only.name))) return join(root, only.name);
  return root;
}
