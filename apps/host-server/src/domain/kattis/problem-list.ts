import { Id } from '@arena/protocol';
import { PackageError } from './package-error';
import { expectObject, isPlainObject, optionalPositiveNumber, optionalString } from './yaml-values';

/** One entry of `problems.yaml`: which problem, in what order, with what label and colour. */
export interface ProblemListEntry {
  id: string;
  label: string;
  name: string | null;
  /** `#RRGGBB`. */
  rgb: string | null;
  color: string | null;
  timeLimitS: number | null;
}

/**
 * Parses `problems.yaml` (a list, or `{ problems: [...] }`). Also accepts the older
 * `short-name`/`letter` keys. Ids must be CLICS ids; ids and labels must be unique.
 */
export function parseProblemList(raw: unknown, file: string): ProblemListEntry[] {
  const list = Array.isArray(raw) ? raw : isPlainObject(raw) && Array.isArray(raw.problems) ? raw.problems : null;
  if (!list) throw new PackageError(file, 'must be a list of problems');
  if (list.length === 0) throw new PackageError(file, 'lists no problems');
  const seenIds = new Set<string>();
  const seenLabels = new Set<string>();
  return list.map((item: unknown, index: number) => {
    const where = `problem #${index + 1}`;
    const obj = expectObject(item, file, where);
    const id = optionalString(obj, file, 'id', 'short-name', 'short_name');
    if (!id) throw new PackageError(file, `${where} has no id`);
    if (!Id.safeParse(id).success) throw new PackageError(file, `problem id ${JSON.stringify(id)} is not a valid id (letters, digits, _ . -, at most 36)`);
    if (seenIds.has(id)) throw new PackageError(file, `problem id ${JSON.stringify(id)} appears twice`);
    seenIds.add(id);
    const label = optionalString(obj, file, 'label', 'letter') ?? labelFor(index);
    if (seenLabels.has(label)) throw new PackageError(file, `label ${JSON.stringify(label)} appears twice`);
    seenLabels.add(label);
    return {
      id,
      label,
      name: optionalString(obj, file, 'name'),
      rgb: normaliseRgb(optionalString(obj, file, 'rgb'), file, id),
      color: optionalString(obj, file, 'color'),
      timeLimitS: optionalPositiveNumber(obj, file, `problem ${id}: `, 'time_limit'),
    };
  });
}

function labelFor(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `P${index + 1}`;
}

function normaliseRgb(value: string | null, file: string, id: string): string | null {
  if (value === null) return null;
  const hex = value.trim().replace(/^#/, '');
  if (/^[0-9A-Fa-f]{6}$/.test(hex)) return `#${hex.toUpperCase()}`;
  if (/^[0-9A-Fa-f]{3}$/.test(hex)) return `#${hex.split('').map((c) => c + c).join('').toUpperCase()}`;
  throw new PackageError(file, `problem ${id}: rgb must look like #RRGGBB (got ${JSON.stringify(value)})`);
}
