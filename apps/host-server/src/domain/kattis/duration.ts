/**
 * Parses a contest duration: CLICS RELTIME `h:mm:ss(.uuu)` (also `h:mm`), or a number of seconds.
 * The number form is accepted on purpose: a YAML 1.1 reader turns `5:00:00` into the
 * sexagesimal number 18000, and some tools write seconds. Returns milliseconds, or null when the
 * value is not a duration. Negative durations are not durations.
 */
export function parseDurationMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const match = /^(\d+):([0-5]?\d)(?::([0-5]?\d)(?:\.(\d{1,9}))?)?$/.exec(text);
  if (!match) {
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    return null;
  }
  const [, h, m, s, frac] = match;
  const fracMs = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  return Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s ?? '0') * 1000 + fracMs;
}

/**
 * Parses a contest start time: an ISO-8601 string with a zone (or a Date, which a YAML 1.1
 * timestamp reader produces). Returns epoch ms, null for "not scheduled", or NaN when invalid.
 */
export function parseStartTimeMs(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return Number.NaN;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$/.test(text)) return Number.NaN;
  const normalized = text.replace(' ', 'T').replace(/\s+/g, '')
    .replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(normalized);
}
