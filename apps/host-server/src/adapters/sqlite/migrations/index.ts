import * as m001 from './001-initial';
import * as m020 from './020-api';
import * as m030 from './030-judge-queue';
import * as m040 from './040-submission-sources';

/**
 * Numbered migrations, applied in order inside one transaction each. Numbers may have gaps; a
 * migration is never edited once released: add a new one instead.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001.sql },
  { version: 20, name: 'api', sql: m020.sql },
  { version: 30, name: 'judge-queue', sql: m030.sql },
  { version: 40, name: 'submission-sources', sql: m040.sql },
];
