/**
 * The REAL native sandbox for tests, in a temporary work directory removed afterwards. Tests that
 * use it run contestant and validator code only through it (never unsandboxed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNativeSandbox } from '../../src/sandbox/native-sandbox';
import type { Sandbox } from '../../src/sandbox/sandbox';

export async function createTestSandbox(): Promise<{ sandbox: Sandbox; cleanup(): Promise<void> }> {
  const workDir = await mkdtemp(join(tmpdir(), 'arena-judge-test-'));
  return {
    sandbox: createNativeSandbox({ workDir }),
    cleanup: () => rm(workDir, { recursive: true, force: true }),
  };
}
