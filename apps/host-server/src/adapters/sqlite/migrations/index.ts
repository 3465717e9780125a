import * as m001 from './001-initial';

/**
 * Numbered migrations, applied in order inside one transaction each. Numbers may have gaps; a
 * migration is never edited once released: add a new one instead.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001.sql },
];
