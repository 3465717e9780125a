/**
 * Benchmark: cost of the native sandbox over a bare spawn of the same trivial program.
 * Runs `/usr/bin/true` N times (default 200) both ways, interleaved, and prints the medians and
 * their difference. As a yardstick for how loaded the machine is, it also times the bare
 * `prlimit → bwrap` command with the same namespaces but without cgroups, handshake or cleanup.
 * Needs root (the native sandbox does).
 *
 *   npx tsx e2e/bench/sandbox-overhead.ts [runs]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNativeSandbox } from '../../apps/judge-agent/src/sandbox/native-sandbox.js';
import { buildSandboxCommand } from '../../apps/judge-agent/src/sandbox/sandbox-command.js';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function spawnAndWait(file: string, args: string[], options: { uid?: number; gid?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'ignore', ...options });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited ${code}`))));
  });
}

const bareRun = () => spawnAndWait('/usr/bin/true', []);

/** The same process chain the sandbox starts, minus cgroups, the pid handshake and cleanup. */
function rawBwrapRun(uid: number): Promise<void> {
  const command = buildSandboxCommand({
    prlimitPath: '/usr/bin/prlimit',
    bwrapPath: '/usr/bin/bwrap',
    boxDir: '/usr/share',
    argv: ['/usr/bin/true'],
    env: {},
    cwd: '/',
    limits: { cpuTimeMs: 1000, wallTimeMs: 5000, memoryBytes: 64 * 1024 * 1024, processes: 8, outputBytes: 1024 * 1024 },
    readOnlyMounts: [],
    etcPaths: [],
  });
  const args = command.args.filter((arg, index, all) => !['--info-fd', '--block-fd'].includes(arg) && !['--info-fd', '--block-fd'].includes(all[index - 1] ?? ''));
  return spawnAndWait(command.file, args, { uid, gid: uid });
}

async function timeMs(action: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 200);
  const loadBefore = loadavg()[0]!.toFixed(2);
  const workDir = await mkdtemp(join(tmpdir(), 'arena-bench-'));
  const sandbox = createNativeSandbox({ workDir });
  const box = await sandbox.createBox();
  const limits = { cpuTimeMs: 1000, wallTimeMs: 5000, memoryBytes: 64 * 1024 * 1024, processes: 8, outputBytes: 1024 * 1024 };
  const sandboxedRun = async () => {
    const result = await box.run({ argv: ['/usr/bin/true'], limits });
    if (!result.ok || result.outcome.kind !== 'exited' || result.outcome.exitCode !== 0) {
      throw new Error(`sandboxed true failed: ${JSON.stringify(result)}`);
    }
  };
  const uid = statSync(box.hostDir).uid;
  try {
    for (let i = 0; i < 10; i++) {
      await bareRun();
      await sandboxedRun();
      await rawBwrapRun(uid);
    }
    const bare: number[] = [];
    const sandboxed: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await timeMs(bareRun));
      sandboxed.push(await timeMs(sandboxedRun));
      raw.push(await timeMs(() => rawBwrapRun(uid)));
    }
    const bareMs = median(bare);
    const sandboxedMs = median(sandboxed);
    const rawMs = median(raw);
    console.log(`runs: ${runs} each (interleaved); load average before: ${loadBefore}, after: ${loadavg()[0]!.toFixed(2)}`);
    console.log(`bare spawn median:      ${bareMs.toFixed(2)} ms`);
    console.log(`sandboxed run median:   ${sandboxedMs.toFixed(2)} ms (box.run(): cgroups, handshake, watchdogs, cleanup)`);
    console.log(`overhead (difference):  ${(sandboxedMs - bareMs).toFixed(2)} ms`);
    console.log(`yardstick: prlimit+bwrap alone ${rawMs.toFixed(2)} ms median (+${(rawMs - bareMs).toFixed(2)} ms over bare)`);
  } finally {
    await box.destroy();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
