/**
 * Benchmark: end-to-end judging through the native sandbox.
 *
 * 1. One accepted C++ submission on a problem with 50 small test cases: compile time (the
 *    compiler's run) and total judging time; target total <= compile + 1.5 s.
 * 2. Throughput: N copies of that submission judged one at a time, then two at a time (one CPU
 *    each, the 2-core judge box case): submissions per minute.
 *
 * Needs root (the native sandbox does). Prints figures; asserts nothing.
 *
 *   npx tsx e2e/bench/judge-throughput.ts [submissions=8]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNativeSandbox } from '../../apps/judge-agent/src/sandbox/native-sandbox.js';
import type { Box, Sandbox } from '../../apps/judge-agent/src/sandbox/sandbox.js';
import { judgeSubmission } from '../../apps/judge-agent/src/steps/judge-submission.js';
import { buildLocalJob } from '../../apps/judge-agent/src/main/judge-local.js';
import { createLocalFileStore } from '../../apps/judge-agent/src/main/local-file-store.js';
import { loadProblemPackage } from '../../apps/judge-agent/src/main/problem-package.js';

const TESTCASES = 50;
const SOLUTION = `#include <iostream>
int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }
`;

/** Wraps a sandbox to record how long each run took (compile runs apart), without changing it. */
function timingSandbox(inner: Sandbox, compileMs: number[], runMs: number[]): Sandbox {
  return {
    backend: inner.backend,
    doctor: () => inner.doctor(),
    async createBox(options) {
      const box = await inner.createBox(options);
      const timed: Box = {
        hostDir: box.hostDir,
        writeFile: (...args) => box.writeFile(...args),
        copyIn: (...args) => box.copyIn(...args),
        readFile: (...args) => box.readFile(...args),
        destroy: () => box.destroy(),
        async run(spec) {
          const started = performance.now();
          const result = await box.run(spec);
          (spec.argv[0] === 'g++' ? compileMs : runMs).push(performance.now() - started);
          return result;
        },
      };
      return timed;
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const copies = Number(process.argv[2] ?? 8);
  const scratch = await mkdtemp(join(tmpdir(), 'arena-judge-bench-'));
  const workDir = await mkdtemp(join(tmpdir(), 'arena-judge-bench-work-'));
  const store = createLocalFileStore();
  try {
    const problemDir = join(scratch, 'problem');
    await mkdir(join(problemDir, 'data', 'secret'), { recursive: true });
    await writeFile(join(problemDir, 'problem.yaml'), 'problem_format_version: 2025-09\nname: Bench\nlimits:\n  time_limit: 1\n  memory: 512\n');
    for (let i = 1; i <= TESTCASES; i++) {
      const name = String(i).padStart(2, '0');
      await writeFile(join(problemDir, 'data', 'secret', `${name}.in`), `${i} ${i * 7}\n`);
      await writeFile(join(problemDir, 'data', 'secret', `${name}.ans`), `${i * 8}\n`);
    }
    const sourcePath = join(scratch, 'solution.cpp');
    await writeFile(sourcePath, SOLUTION);
    const pkg = await loadProblemPackage(problemDir);
    const job = await buildLocalJob(pkg, { languageId: 'cpp', entryPoint: null, files: [{ path: 'solution.cpp', hostPath: sourcePath }] }, store, 1000);
    const compileMs: number[] = [];
    const runMs: number[] = [];
    const sandbox = timingSandbox(createNativeSandbox({ workDir }), compileMs, runMs);
    const judgeOnce = async (cpu?: number) => {
      const outcome = await judgeSubmission(job, { sandbox, fetchFile: (sha) => store.fetchFile(sha), ...(cpu === undefined ? {} : { boxOptions: { cpu } }) });
      if (!outcome.ok || outcome.result.verdict !== 'AC') throw new Error(`expected AC, got ${JSON.stringify(outcome)}`);
    };

    console.log(`machine: load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
    await judgeOnce(); // warm-up: page cache, cgroup parents
    compileMs.length = 0;
    runMs.length = 0;
    const started = performance.now();
    await judgeOnce();
    const totalMs = performance.now() - started;
    const compile = compileMs[0] ?? 0;
    console.log(`single C++ submission, ${TESTCASES} test cases:`);
    console.log(`  compile ${compile.toFixed(0)} ms, total ${totalMs.toFixed(0)} ms, judging after compile ${(totalMs - compile).toFixed(0)} ms (${((totalMs - compile) / TESTCASES).toFixed(1)} ms per test case)`);
    const inSandboxMs = runMs.reduce((sum, value) => sum + value, 0);
    console.log(`  of which sandbox runs ${inSandboxMs.toFixed(0)} ms (median ${median(runMs).toFixed(1)} ms per run), judge's own work ${(totalMs - compile - inSandboxMs).toFixed(0)} ms`);
    console.log(`  target total <= compile + 1500 ms: ${totalMs <= compile + 1500 ? 'met' : 'NOT met'}`);

    const sequentialStart = performance.now();
    for (let i = 0; i < copies; i++) await judgeOnce();
    const sequentialMs = performance.now() - sequentialStart;
    const parallelStart = performance.now();
    let next = 0;
    await Promise.all([0, 1].map(async (cpu) => {
      while (next < copies) {
        next++;
        await judgeOnce(cpu);
      }
    }));
    const parallelMs = performance.now() - parallelStart;
    console.log(`throughput over ${copies} submissions:`);
    console.log(`  one at a time: ${(copies / (sequentialMs / 60_000)).toFixed(1)} submissions/min (${(sequentialMs / copies).toFixed(0)} ms each)`);
    console.log(`  two in parallel (cpu 0 and 1): ${(copies / (parallelMs / 60_000)).toFixed(1)} submissions/min (${(parallelMs / copies).toFixed(0)} ms each on average)`);
  } finally {
    await store.close();
    await rm(scratch, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
