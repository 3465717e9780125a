import { PackageError } from './package-error';

/** Small readers for untyped YAML/JSON values that fail with a message naming file and key. */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function expectObject(value: unknown, file: string, what = 'the file'): PlainObject {
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) throw new PackageError(file, `${what} must be a mapping of keys to values`);
  return value;
}

/** The first of `keys` present (for spec keys with older spellings, e.g. `start_time`/`start-time`). */
export function pick(obj: PlainObject, ...keys: string[]): { key: string; value: unknown } | null {
  for (const key of keys) {
    if (obj[key] !== undefined && obj[key] !== null) return { key, value: obj[key] };
  }
  return null;
}

export function optionalString(obj: PlainObject, file: string, ...keys: string[]): string | null {
  const found = pick(obj, ...keys);
  if (!found) return null;
  if (typeof found.value === 'number') return String(found.value);
  if (typeof found.value !== 'string') throw new PackageError(file, `${found.key} must be a string`);
  return found.value;
}

export function optionalPositiveNumber(obj: PlainObject, file: string, path: string, key: string): number | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  const num = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof num !== 'number' || !Number.isFinite(num) || num <= 0) {
    throw new PackageError(file, `${path}${key} must be a positive number (got ${JSON.stringify(value)})`);
  }
  return num;
}

/** A string list given either as a YAML list or as one space-separated string. */
export function stringList(value: unknown, file: string, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s.length > 0);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  throw new PackageError(file, `${key} must be a string or a list of strings`);
}
