/**
 * The hostile-program suite against the REAL docker backend, through Podman's Docker-compatible
 * API (helpers/podman-service.ts starts a private service; ARENA_DOCKER_HOST=unix:///var/run/docker.sock
 * runs it against a real Docker Engine instead). Mirrors hostile.test.ts attack for attack (the
 * attackers are shared, attackers.ts); where the docker backend differs by design the test says
 * so. After every test: no process of a box uid alive and no judge container left. Needs root.
 */
import { createServer, type Server } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDockerSandbox } from '../src/sandbox/docker/docker-sandbox.js';
import type { Box, ExecOutcome, RunLimits, RunResult, RunSpec, Sandbox } from '../src/sandbox/sandbox.js';
import { attackerSources, compileAttackSources } from './attackers.js';
import { boxUid, compileAllInBox, compileLimits, liveProcessesOf } from './hostile-helpers.js';
import { startEngineUnderTest, type EngineUnderTest } from './helpers/podman-service.js';
import { buildTestImage, hostToolchainBinds, TEST_IMAGE } from './helpers/podman-test-image.js';

const secretText = `TOP-SECRET-ANSWER-${process.pid}-9c1d`;
const limits: RunLimits = {
  cpuTimeMs: 1000,
  wallTimeMs: 3000,
  memoryBytes: 64 * 1024 * 1024,
  processes: 32,
  outputBytes: 1024 * 1024,
};

let engine: EngineUnderTest;
let workDir: string;
let sandbox: Sandbox;
let binaries: Map<string, Buffer>;
let secretFile: string;
const boxesOfTest: Box[] = [];

async function newBox(): Promise<Box> {
  const box = await sandbox.createBox();
  boxesOfTest.push(box);
  return box;
}

async function attack(name: string, spec: Partial<RunSpec> = {}, box?: Box): Promise<{ outcome: ExecOutcome; stdout: string; box: Box }> {
  const target = box ?? (await newBox());
  const binary = binaries.get(name);
  if (!binary) throw new Error(`no attacker ${name}`);
  await target.writeFile(name, binary, 0o755);
  const result = await target.run({ argv: [`./${name}`], limits, stdout: { boxFile: 'stdout.txt' }, ...spec });
  const outcome = expectOk(result);
  const stdout = (await target.readFile('stdout.txt', 1024 * 1024))?.toString() ?? '';
  return { outcome, stdout, box: target };
}

function expectOk(result: RunResult): ExecOutcome {
  if (!result.ok) throw new Error(`sandbox failure: ${result.internalError}`);
  return result.outcome;
}

async function judgeContainers(): Promise<string[]> {
  const containers = await engine.docker.listContainers({ all: true, filters: { label: ['org.arena.judge.owner-pid'] } });
  return containers.map((container) => container.Id);
}

beforeAll(async () => {
  engine = await startEngineUnderTest();
  await buildTestImage(engine);
  workDir = await mkdtemp(join(tmpdir(), 'arena-docker-hostile-'));
  secretFile = join(workDir, 'testdata-answer.txt');
  writeFileSync(secretFile, `${secretText}\n`, { mode: 0o644 });
  sandbox = createDockerSandbox({ workDir, docker: engine.docker, image: TEST_IMAGE, extraBinds: hostToolchainBinds() });
  const compileBox = await sandbox.createBox();
  try {
    binaries = await compileAllInBox(compileBox, attackerSources);
  } finally {
    await compileBox.destroy();
  }
}, 180_000);

afterEach(async () => {
  const boxes = boxesOfTest.splice(0);
  const uids = new Set(boxes.map(boxUid));
  await Promise.all(boxes.map((box) => box.destroy()));
  expect(liveProcessesOf(uids)).toEqual([]);
  expect(await judgeContainers()).toEqual([]);
});

