import * as m001 from './001-initial';
import * as m020 from './020-api';
import * as m030 from './030-judge-queue';
import * as m040 from './040-submission-sources';
import * as m050 from './050-console-judging';
import * as m060 from './060-venue';
import * as m070 from './070-test-runs';

/**
 * Numbered migrations, applied in order inside one transaction each. Numbers may have gaps; a
 * migration is never edited once released: add a new one instead.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001.sql },
  { version: 20, name: 'api', sql: m020.sql },
  { version: 30, name: 'judge-queue', sql: m030.sql },
  { version: 40, name: 'submission-sources', sql: m040.sql },
  { version: 50, name: 'console-judging', sql: m050.sql },
  { version: 60, name: 'venue', sql: m060.sql },
  { version: 70, name: 'test-runs', sql: m070.sql },
];
