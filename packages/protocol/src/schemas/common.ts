import { z } from 'zod';

/** CLICS identifier: letters, digits, `_`, `.`, `-`; not starting with `.`; at most 36 chars. */
export const Id = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,35}$/, 'must be 1-36 characters of A-Z a-z 0-9 _ . - not starting with .');
export type Id = z.infer<typeof Id>;

/** ISO-8601 timestamp with a time zone, e.g. `2026-11-26T10:00:00.000+00:00`. */
export const Time = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/, 'must be an ISO-8601 time with a zone');
export type Time = z.infer<typeof Time>;

/** CLICS RELTIME: `(-)?h:mm:ss(.uuu)?`. */
export const RelTime = z.string().regex(/^-?\d+:\d{2}:\d{2}(\.\d{1,9})?$/, 'must be a relative time like 1:23:45.678');
export type RelTime = z.infer<typeof RelTime>;

/** A file reference as CLICS serves it. */
export const FileRef = z.object({
  href: z.string(),
  mime: z.string().optional(),
  filename: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});
export type FileRef = z.infer<typeof FileRef>;

/** Lowercase hex sha256 of a file's bytes: the key of the content-addressed store. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256');
export type Sha256 = z.infer<typeof Sha256>;

/** Formats milliseconds as a CLICS RELTIME (`h:mm:ss.uuu`), negative allowed. */
export function formatRelTime(ms: number): RelTime {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(ms));
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const u = abs % 1000;
  return `${sign}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(u).padStart(3, '0')}`;
}

/** Parses a CLICS RELTIME into milliseconds; throws on a malformed value. */
export function parseRelTime(value: string): number {
  const match = /^(-)?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(value);
  if (!match) throw new Error(`not a relative time: ${JSON.stringify(value)}`);
  const [, neg, h, m, s, frac] = match;
  const ms = Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Math.floor(Number(`0.${frac ?? '0'}`) * 1000);
  return neg ? -ms : ms;
}

/** Formats epoch milliseconds as CLICS TIME in UTC with milliseconds. */
export function formatTime(epochMs: number): Time {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}
