/**
 * The hostile-program suite shared by every sandbox backend: `defineHostileSuite` registers the
 * file's hooks (set up the sandbox, compile the attackers inside it, check cleanup after every
 * test) and every attack from reference/sandbox-notes.md with its expected outcome. Where a
 * backend differs by design it passes the difference in (`HostileBackend`); cases only one
 * backend has stay in that backend's test file, using the returned `HostileHarness`.
 */
import { createServer, type Server } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Box, ExecOutcome, RunLimits, RunResult, RunSpec, Sandbox } from '../src/sandbox/sandbox.js';
import { attackerSources, compileAttackSources } from './attackers.js';
import { boxUid, compileAllInBox, compileLimits, liveProcessesOf } from './hostile-helpers.js';

export const hostileLimits: RunLimits = {
  cpuTimeMs: 1000,
  wallTimeMs: 3000,
  memoryBytes: 64 * 1024 * 1024,
  processes: 32,
  outputBytes: 1024 * 1024,
};

export interface FdEntry {
  fd: number;
  target: string | undefined;
}

/** What one backend brings to the shared suite. */
export interface HostileBackend {
  /** Names the backend in the suite title: `${name} against hostile programs`. */
  name: string;
  /** Tells this file's secrets and temp dirs apart from a concurrently running suite's. */
  tag: string;
  setUpTimeoutMs: number;
  tearDownTimeoutMs?: number;
  /** Starts whatever the backend needs and returns the sandbox working under `workDir`. */
  createSandbox(workDir: string): Promise<Sandbox>;
  /** Destroys the boxes of the finished test and asserts the backend left nothing behind. */
  afterTest(boxes: Box[]): Promise<void>;
  /** Stops what `createSandbox` started (called before the work dir is removed). */
  tearDown(): Promise<void>;
  /** More paths the read-files attacker must be denied (beside the host secrets all backends deny). */
  extraReadTargets: string[];
  /** Directories where writing must be refused (beside /usr, /etc and /). */
  extraRefusedWriteDirs: string[];
  /** More `attempt(name, lambda)` lines for the Python attacker: name → Python expression. */
  extraPythonAttempts: Record<string, string>;
  /** Whose descriptors a program could inherit ('judge', 'runner'), and the check of what it saw. */
  fdHolder: string;
  checkFds(fds: FdEntry[]): void;
  /** Extra memory-limit assertions for the heap hog, with the note added to the test title. */
  heapHog?: { note: string; check(outcome: ExecOutcome): void };
  /** Added to the /tmp-state title, e.g. ' (same container)'. */
  tmpStateNote?: string;
  /** Title and backend-specific assertions of the kill-parent attack (beyond: the judge survives). */
  killParent: { title: string; check(stdout: string, box: Box): Promise<void> };
  /** Where the compilers run, for the title: 'sandbox', 'container'. */
  compilePlace: string;
  /**
   * Backend-specific cases registered right after the basic exit and crash cases, in the shared
   * describe (the docker suite has always run its one-container cases there, before any attack).
   */
  casesAfterBasics?(harness: HostileHarness): void;
}

/** What backend-specific cases of a file use; valid inside tests (after the suite's beforeAll). */
export interface HostileHarness {
  /** A fresh box, destroyed and checked after the current test. */
  newBox(): Promise<Box>;
  workDir(): string;
}

/** The outcome of a run the sandbox completed; throws on a sandbox failure. */
export function expectOk(result: RunResult): ExecOutcome {
  if (!result.ok) throw new Error(`sandbox failure: ${result.internalError}`);
  return result.outcome;
}

