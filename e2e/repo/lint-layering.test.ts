import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency direction of DESIGN.md is enforced by eslint.config.js. These cases lint
// in-memory files placed at real paths of the tree, so a change to the config that stops
// catching a forbidden import fails here.
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(repoRoot, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint enforces the layering', () => {
  it.each([
    ['apps/host-server/src/domain/scoring/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", /domain\/ is pure/],
    ['apps/host-server/src/domain/scoring/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /domain\/ is pure/],
    ['apps/host-server/src/domain/scoring/x.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;", /domain\/ is pure/],
    ['apps/host-server/src/domain/scoring/x.ts', "import { Store } from '../../adapters/sqlite/store';\nexport const x = Store;", /domain\/ depends only on protocol/],
    ['apps/judge-agent/src/domain/x.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;", /domain\/ is pure/],
    ['apps/host-server/src/app/judging/x.ts', "import { y } from '../../http/routes/y';\nexport const x = y;", /app\/ must not depend on transports/],
    ['apps/host-server/src/app/judging/x.ts', "import Redis from 'ioredis';\nexport const x = Redis;", /ioredis is used only in adapters\/redis/],
    ['apps/host-server/src/http/routes/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", /better-sqlite3 is used only in adapters\/sqlite/],
    ['apps/host-server/src/main/x.ts', "import { Bonjour } from 'bonjour-service';\nexport const x = Bonjour;", /bonjour-service is used only in adapters\/mdns/],
    ['apps/contestant-desktop/src/renderer/x.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;", /preload bridge/],
    ['apps/contestant-desktop/src/renderer/x.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /browser/],
    ['apps/judge-agent/src/steps/x.ts', "import { x as y } from '@arena/host-server';\nexport const x = y;", /apps never import each other/],
    ['packages/protocol/src/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", /protocol is plain schemas/],
  ])('%s: forbidden import is reported', async (filePath, code, message) => {
    const messages = await restrictedImports(filePath, code);
    expect(messages.join('\n')).toMatch(message);
  });

  it.each([
    ['apps/host-server/src/adapters/sqlite/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['apps/host-server/src/adapters/redis/x.ts', "import Redis from 'ioredis';\nexport const x = Redis;"],
    ['apps/host-server/src/domain/scoring/x.ts', "import { Id } from '@arena/protocol';\nimport { y } from './y';\nexport const x = [Id, y];"],
    ['apps/host-server/src/http/routes/x.ts', "import { y } from '../http-helpers';\nexport const x = y;"],
    ['apps/contestant-desktop/src/main/x.ts', "import { app } from 'electron';\nexport const x = app;"],
  ])('%s: allowed import passes', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