afterAll(async () => {
  await engine?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 60_000);

describe('docker sandbox (Podman API) against hostile programs', () => {
  it('reports a clean exit with its exit code', async () => {
    const box = await newBox();
    const result = await box.run({ argv: ['sh', '-c', 'echo hello; exit 3'], limits, stdout: { boxFile: 'out' } });
    expect(expectOk(result)).toMatchObject({ kind: 'exited', exitCode: 3, signal: null });
    expect((await box.readFile('out', 100))?.toString()).toBe('hello\n');
  });

  it('reports a crash as signaled', async () => {
    const box = await newBox();
    const outcome = expectOk(await box.run({ argv: ['sh', '-c', 'kill -SEGV $$'], limits }));
    expect(outcome).toMatchObject({ kind: 'signaled', signal: 'SIGSEGV', exitCode: null });
  });

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

  it('contains a fork bomb within the process limit and kills it all', async () => {
    const { outcome } = await attack('fork-bomb', { limits: { ...limits, wallTimeMs: 2000 } });
    expect(['cpu-limit', 'wall-limit']).toContain(outcome.kind);
  });

  it('caps the number of processes: fork() fails at the limit', async () => {
    const { outcome, stdout } = await attack('fork-count');
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
    const forked = Number(/forked (\d+)/.exec(stdout)?.[1]);
    expect(forked).toBeGreaterThan(0);
    expect(forked).toBeLessThan(limits.processes);
  });

  it('stops a heap hog at the memory limit (decided from the cgroup OOM count, not State.OOMKilled)', async () => {
    const { outcome } = await attack('heap-hog');
    expect(outcome.kind).toBe('memory-limit');
    expect(outcome.peakMemoryBytes).toBeLessThanOrEqual(limits.memoryBytes);
    expect(outcome.peakMemoryBytes).toBeGreaterThan(limits.memoryBytes / 2);
  });

  it('stops deep recursion at the memory limit (the stack is limited only by memory)', async () => {
    const { outcome } = await attack('stack-hog');
    expect(outcome.kind).toBe('memory-limit');
  });

  it('caps /tmp at its size', async () => {
    const tmpBytes = 16 * 1024 * 1024;
    const { outcome, stdout } = await attack('tmp-fill', { limits: { ...limits, tmpBytes, outputBytes: 1 << 30 } });
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 4 });
    const written = Number(/written (\d+)/.exec(stdout)?.[1]);
    expect(written).toBeLessThanOrEqual(tmpBytes);
  });

  it('counts /tmp against the memory limit', async () => {
    const { outcome } = await attack('tmp-fill', { limits: { ...limits, tmpBytes: 256 * 1024 * 1024, outputBytes: 1 << 30 } });
    expect(outcome.kind).toBe('memory-limit');
  });

  it('stops a stdout flood at the output limit', async () => {
    const { outcome, box } = await attack('stdout-flood');
    expect(outcome.kind).toBe('output-limit');
    const captured = await box.readFile('stdout.txt', 10 * limits.outputBytes);
    expect(captured?.length).toBeLessThanOrEqual(limits.outputBytes);
  });

  it('stops a file flood at the output limit', async () => {
    const { outcome, box } = await attack('file-flood');
    expect(outcome.kind).toBe('output-limit');
    const written = await box.readFile('big.txt', 10 * limits.outputBytes);
    expect(written?.length).toBeLessThanOrEqual(limits.outputBytes);
  });

  it('stops a busy loop at the CPU limit', async () => {
    const { outcome } = await attack('burn', { limits: { ...limits, wallTimeMs: 30_000 } });
    expect(outcome.kind).toBe('cpu-limit');
    expect(outcome.cpuTimeMs).toBeGreaterThanOrEqual(limits.cpuTimeMs);
  });

  it('counts the CPU time of all processes: 4 busy children stop at ~1 s in total, not 4 s', async () => {
    const { outcome } = await attack('burn-forks', { limits: { ...limits, wallTimeMs: 30_000 } });
    expect(outcome.kind).toBe('cpu-limit');
    expect(outcome.cpuTimeMs).toBeLessThan(2 * limits.cpuTimeMs);
  });

  it('counts the CPU time of all threads', async () => {
    const { outcome } = await attack('burn-threads', { limits: { ...limits, wallTimeMs: 30_000 } });
    expect(outcome.kind).toBe('cpu-limit');
    expect(outcome.cpuTimeMs).toBeLessThan(2 * limits.cpuTimeMs);
  });

  it('stops a sleeper at the wall-time limit', async () => {
    const { outcome } = await attack('sleeper', { limits: { ...limits, wallTimeMs: 500 } });
    expect(outcome.kind).toBe('wall-limit');
    expect(outcome.cpuTimeMs).toBeLessThan(limits.cpuTimeMs);
  });

  it('stops a program that SIGSTOPs itself at the wall-time limit', async () => {
    const { outcome } = await attack('self-stop', { limits: { ...limits, wallTimeMs: 500 } });
    expect(outcome.kind).toBe('wall-limit');
  });

  describe('network', () => {
    let server: Server;
    let port: number;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('cannot reach the outside or the host loopback services', async () => {
      const { outcome, stdout } = await attack('connect', { argv: ['./connect', '1.1.1.1', '53', '127.0.0.1', String(port)] });
      expect(stdout).toContain('FAILED 1.1.1.1:53');
      expect(stdout).toContain(`FAILED 127.0.0.1:${port}`);
      expect(stdout).not.toContain('CONNECTED');
      expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
      expect(connections).toBe(0);
    });
  });

  it('cannot read host secrets, the judge work dir, other boxes or testdata answers', async () => {
    const otherBox = await newBox();
    await otherBox.writeFile('solution.cpp', 'OTHER-TEAM-CODE');
    // The image's own /etc/passwd is readable by design (it is not the host's), so it is not a target here.
    const targets = ['/etc/shadow', '/root', workDir, secretFile, otherBox.hostDir, join(otherBox.hostDir, 'solution.cpp'), '/proc/1/root/etc/shadow', '/proc/1/environ', '/arena-io/../box/../proc/1/root'];
    const { stdout } = await attack('read-files', { argv: ['./read-files', ...targets] });
    expect(stdout.trim().split('\n').sort()).toEqual(targets.map((target) => `DENIED ${target}`).sort());
    expect(stdout).not.toContain(secretText);
    expect(stdout).not.toContain('OTHER-TEAM-CODE');
  });

  it('sees no environment secrets of the judge, not even through /proc', async () => {
    process.env.ARENA_TEST_SECRET = secretText;
    try {
      const { stdout } = await attack('env-probe');
      expect(stdout).toContain('ENV PATH=/usr/bin:/bin');
      expect(stdout).not.toContain(secretText);
      expect(stdout).not.toContain('ARENA_TEST_SECRET');
    } finally {
      delete process.env.ARENA_TEST_SECRET;
    }
  });

  it('inherits no file descriptor of the runner beyond stdin, stdout and stderr', async () => {
    const { outcome, stdout } = await attack('list-fds');
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
    const fds = [...stdout.matchAll(/^FD (\d+) (.*)$/gm)].map((match) => ({ fd: Number(match[1]), target: match[2] }));
    expect(fds.map(({ fd }) => fd)).toEqual([0, 1, 2]);
  });

  it('cannot write outside the box; host paths stay unchanged', async () => {
    const marker = `arena-pwn-${process.pid}`;
    const hostTmpFile = join(tmpdir(), marker);
    const targets = [`/usr/${marker}`, `/etc/${marker}`, `/${marker}`, `/tmp/${marker}`, `/box/${marker}`, `/arena-io/${marker}`, join(workDir, marker)];
    const { stdout } = await attack('write-files', { argv: ['./write-files', ...targets] });
    expect(stdout).toContain(`REFUSED /usr/${marker}`);
    expect(stdout).toContain(`REFUSED /etc/${marker}`);
    expect(stdout).toContain(`REFUSED /${marker}`);
    expect(stdout).toContain(`REFUSED /arena-io/${marker}`);
    expect(stdout).toContain(`WROTE /box/${marker}`);
    for (const hostPath of [`/usr/${marker}`, `/etc/${marker}`, `/${marker}`, hostTmpFile, join(workDir, marker)]) {
      expect(existsSync(hostPath)).toBe(false);
    }
  });

  it('keeps nothing in /tmp from one run to the next (same container)', async () => {
    const box = await newBox();
    const first = await attack('tmp-state', { argv: ['./tmp-state', 'write'] }, box);
    expect(first.outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
    const second = await attack('tmp-state', { argv: ['./tmp-state', 'check'] }, box);
    expect(second.outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
  });

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

  it('cannot signal the runner or the init: the next run of the box still works', async () => {
    const box = await newBox();
    const { outcome, stdout } = await attack('kill-parent', {}, box);
    expect(stdout).toMatch(/kill-ppid -1\b/);
    expect(stdout).toMatch(/kill-1 -1\b/);
    expect(['exited', 'signaled']).toContain(outcome.kind);
    expect(process.kill(process.pid, 0)).toBe(true);
    const after = expectOk(await box.run({ argv: ['true'], limits }));
    expect(after).toMatchObject({ kind: 'exited', exitCode: 0 });
  });

  it('leaves no daemon behind: a double-forked setsid sleeper dies with the run', async () => {
    const box = await newBox();
    const { outcome } = await attack('daemon', {}, box);
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
    // The container is still up (runner and init run as root); nothing of the box uid is.
    expect(liveProcessesOf(new Set([boxUid(box)]))).toEqual([]);
  });

  it('a Python attacker gets no further than a C one', async () => {
    const box = await newBox();
    await box.writeFile('attack.py', [
      'import os, socket',
      'def attempt(name, action):',
      '    try:',
      '        action()',
      '        print("SUCCEEDED", name)',
      '    except Exception as error:',
      '        print("FAILED", name, type(error).__name__)',
      'attempt("read-shadow", lambda: open("/etc/shadow").read())',
      `attempt("read-answer", lambda: open(${JSON.stringify(secretFile)}).read())`,
      'attempt("connect-outside", lambda: socket.create_connection(("1.1.1.1", 53), timeout=2))',
      'attempt("write-usr", lambda: open("/usr/pwned", "w").write("x"))',
      'attempt("setuid-root", lambda: os.setuid(0))',
      'attempt("chroot", lambda: os.chroot("/tmp"))',
      'attempt("kill-runner", lambda: os.kill(os.getppid(), 9))',
      'print("SECRET" if any("SECRET" in v for v in os.environ.values()) else "NO-SECRET")',
    ].join('\n'));
    process.env.ARENA_TEST_SECRET = secretText;
    try {
      const result = await box.run({ argv: ['python3', 'attack.py'], limits, stdout: { boxFile: 'out.txt' } });
      expect(expectOk(result)).toMatchObject({ kind: 'exited', exitCode: 0 });
    } finally {
      delete process.env.ARENA_TEST_SECRET;
    }
    const out = (await box.readFile('out.txt', 100_000))?.toString() ?? '';
    for (const name of ['read-shadow', 'read-answer', 'connect-outside', 'write-usr', 'setuid-root', 'chroot', 'kill-runner']) {
      expect(out).toMatch(new RegExp(`^FAILED ${name} `, 'm'));
    }
    expect(out).toContain('NO-SECRET');
    expect(out).not.toContain('SUCCEEDED');
    expect(existsSync('/usr/pwned')).toBe(false);
  });

  it('cannot make the judge read or overwrite host files through planted symlinks', async () => {
    const victim = join(workDir, 'victim.txt');
    writeFileSync(victim, 'original');
    const box = await newBox();
    const { outcome } = await attack('plant-links', { argv: ['./plant-links', '/etc/shadow', 'answer.txt', victim, 'input.txt', '/etc', 'dir'] }, box);
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
    expect(await box.readFile('answer.txt', 1000)).toBeNull();
    await box.writeFile('input.txt', 'testcase input');
    expect(readFileSync(victim, 'utf8')).toBe('original');
    expect((await box.readFile('input.txt', 1000))?.toString()).toBe('testcase input');
    await expect(box.writeFile('dir/passwd', 'x')).rejects.toThrow(/not a directory/);
    const run = await box.run({ argv: ['true'], limits, stdout: { boxFile: 'input.txt' } });
    expect(expectOk(run).kind).toBe('exited');
  });

  it('gives a validator its read-only files and a host stdin file, and refreshes them per run', async () => {
    const box = await newBox();
    const inputA = join(workDir, 'a.in');
    const inputB = join(workDir, 'b.in');
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

  describe('compile-time attacks (gcc/g++ inside the container with compile limits)', () => {
    async function compile(fileName: string): Promise<{ outcome: ExecOutcome; output: string }> {
      const box = await newBox();
      const sources = compileAttackSources(secretFile);
      await box.writeFile(fileName, sources[fileName]!);
      const compiler = fileName.endsWith('.cpp') ? 'g++' : 'gcc';
      const result = await box.run({
        argv: [compiler, '-o', 'program', fileName],
        limits: { ...compileLimits, cpuTimeMs: 5000, wallTimeMs: 30_000, memoryBytes: 256 * 1024 * 1024, outputBytes: 64 * 1024 },
        stdout: { boxFile: 'compile.out' },
        stderr: { boxFile: 'compile.err' },
      });
      const outcome = expectOk(result);
      const output = `${(await box.readFile('compile.out', 1 << 20))?.toString() ?? ''}${(await box.readFile('compile.err', 1 << 20))?.toString() ?? ''}`;
      return { outcome, output };
    }
    const failed = (outcome: ExecOutcome) => !(outcome.kind === 'exited' && outcome.exitCode === 0);

    it.each(['include-zero.c', 'include-urandom.c', 'recursive-include.c', 'error-flood.c', 'template-bomb.cpp'])('%s fails or hits a limit, never hangs', async (fileName) => {
      const { outcome, output } = await compile(fileName);
      expect(failed(outcome)).toBe(true);
      expect(output.length).toBeLessThanOrEqual(2 * 64 * 1024);
    });

    it.each(['include-shadow.c', 'include-secret.c'])('%s cannot pull a host file into the compiler output', async (fileName) => {
      const { outcome, output } = await compile(fileName);
      expect(outcome).toMatchObject({ kind: 'exited' });
      expect(outcome.exitCode).not.toBe(0);
      expect(output).toMatch(/No such file or directory/);
      expect(output).not.toContain(secretText);
      expect(output).not.toMatch(/root:/);
    });
  });
});
