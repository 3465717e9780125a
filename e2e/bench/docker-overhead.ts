/**
 * Benchmark: what the docker backend costs over the native one, on the same machine, for one
 * accepted C++ submission with 50 test cases (the `add` fixture's add.cpp, inputs generated
 * here): compile in the sandbox, then every test case with stdin from a host file and stdout to
 * a box file, as the judging steps do. Prints the medians per phase over S submissions per
 * backend (interleaved) and the per-submission and per-test-case overheads. "Program wall" is
 * what each backend itself reports (native: bwrap's lifetime; docker: the runner's fork to exit),
 * so the agent-side figures are the comparable ones.
 *
 * The docker backend runs against Podman's Docker API (a private `podman system service`, the
 * same helper the docker sandbox tests use; ARENA_DOCKER_HOST points it at a real Docker Engine).
 * Needs root.
 *
 *   npx tsx e2e/bench/docker-overhead.ts [submissions=3] [testcases=50]
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDockerSandbox } from '../../apps/judge-agent/src/sandbox/docker/docker-sandbox.js';
import { createNativeSandbox } from '../../apps/judge-agent/src/sandbox/native-sandbox.js';
import type { RunLimits, RunResult, Sandbox } from '../../apps/judge-agent/src/sandbox/sandbox.js';
import { startEngineUnderTest } from '../../apps/judge-agent/sandbox-tests/helpers/podman-service.js';
import { buildTestImage, hostToolchainBinds, TEST_IMAGE } from '../../apps/judge-agent/sandbox-tests/helpers/podman-test-image.js';

const MIB = 1024 * 1024;
const source = new URL('../../apps/judge-agent/test/fixtures/problems/add/submissions/accepted/add.cpp', import.meta.url).pathname;
const compileLimits: RunLimits = { cpuTimeMs: 60_000, wallTimeMs: 120_000, memoryBytes: 2048 * MIB, processes: 128, outputBytes: 256 * MIB };
const runLimits: RunLimits = { cpuTimeMs: 1000, wallTimeMs: 3000, memoryBytes: 256 * MIB, processes: 16, outputBytes: 8 * MIB };

interface SubmissionTimes {
  createMs: number;
  compileMs: number;
  compileProgramMs: number;
  testAgentMs: number[];
  testProgramMs: number[];
  destroyMs: number;
  totalMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function expectExit0(result: RunResult, what: string): number {
  if (!result.ok) throw new Error(`${what}: sandbox failure: ${result.internalError}`);
  if (result.outcome.kind !== 'exited' || result.outcome.exitCode !== 0) throw new Error(`${what}: ${JSON.stringify(result.outcome)}`);
  return result.outcome.wallTimeMs;
}

async function judgeOnce(sandbox: Sandbox, inputs: string[], answers: string[]): Promise<SubmissionTimes> {
  const start = now();
  const box = await sandbox.createBox();
  const created = now();
  try {
    await box.copyIn(source, 'add.cpp');
    const compileProgramMs = expectExit0(await box.run({
      argv: ['g++', '-std=gnu++20', '-O2', '-pipe', '-static', '-o', 'solution', 'add.cpp'],
      limits: compileLimits,
      stderr: { boxFile: 'compile.err' },
    }), 'compile');
    const compiled = now();
    const testAgentMs: number[] = [];
    const testProgramMs: number[] = [];
    for (let index = 0; index < inputs.length; index++) {
      const before = now();
      const programMs = expectExit0(await box.run({ argv: ['./solution'], limits: runLimits, stdin: { hostFile: inputs[index]! }, stdout: { boxFile: '.output' }, stderr: null }), `test ${index + 1}`);
      const output = (await box.readFile('.output', 1000))?.toString().trim();
      testAgentMs.push(now() - before);
      testProgramMs.push(programMs);
      if (output !== answers[index]) throw new Error(`test ${index + 1}: wrong answer ${output}`);
    }
    const beforeDestroy = now();
    await box.destroy();
    const end = now();
    return { createMs: created - start, compileMs: compiled - created, compileProgramMs, testAgentMs, testProgramMs, destroyMs: end - beforeDestroy, totalMs: end - start };
  } catch (error) {
    await box.destroy().catch(() => undefined);
    throw error;
  }
}

function summarize(all: SubmissionTimes[]) {
  return {
    createMs: median(all.map((times) => times.createMs)),
    compileMs: median(all.map((times) => times.compileMs)),
    compileProgramMs: median(all.map((times) => times.compileProgramMs)),
    firstTestAgentMs: median(all.map((times) => times.testAgentMs[0] ?? 0)),
    testAgentMs: median(all.flatMap((times) => times.testAgentMs.slice(1))),
    testProgramMs: median(all.flatMap((times) => times.testProgramMs.slice(1))),
    testsTotalMs: median(all.map((times) => times.testAgentMs.reduce((sum, value) => sum + value, 0))),
    destroyMs: median(all.map((times) => times.destroyMs)),
    totalMs: median(all.map((times) => times.totalMs)),
  };
}

async function main(): Promise<void> {
  const submissions = Number(process.argv[2] ?? 3);
  const testcases = Number(process.argv[3] ?? 50);
  const workDir = await mkdtemp(join(tmpdir(), 'arena-docker-bench-'));
  chmodSync(workDir, 0o711); // box uids must reach the native backend's boxes below it
  const engine = await startEngineUnderTest();
  try {
    await buildTestImage(engine);
    const inputs: string[] = [];
    const answers: string[] = [];
    for (let index = 0; index < testcases; index++) {
      const a = index * 7919 - 100_000;
      const b = index * 104_729;
      inputs.push(join(workDir, `${index}.in`));
      writeFileSync(inputs[index]!, `${a} ${b}\n`);
      answers.push(String(a + b));
    }
    const native = createNativeSandbox({ workDir: join(workDir, 'native') });
    const docker = createDockerSandbox({ workDir: join(workDir, 'docker'), docker: engine.docker, image: TEST_IMAGE, extraBinds: hostToolchainBinds() });
    // One warm-up submission each (page cache, image layers), not counted.
    await judgeOnce(native, inputs.slice(0, 2), answers);
    await judgeOnce(docker, inputs.slice(0, 2), answers);
    const loadBefore = loadavg()[0]!.toFixed(2);
    const times: { native: SubmissionTimes[]; docker: SubmissionTimes[] } = { native: [], docker: [] };
    for (let round = 0; round < submissions; round++) {
      times.native.push(await judgeOnce(native, inputs, answers));
      times.docker.push(await judgeOnce(docker, inputs, answers));
    }
    const n = summarize(times.native);
    const d = summarize(times.docker);
    const row = (label: string, a: number, b: number) => `${label.padEnd(42)} ${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)} ${(b - a).toFixed(1).padStart(9)}`;
    console.log(`docker backend vs native: ${submissions} submissions x ${testcases} test cases each (C++ add.cpp), medians in ms`);
    console.log(`engine: ${engine.description}; load average ${loadBefore} → ${loadavg()[0]!.toFixed(2)}`);
    console.log(`${''.padEnd(42)} ${'native'.padStart(9)} ${'docker'.padStart(9)} ${'diff'.padStart(9)}`);
    console.log(row('createBox', n.createMs, d.createMs));
    console.log(row('compile (agent side, incl. container start)', n.compileMs, d.compileMs));
    console.log(row('compile (g++ itself, measured inside)', n.compileProgramMs, d.compileProgramMs));
    console.log(row('first test case (docker: + container start)', n.firstTestAgentMs, d.firstTestAgentMs));
    console.log(row('one later test case (agent side)', n.testAgentMs, d.testAgentMs));
    console.log(row('one later test case (program wall, inside)', n.testProgramMs, d.testProgramMs));
    console.log(row('per-test overhead (agent - program)', n.testAgentMs - n.testProgramMs, d.testAgentMs - d.testProgramMs));
    console.log(row(`all ${testcases} test cases`, n.testsTotalMs, d.testsTotalMs));
    console.log(row('destroy', n.destroyMs, d.destroyMs));
    console.log(row('whole submission', n.totalMs, d.totalMs));
    const perTestDiff = (d.testAgentMs - d.testProgramMs) - (n.testAgentMs - n.testProgramMs);
    console.log(`per-submission container overhead (whole submission diff minus ${testcases} x per-test diff): ${((d.totalMs - n.totalMs) - testcases * perTestDiff).toFixed(1)} ms`);
    console.log(`per-test-case overhead of docker over native: ${perTestDiff.toFixed(1)} ms`);
  } finally {
    await engine.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
