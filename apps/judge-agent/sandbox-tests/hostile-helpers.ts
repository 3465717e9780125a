/**
 * Host-side observations for the hostile suite: which processes of the box uids are alive,
 * which run cgroups are left, and compiling the attackers inside the sandbox.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Box, RunLimits, RunResult } from '../src/sandbox/sandbox.js';

export const cgroupRoot = '/sys/fs/cgroup';

/** The uid a box runs as (its tmpfs root is owned by it). */
export function boxUid(box: Box): number {
  return statSync(box.hostDir).uid;
}

/** Pids of live (non-zombie) processes whose real uid is one of `uids`. */
export function liveProcessesOf(uids: Set<number>): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let status: string;
    try {
      status = readFileSync(`/proc/${entry}/status`, 'utf8');
    } catch {
      continue; // exited while scanning
    }
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    const state = /^State:\s+(\S)/m.exec(status)?.[1];
    if (uids.has(uid) && state !== 'Z') found.push(Number(entry));
  }
  return found;
}

/** Directories of the judge-owned parent cgroup in every hierarchy that has one (v1) or the one (v2). */
export function parentCgroupDirs(parentName: string): string[] {
  if (existsSync(join(cgroupRoot, 'cgroup.controllers'))) return [join(cgroupRoot, parentName)].filter(existsSync);
  return readdirSync(cgroupRoot)
    .map((controller) => join(cgroupRoot, controller, parentName))
    .filter((dir) => existsSync(dir));
}

/** Run cgroups still present under the parent. */
export function runGroupsLeft(parentName: string): string[] {
  return parentCgroupDirs(parentName).flatMap((dir) =>
    readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(dir, entry.name)),
  );
}

export function removeParentCgroups(parentName: string): void {
  for (const dir of parentCgroupDirs(parentName)) rmdirSync(dir);
}

export const compileLimits: RunLimits = {
  cpuTimeMs: 10_000,
  wallTimeMs: 20_000,
  memoryBytes: 512 * 1024 * 1024,
  processes: 32,
  outputBytes: 8 * 1024 * 1024,
  tmpBytes: 256 * 1024 * 1024,
};

/** Compiles every `*.c` in the box with gcc, inside the sandbox; throws on any failure. */
export async function compileAllInBox(box: Box, sources: Record<string, string>): Promise<Map<string, Buffer>> {
  for (const [name, source] of Object.entries(sources)) await box.writeFile(name, source);
  const result: RunResult = await box.run({
    argv: ['sh', '-c', 'for f in *.c; do gcc -O1 -pthread -o "${f%.c}" "$f" || exit 1; done'],
    limits: { ...compileLimits, cpuTimeMs: 60_000, wallTimeMs: 90_000 },
    stderr: { boxFile: 'compile.err' },
  });
  const errors = (await box.readFile('compile.err', 10_000))?.toString() ?? '';
  if (!result.ok || result.outcome.kind !== 'exited' || result.outcome.exitCode !== 0) {
    throw new Error(`compiling the attackers failed: ${JSON.stringify(result)} ${errors}`);
  }
  const binaries = new Map<string, Buffer>();
  for (const name of Object.keys(sources)) {
    const binaryName = name.replace(/\.c$/, '');
    const binary = await box.readFile(binaryName, 16 * 1024 * 1024);
    if (!binary) throw new Error(`gcc produced no ${binaryName}`);
    binaries.set(binaryName, binary);
  }
  return binaries;
}
