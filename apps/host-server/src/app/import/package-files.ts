import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PackageError } from '../../domain/kattis/package-error';

/**
 * A package folder on disk and how its paths are shown in messages (`display` + relative path,
 * e.g. `problems/hello/` + `problem.yaml`). Paths are POSIX-style and relative to `root`.
 */
export interface PackageDir {
  root: string;
  display: string;
}

/**
 * Lists every regular file under `dir.root` (relative POSIX paths, sorted). A symlink is
 * followed only when it stays inside the package root (`boundary`, default the root itself);
 * one pointing outside is a PackageError, since an imported package must not read host files.
 */
export function listPackageFiles(dir: PackageDir, boundary: string = dir.root): string[] {
  const realBoundary = realpathSync(boundary);
  const files: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      let stats = lstatSync(childAbs);
      if (stats.isSymbolicLink()) {
        const target = realpathOrNull(childAbs);
        if (target === null) throw new PackageError(dir.display + childRel, 'is a broken symbolic link');
        const inside = relative(realBoundary, target);
        if (inside === '' || isAbsolute(inside) || inside === '..' || inside.startsWith(`..${sep}`)) {
          throw new PackageError(dir.display + childRel, 'is a symbolic link pointing outside the package');
        }
        stats = statSync(childAbs);
        if (stats.isDirectory()) throw new PackageError(dir.display + childRel, 'is a symbolic link to a folder (only links to files are followed)');
      }
      if (stats.isDirectory()) walk(childAbs, childRel);
      else if (stats.isFile()) files.push(childRel);
    }
  };
  walk(dir.root, '');
  return files;
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

export function readPackageFile(dir: PackageDir, rel: string): Buffer {
  return readFileSync(join(dir.root, ...rel.split('/')));
}

/**
 * Reads the first of `names` that exists (e.g. `contest.yaml`, `contest.yml`, `contest.json`)
 * and parses it: YAML 1.2 core schema by default (so `5:00:00` stays a string; JSON is YAML too);
 * a file that declares `%YAML 1.1` gets 1.1 numbers and timestamps, which the parsers accept.
 * Returns null when none exists; throws PackageError naming the file on a syntax error.
 */
export function readStructuredFile(dir: PackageDir, files: ReadonlySet<string>, names: readonly string[]): { file: string; value: unknown } | null {
  const rel = names.find((n) => files.has(n));
  if (rel === undefined) return null;
  return { file: dir.display + rel, value: parseStructured(readPackageFile(dir, rel).toString('utf8'), dir.display + rel) };
}

/** Parses YAML (or JSON) text; a syntax error becomes a PackageError naming `file` and the line. */
export function parseStructured(text: string, file: string): unknown {
  try {
    return parseYaml(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, maxAliasCount: 100 });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'invalid';
    throw new PackageError(file, `invalid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${message}`);
  }
}

/**
 * Names of the regular files directly in `dir.root` (symlinks only when they resolve inside
 * the root), for finding contest.yaml, teams.json and the like without walking test data.
 */
export function listTopLevelFiles(dir: PackageDir): Set<string> {
  const realRoot = realpathSync(dir.root);
  const names = new Set<string>();
  for (const name of readdirSync(dir.root)) {
    const abs = join(dir.root, name);
    const stats = lstatSync(abs);
    if (stats.isFile()) names.add(name);
    else if (stats.isSymbolicLink()) {
      const target = realpathOrNull(abs);
      const inside = target === null ? '..' : relative(realRoot, target);
      if (inside === '' || isAbsolute(inside) || inside === '..' || inside.startsWith(`..${sep}`)) {
        throw new PackageError(dir.display + name, 'is a symbolic link pointing outside the package');
      }
      if (statSync(abs).isFile()) names.add(name);
    }
  }
  return names;
}
