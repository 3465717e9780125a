import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/adapters/sqlite/database';
import { runCli } from './ops-support';

const FIXTURE = resolve(__dirname, '../../../e2e/fixtures/contests/sample');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-import-cli-'));
  dirs.push(dir);
  return dir;
}

function tableCount(dataDir: string, table: string): number {
  const db = openDatabase(join(dataDir, 'arena.db'));
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('arena-host import', () => {
  it('imports the fixture and prints a readable report, then JSON on re-import', async () => {
    const data = tempDir();
    const text = await runCli(['import', FIXTURE, '--data', data]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Imported contest sample (Arena Sample Contest)');
    expect(text.stdout).toMatch(/B\s+guess\s+Guess the Number — pass-fail, custom-interactive validation, 2 s, 1 sample \+ 3 secret test cases/);

    const json = await runCli(['import', FIXTURE, '--data', data, '--json', '--contest-id', 'sample']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { contestId: string; created: boolean; problems: unknown[]; changes: { created: number } };
    expect(report).toMatchObject({ contestId: 'sample', created: false, changes: { created: 0 } });
    expect(report.problems).toHaveLength(3);
    expect(tableCount(data, 'contests')).toBe(1);
    expect(tableCount(data, 'problems')).toBe(3);
  });

  it('fails with exit code 1, a message naming the file, and an untouched database', async () => {
    const data = tempDir();
    const copy = join(tempDir(), 'sample');
    cpSync(FIXTURE, copy, { recursive: true });
    const yaml = join(copy, 'problems/sumsub/problem.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('type: scoring', 'type: multi-pass'));
    const result = await runCli(['import', copy, '--data', data, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: problems/sumsub/problem.yaml: type multi-pass is not supported by Arena');
    expect(tableCount(data, 'contests')).toBe(0);
    expect(tableCount(data, 'events')).toBe(0);
  });
});
