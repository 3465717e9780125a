/**
 * The native sandbox's contract with the judging steps, against the real thing: stdin from the
 * box or a host file, read-only mounts, environment, CPU pinning, languages (C++, Python, Java),
 * sandbox failures reported as internal errors (never verdicts), one run per box at a time, and
 * doctor(). Needs root.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNativeSandbox } from '../src/sandbox/native-sandbox.js';
import { listBoxMounts, mountBoxTmpfs, unmountBoxTmpfs } from '../src/sandbox/box-mount.js';
import type { Box, RunLimits, RunResult, Sandbox } from '../src/sandbox/sandbox.js';
import { boxUid, compileLimits, liveProcessesOf, removeParentCgroups, runGroupsLeft } from './hostile-helpers.js';

const cgroupParent = `arena-contract-${process.pid}`;
const limits: RunLimits = { cpuTimeMs: 2000, wallTimeMs: 10_000, memoryBytes: 128 * 1024 * 1024, processes: 16, outputBytes: 1024 * 1024 };

let workDir: string;
let sandbox: Sandbox;
const boxes: Box[] = [];

async function newBox(options?: { cpu?: number }): Promise<Box> {
  const box = await sandbox.createBox(options);
  boxes.push(box);
  return box;
}

function outcomeOf(result: RunResult) {
  if (!result.ok) throw new Error(`sandbox failure: ${result.internalError}`);
  return result.outcome;
}

async function text(box: Box, name: string): Promise<string> {
  return (await box.readFile(name, 1 << 20))?.toString() ?? '';
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'arena-contract-'));
  sandbox = createNativeSandbox({ workDir, cgroupParent });
});

// Checked while the boxes still hold their uids (a released uid may go to a concurrent test file).
afterEach(async () => {
  const created = boxes.splice(0);
  const survivors = liveProcessesOf(new Set(created.map(boxUid)));
  await Promise.all(created.map((box) => box.destroy()));
  expect(survivors).toEqual([]);
  expect(runGroupsLeft(cgroupParent)).toEqual([]);
});

afterAll(async () => {
  removeParentCgroups(cgroupParent);
  await rm(workDir, { recursive: true, force: true });
});

describe('native sandbox contract', () => {
  it('doctor() passes on this machine and runs a real sandboxed program', async () => {
    const report = await sandbox.doctor();
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.map((check) => check.name)).toContain('sandboxed run');
    expect(report.ok).toBe(true);
  });

  it('doctor() names the missing tool and how to install it', async () => {
    const broken = createNativeSandbox({ workDir, cgroupParent, bwrapPath: '/nonexistent/bwrap' });
    const report = await broken.doctor();
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.name === 'bubblewrap')).toMatchObject({ ok: false, fix: expect.stringMatching(/apt-get install bubblewrap/) });
  });

  it('feeds stdin from a box file and from a host file, and captures stdout and stderr', async () => {
    const box = await newBox();
    await box.writeFile('in.txt', 'from the box\n');
    const hostInput = join(workDir, 'input.txt');
    await writeFile(hostInput, 'from the host\n', { mode: 0o600 });
    const spec = { argv: ['sh', '-c', 'cat; echo oops >&2'], limits, stdout: { boxFile: 'out.txt' }, stderr: { boxFile: 'err.txt' } };
    expect(outcomeOf(await box.run({ ...spec, stdin: { boxFile: 'in.txt' } }))).toMatchObject({ kind: 'exited', exitCode: 0 });
    expect(await text(box, 'out.txt')).toBe('from the box\n');
    expect(await text(box, 'err.txt')).toBe('oops\n');
    outcomeOf(await box.run({ ...spec, stdin: { hostFile: hostInput } }));
    expect(await text(box, 'out.txt')).toBe('from the host\n');
  });

  it('mounts extra host directories read-only and passes the given environment only', async () => {
    const shared = join(workDir, 'checker');
    await rm(shared, { recursive: true, force: true });
    await mkdir(shared, { mode: 0o755 });
    await writeFile(join(shared, 'data.txt'), 'checker data', { mode: 0o644 });
    const box = await newBox();
    const result = await box.run({
      argv: ['sh', '-c', 'cat /checker/data.txt; echo; echo "$GREETING"; touch /checker/x 2>/dev/null && echo WRITABLE; env | sort'],
      env: { GREETING: 'hello' },
      limits,
      readOnlyMounts: [{ hostPath: shared, sandboxPath: '/checker' }],
      stdout: { boxFile: 'out.txt' },
    });
    expect(outcomeOf(result).kind).toBe('exited');
    const out = await text(box, 'out.txt');
    expect(out).toContain('checker data\nhello\n');
    expect(out).not.toContain('WRITABLE');
    expect(existsSync(join(shared, 'x'))).toBe(false);
    expect(out).toMatch(/^HOME=\/box$/m);
    expect(out).not.toMatch(/^(NODE|VITEST|npm_)/m);
  });

  it('pins a box to one CPU', async () => {
    const box = await newBox({ cpu: 0 });
    const result = await box.run({ argv: ['sh', '-c', 'grep Cpus_allowed_list /proc/self/status'], limits, stdout: { boxFile: 'out.txt' } });
    expect(outcomeOf(result).kind).toBe('exited');
    expect(await text(box, 'out.txt')).toMatch(/Cpus_allowed_list:\s+0\n/);
    await expect(sandbox.createBox({ cpu: 999 })).rejects.toThrow(/cannot pin a box to CPU 999/);
  });

  it('compiles and runs C++ and runs Python inside the sandbox', async () => {
    const box = await newBox();
    await box.writeFile('main.cpp', '#include <iostream>\nint main(){long a,b;std::cin>>a>>b;std::cout<<a+b<<"\\n";}\n');
    await box.writeFile('in.txt', '2 40\n');
    const compiled = await box.run({ argv: ['g++', '-O2', '-o', 'main', 'main.cpp'], limits: compileLimits, stderr: { boxFile: 'cc.txt' } });
    expect(outcomeOf(compiled)).toMatchObject({ kind: 'exited', exitCode: 0 });
    outcomeOf(await box.run({ argv: ['./main'], limits, stdin: { boxFile: 'in.txt' }, stdout: { boxFile: 'out.txt' } }));
    expect(await text(box, 'out.txt')).toBe('42\n');
    await box.writeFile('main.py', 'import sys\na, b = map(int, sys.stdin.read().split())\nprint(a * b)\n');
    outcomeOf(await box.run({ argv: ['python3', 'main.py'], limits, stdin: { boxFile: 'in.txt' }, stdout: { boxFile: 'out.txt' } }));
    expect(await text(box, 'out.txt')).toBe('80\n');
  });

  it.runIf(existsSync('/usr/bin/javac'))('compiles and runs Java inside the sandbox', async () => {
    const box = await newBox();
    await box.writeFile('Main.java', 'public class Main { public static void main(String[] a) { System.out.println("java ok"); } }\n');
    const javaLimits = { ...limits, memoryBytes: 1024 * 1024 * 1024, processes: 128, cpuTimeMs: 20_000, wallTimeMs: 60_000, outputBytes: 64 << 20 };
    const compiled = await box.run({ argv: ['javac', '-J-Xmx256m', 'Main.java'], limits: javaLimits, stderr: { boxFile: 'cc.txt' } });
    expect(outcomeOf(compiled), await text(box, 'cc.txt')).toMatchObject({ kind: 'exited', exitCode: 0 });
    const ran = await box.run({ argv: ['java', '-Xmx256m', '-Xss64m', 'Main'], limits: javaLimits, stdout: { boxFile: 'out.txt' } });
    expect(outcomeOf(ran)).toMatchObject({ kind: 'exited', exitCode: 0 });
    expect(await text(box, 'out.txt')).toBe('java ok\n');
  }, 120_000);

  it('reports sandbox failures as internal errors, never as a program verdict', async () => {
    const box = await newBox();
    const missingProgram = await box.run({ argv: ['no-such-compiler'], limits });
    expect(missingProgram).toMatchObject({ ok: false, internalError: expect.stringMatching(/not installed/) });
    const missingMount = await box.run({
      argv: ['true'], limits, readOnlyMounts: [{ hostPath: join(workDir, 'no-such-dir'), sandboxPath: '/data' }],
    });
    expect(missingMount).toMatchObject({ ok: false, internalError: expect.stringMatching(/bwrap/) });
    const badLimits = await box.run({ argv: ['true'], limits: { ...limits, memoryBytes: -1 } });
    expect(badLimits).toMatchObject({ ok: false, internalError: expect.stringMatching(/memoryBytes/) });
  });

  it('runs one program at a time per box', async () => {
    const box = await newBox();
    const first = box.run({ argv: ['sleep', '0.3'], limits });
    const second = await box.run({ argv: ['true'], limits });
    expect(second).toMatchObject({ ok: false, internalError: expect.stringMatching(/already running/) });
    expect(outcomeOf(await first).kind).toBe('exited');
  });

  it('gives concurrent boxes different uids and keeps them apart', async () => {
    const [a, b] = await Promise.all([newBox(), newBox()]);
    expect(boxUid(a)).not.toBe(boxUid(b));
    const [ra, rb] = await Promise.all([
      a.run({ argv: ['sh', '-c', 'id -u; sleep 0.2'], limits, stdout: { boxFile: 'id.txt' } }),
      b.run({ argv: ['sh', '-c', 'id -u; sleep 0.2'], limits, stdout: { boxFile: 'id.txt' } }),
    ]);
    expect([outcomeOf(ra).kind, outcomeOf(rb).kind]).toEqual(['exited', 'exited']);
    expect(await text(a, 'id.txt')).toBe(`${boxUid(a)}\n`);
    expect(await text(b, 'id.txt')).toBe(`${boxUid(b)}\n`);
  });

  it('covers fds the judge inherited from its launcher with /dev/null', async () => {
    // The child judge gets a host file as fd 20 without O_CLOEXEC, as a careless launcher would leave it.
    const leakedFile = join(workDir, 'judge-private.txt');
    await writeFile(leakedFile, 'judge private data', { mode: 0o600 });
    const leakedFd = openSync(leakedFile, 'r');
    const fixture = join(import.meta.dirname, 'fixtures', 'list-fds-in-sandbox.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, workDir, cgroupParent], {
      stdio: ['ignore', 'pipe', 'inherit', ...Array<'ignore'>(17).fill('ignore'), leakedFd],
    });
    closeSync(leakedFd);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const { result, fds } = JSON.parse(output) as { result: RunResult; fds: string };
    expect(outcomeOf(result).kind).toBe('exited');
    // `ls -l` lines end in "<fd> -> <target>"; its own directory handle points into /proc.
    const lines = [...fds.matchAll(/ (\d+) -> (.*)$/gm)].map((match) => [match[1]!, match[2]!] as const);
    expect(lines.map(([fd]) => fd)).toContain('0');
    const leaked = lines.filter(([fd, target]) => Number(fd) > 2 && target !== '/dev/null' && !target.startsWith('/proc/'));
    expect(leaked).toEqual([]);
    expect(lines.find(([fd]) => fd === '20')?.[1]).toBe('/dev/null');
    expect(fds).not.toContain('judge-private');
  }, 60_000);

  it('unmounts and removes boxes left by a judge process that died', async () => {
    const deadPid = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1;
    const otherWorkDir = await mkdtemp(join(tmpdir(), 'arena-stale-'));
    const staleRoot = join(otherWorkDir, 'boxes', `box-${deadPid}-1-60999`);
    await mkdir(join(staleRoot, 'box'), { recursive: true });
    await mountBoxTmpfs(join(staleRoot, 'box'), 60999, 1 << 20);
    try {
      expect(await listBoxMounts()).toContain(join(staleRoot, 'box'));
      const fresh = createNativeSandbox({ workDir: otherWorkDir, cgroupParent });
      const box = await fresh.createBox();
      await box.destroy();
      expect(await listBoxMounts()).not.toContain(join(staleRoot, 'box'));
      expect(existsSync(staleRoot)).toBe(false);
    } finally {
      await unmountBoxTmpfs(join(staleRoot, 'box'));
      await rm(otherWorkDir, { recursive: true, force: true });
    }
  });

  it('destroy() unmounts and removes the box and is idempotent', async () => {
    const box = await sandbox.createBox();
    const dir = box.hostDir;
    await box.destroy();
    await box.destroy();
    expect(existsSync(dir)).toBe(false);
    expect(await box.run({ argv: ['true'], limits })).toMatchObject({ ok: false });
  });
});