export function defineHostileSuite(backend: HostileBackend): HostileHarness {
  const limits = hostileLimits;
  const secretText = `TOP-SECRET-ANSWER-${process.pid}-${backend.tag}`;
  let workDir: string | undefined;
  let sandbox: Sandbox;
  let binaries: Map<string, Buffer>;
  let secretFile: string;
  const boxesOfTest: Box[] = [];

  function currentWorkDir(): string {
    if (!workDir) throw new Error('the hostile suite is not set up');
    return workDir;
  }

  async function newBox(): Promise<Box> {
    const box = await sandbox.createBox();
    boxesOfTest.push(box);
    return box;
  }

  /** Runs a compiled attacker in a fresh box (or `box`); returns the outcome and its stdout. */
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

  const harness: HostileHarness = { newBox, workDir: currentWorkDir };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), `arena-${backend.tag}-hostile-`));
    secretFile = join(workDir, 'testdata-answer.txt');
    writeFileSync(secretFile, `${secretText}\n`, { mode: 0o644 });
    sandbox = await backend.createSandbox(workDir);
    const compileBox = await sandbox.createBox();
    try {
      binaries = await compileAllInBox(compileBox, attackerSources);
    } finally {
      await compileBox.destroy();
    }
  }, backend.setUpTimeoutMs);

  afterEach(async () => {
    await backend.afterTest(boxesOfTest.splice(0));
  });

  afterAll(async () => {
    await backend.tearDown();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }, backend.tearDownTimeoutMs);

  describe(`${backend.name} against hostile programs`, () => {
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

    backend.casesAfterBasics?.(harness);

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

    it(`stops a heap hog at the memory limit${backend.heapHog?.note ?? ''}`, async () => {
      const { outcome } = await attack('heap-hog');
      expect(outcome.kind).toBe('memory-limit');
      expect(outcome.peakMemoryBytes).toBeLessThanOrEqual(limits.memoryBytes);
      backend.heapHog?.check(outcome);
    });

    it('stops deep recursion at the memory limit (the stack is limited only by memory)', async () => {
      const { outcome } = await attack('stack-hog');
      expect(outcome.kind).toBe('memory-limit');
    });

    it('caps /tmp at its size', async () => {
      const tmpBytes = 16 * 1024 * 1024;
      // outputBytes (RLIMIT_FSIZE) also caps each /tmp file; raise it so the tmpfs size is what stops the writer.
      const { outcome, stdout } = await attack('tmp-fill', { limits: { ...limits, tmpBytes, outputBytes: 1 << 30 } });
      expect(outcome).toMatchObject({ kind: 'exited', exitCode: 4 });
      const written = Number(/written (\d+)/.exec(stdout)?.[1]);
      expect(written).toBeLessThanOrEqual(tmpBytes);
    });

    it('counts /tmp against the memory limit', async () => {
      const spec = { limits: { ...limits, tmpBytes: 256 * 1024 * 1024, outputBytes: 1 << 30 } };
      // Known flake of the Docker backend on a loaded machine (Podman here): the kernel's OOM
      // killer sometimes picks the container's runner instead of the program; the backend then
      // reports a sandbox failure (a judging error, re-queued — never a verdict). One retry in a
      // fresh box; the run that completes must report the memory limit.
      const outcome = await attack('tmp-fill', spec).catch(async (err: Error) => {
        if (!/sandbox failure: docker sandbox: the judge container ended/.test(err.message)) throw err;
        return attack('tmp-fill', spec);
      });
      expect(outcome.outcome.kind).toBe('memory-limit');
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
      // A generous wall limit: on a loaded machine the program gets only part of a core.
      const { outcome } = await attack('burn', { limits: { ...limits, wallTimeMs: 30_000 } });
      expect(outcome.kind).toBe('cpu-limit');
      expect(outcome.cpuTimeMs).toBeGreaterThanOrEqual(limits.cpuTimeMs);
    });

    it.each([
      ['processes: 4 busy children stop at ~1 s in total, not 4 s', 'burn-forks'],
      ['threads', 'burn-threads'],
    ])('counts the CPU time of all %s', async (_what, attacker) => {
      const { outcome } = await attack(attacker, { limits: { ...limits, wallTimeMs: 30_000 } });
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
      const targets = [
        '/etc/shadow', '/root', currentWorkDir(), secretFile, otherBox.hostDir, join(otherBox.hostDir, 'solution.cpp'), '/proc/1/root/etc/shadow',
        ...backend.extraReadTargets,
      ];
      const { stdout } = await attack('read-files', { argv: ['./read-files', ...targets] });
      // Every attempt ran and was refused: one DENIED line per target, nothing read or listed.
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

    it(`inherits no file descriptor of the ${backend.fdHolder} beyond stdin, stdout and stderr`, async () => {
      const { outcome, stdout } = await attack('list-fds');
      expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
      backend.checkFds([...stdout.matchAll(/^FD (\d+) (.*)$/gm)].map((match) => ({ fd: Number(match[1]), target: match[2] })));
    });

    it('cannot write outside the box; host paths stay unchanged', async () => {
      const marker = `arena-pwn-${process.pid}`;
      const hostTmpFile = join(tmpdir(), marker);
      const refusedDirs = ['/usr', '/etc', '', ...backend.extraRefusedWriteDirs];
      const targets = [...refusedDirs.map((dir) => `${dir}/${marker}`), `/tmp/${marker}`, `/box/${marker}`, join(currentWorkDir(), marker)];
      const { stdout } = await attack('write-files', { argv: ['./write-files', ...targets] });
      for (const dir of refusedDirs) expect(stdout).toContain(`REFUSED ${dir}/${marker}`);
      expect(stdout).toContain(`WROTE /box/${marker}`); // its own box is writable
      for (const hostPath of [`/usr/${marker}`, `/etc/${marker}`, `/${marker}`, hostTmpFile, join(currentWorkDir(), marker)]) {
        expect(existsSync(hostPath)).toBe(false);
      }
    });

    it(`keeps nothing in /tmp from one run to the next${backend.tmpStateNote ?? ''}`, async () => {
      const box = await newBox();
      const first = await attack('tmp-state', { argv: ['./tmp-state', 'write'] }, box);
      expect(first.outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
      const second = await attack('tmp-state', { argv: ['./tmp-state', 'check'] }, box);
      expect(second.outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
    });

    it(backend.killParent.title, async () => {
      const box = await newBox();
      const { outcome, stdout } = await attack('kill-parent', {}, box);
      expect(['exited', 'signaled']).toContain(outcome.kind);
      expect(process.kill(process.pid, 0)).toBe(true);
      await backend.killParent.check(stdout, box);
    });

    it('leaves no daemon behind: a double-forked setsid sleeper dies with the run', async () => {
      const box = await newBox();
      const { outcome } = await attack('daemon', {}, box);
      expect(outcome).toMatchObject({ kind: 'exited', exitCode: 0 });
      // Whatever of the sandbox itself stays up (docker: runner and init, as root), nothing of the box uid does.
      expect(liveProcessesOf(new Set([boxUid(box)]))).toEqual([]);
    });

    it('a Python attacker gets no further than a C one', async () => {
      const box = await newBox();
      const attempts: Record<string, string> = {
        'read-shadow': 'open("/etc/shadow").read()',
        'read-answer': `open(${JSON.stringify(secretFile)}).read()`,
        'connect-outside': 'socket.create_connection(("1.1.1.1", 53), timeout=2)',
        'write-usr': 'open("/usr/pwned", "w").write("x")',
        'setuid-root': 'os.setuid(0)',
        'chroot': 'os.chroot("/tmp")',
        ...backend.extraPythonAttempts,
      };
      await box.writeFile('attack.py', [
        'import os, socket',
        'def attempt(name, action):',
        '    try:',
        '        action()',
        '        print("SUCCEEDED", name)',
        '    except Exception as error:',
        '        print("FAILED", name, type(error).__name__)',
        ...Object.entries(attempts).map(([name, action]) => `attempt(${JSON.stringify(name)}, lambda: ${action})`),
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
      for (const name of Object.keys(attempts)) {
        expect(out).toMatch(new RegExp(`^FAILED ${name} `, 'm'));
      }
      expect(out).toContain('NO-SECRET');
      expect(out).not.toContain('SUCCEEDED');
      expect(existsSync('/usr/pwned')).toBe(false);
    });

    it('cannot make the judge read or overwrite host files through planted symlinks', async () => {
      const victim = join(currentWorkDir(), 'victim.txt');
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

    describe(`compile-time attacks (gcc/g++ inside the ${backend.compilePlace} with compile limits)`, () => {
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

  return harness;
}
