/**
 * The hostile-program suite (hostile-suite.ts) against the REAL docker backend, through Podman's
 * Docker-compatible API (helpers/podman-service.ts starts a private service;
 * ARENA_DOCKER_HOST=unix:///var/run/docker.sock runs it against a real Docker Engine instead),
 * then the cases only the docker backend has. Where the docker backend differs by design the
 * backend description below says so. After every test: no process of a box uid alive and no
 * judge container left. Needs root.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDockerSandbox } from '../src/sandbox/docker/docker-sandbox.js';
import type { RunSpec } from '../src/sandbox/sandbox.js';
import { boxUid, liveProcessesOf } from './hostile-helpers.js';
import { defineHostileSuite, expectOk, hostileLimits as limits } from './hostile-suite.js';
import { startEngineUnderTest, type EngineUnderTest } from './helpers/podman-service.js';
import { buildTestImage, hostToolchainBinds, TEST_IMAGE } from './helpers/podman-test-image.js';

let engine: EngineUnderTest | undefined;

async function judgeContainers(): Promise<string[]> {
  if (!engine) throw new Error('the engine under test is not started');
  const containers = await engine.docker.listContainers({ all: true, filters: { label: ['org.arena.judge.owner-pid'] } });
  return containers.map((container) => container.Id);
}

const { newBox, workDir } = defineHostileSuite({
  name: 'docker sandbox (Podman API)',
  tag: '9c1d',
  setUpTimeoutMs: 180_000,
  tearDownTimeoutMs: 60_000,
  createSandbox: async (dir) => {
    const started = await startEngineUnderTest();
    engine = started;
    await buildTestImage(started);
    return createDockerSandbox({ workDir: dir, docker: started.docker, image: TEST_IMAGE, extraBinds: hostToolchainBinds() });
  },
  afterTest: async (boxes) => {
    const uids = new Set(boxes.map(boxUid));
    await Promise.all(boxes.map((box) => box.destroy()));
    expect(liveProcessesOf(uids)).toEqual([]);
    expect(await judgeContainers()).toEqual([]);
  },
  tearDown: async () => {
    await engine?.stop();
  },
  // The image's own /etc/passwd is readable by design (it is not the host's), so it is not a target here.
  extraReadTargets: ['/proc/1/environ', '/arena-io/../box/../proc/1/root'],
  extraRefusedWriteDirs: ['/arena-io'],
  extraPythonAttempts: { 'kill-runner': 'os.kill(os.getppid(), 9)' },
  fdHolder: 'runner',
  checkFds: (fds) => {
    expect(fds.map(({ fd }) => fd)).toEqual([0, 1, 2]);
  },
  heapHog: {
    note: ' (decided from the cgroup OOM count, not State.OOMKilled)',
    check: (outcome) => {
      expect(outcome.peakMemoryBytes).toBeGreaterThan(limits.memoryBytes / 2);
    },
  },
  tmpStateNote: ' (same container)',
  killParent: {
    title: 'cannot signal the runner or the init: the next run of the box still works',
    check: async (stdout, box) => {
      expect(stdout).toMatch(/kill-ppid -1\b/);
      expect(stdout).toMatch(/kill-1 -1\b/);
      const after = expectOk(await box.run({ argv: ['true'], limits }));
      expect(after).toMatchObject({ kind: 'exited', exitCode: 0 });
    },
  },
  compilePlace: 'container',
  casesAfterBasics: () => {
    it('runs every run of a box in one container: files persist, the runner answers each', async () => {
      const box = await newBox();
      for (let index = 0; index < 5; index++) {
        const outcome = expectOk(await box.run({ argv: ['sh', '-c', `echo ${index} >> log`], limits }));
        expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
      }
      expect((await box.readFile('log', 100))?.toString()).toBe('0\n1\n2\n3\n4\n');
      expect(await judgeContainers()).toHaveLength(1);
    });

    it('moves a box from compile limits to test limits keeping one live container (in place, or a fresh one where the engine cannot update)', async () => {
      const box = await newBox();
      const first = expectOk(await box.run({ argv: ['sh', '-c', 'echo compiled > program'], limits: { ...limits, memoryBytes: 512 * 1024 * 1024, processes: 64 } }));
      expect(first).toMatchObject({ kind: 'exited', exitCode: 0 });
      const second = expectOk(await box.run({ argv: ['sh', '-c', 'cat program; cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max'], limits, stdout: { boxFile: 'out' } }));
      expect(second).toMatchObject({ kind: 'exited', exitCode: 0 });
      const [program, memoryLimit] = ((await box.readFile('out', 1000))?.toString() ?? '').trim().split('\n');
      expect(program).toBe('compiled');
      expect(Number(memoryLimit)).toBe(limits.memoryBytes);
      expect(await judgeContainers()).toHaveLength(1);
    });
  },
});

// The cases only the docker backend has (same title as the shared cases, so each test keeps its full name).
describe('docker sandbox (Podman API) against hostile programs', () => {
  it('keeps nothing in /run, /var/tmp, /dev/shm or message queues from one run to the next, locked-down dirs included', async () => {
    const box = await newBox();
    const places = ['/tmp', '/run', '/var/tmp', '/dev/shm', '/dev/mqueue'];
    const write = places.map((dir) => `echo x > ${dir}/left 2>/dev/null; mkdir -p ${dir}/d/e && echo y > ${dir}/d/e/f && chmod 000 ${dir}/d/e ${dir}/d`).join('; ');
    const first = expectOk(await box.run({ argv: ['sh', '-c', `${write}; ls -d /tmp/left /run/left /var/tmp/left /dev/shm/left`], limits, stdout: { boxFile: 'out' } }));
    expect(first).toMatchObject({ kind: 'exited', exitCode: 0 });
    const check = places.map((dir) => `ls -A ${dir}`).join('; ');
    expectOk(await box.run({ argv: ['sh', '-c', check], limits, stdout: { boxFile: 'out' } }));
    const listing = (await box.readFile('out', 10_000))?.toString() ?? '';
    expect(listing).not.toMatch(/^(left|d)$/m);
  });

  it('gives a validator its read-only files and a host stdin file, and refreshes them per run', async () => {
    const box = await newBox();
    const inputA = join(workDir(), 'a.in');
    const inputB = join(workDir(), 'b.in');
    writeFileSync(inputA, 'first\n');
    writeFileSync(inputB, 'second\n');
    const spec = (input: string): RunSpec => ({
      argv: ['sh', '-c', 'cat /judge/testcase.in; cat; echo x > /judge/testcase.in || echo read-only'],
      limits,
      stdin: { hostFile: input },
      stdout: { boxFile: 'out' },
      stderr: null,
      readOnlyMounts: [{ hostPath: input, sandboxPath: '/judge/testcase.in' }],
    });
    expect(expectOk(await box.run(spec(inputA))).kind).toBe('exited');
    expect((await box.readFile('out', 100))?.toString()).toBe('first\nfirst\nread-only\n');
    expect(expectOk(await box.run(spec(inputB))).kind).toBe('exited');
    expect((await box.readFile('out', 100))?.toString()).toBe('second\nsecond\nread-only\n');
    expect(readFileSync(inputA, 'utf8')).toBe('first\n');
  });

  it('reports a program that is not installed as a sandbox failure, not a verdict', async () => {
    const box = await newBox();
    const result = await box.run({ argv: ['no-such-compiler'], limits });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.internalError).toMatch(/no-such-compiler/);
  });
});
