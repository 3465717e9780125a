import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgeJob } from '@arena/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLanguage } from '../languages/languages';
import { createNativeSandbox } from '../sandbox/native-sandbox';
import type { Box, RunResult, Sandbox } from '../sandbox/sandbox';
import { compileProgram } from '../steps/compile-program';
import { runSolution } from '../steps/run-solution';
import type { JudgeFn } from './judge-agent';
import { createJudgeMetrics } from './judge-metrics';
import { startJudgeMetricsServer, type JudgeMetricsServer } from './judge-metrics-server';

// The judge's /metrics: counting around the judge function (a scripted JudgeFn stands in for
// judging, which has its own tests), sandbox failures, compile time measured on a REAL compile in
// the REAL native sandbox, and the exporter scraped over real HTTP on 127.0.0.1.
const job = { leaseId: 'lease-1', submissionId: 's1' } as JudgeJob;
const run = { signal: new AbortController().signal, worker: 0, onTestcase: async () => undefined };

let workDir: string;
let server: JudgeMetricsServer | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'arena-judge-metrics-'));
  await chmod(workDir, 0o711); // sandbox uids must traverse to their boxes under it
});

afterAll(async () => {
  await server?.close();
  await rm(workDir, { recursive: true, force: true });
});

function sampleValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('judge agent metrics', () => {
  it('counts verdicts and judging errors, times every job, and reads connection and leases at scrape time', async () => {
    const state = { connected: false, leases: 0 };
    const metrics = createJudgeMetrics({ connected: () => state.connected, leases: () => state.leases });
    const outcomes: Array<Awaited<ReturnType<JudgeFn>> | Error> = [
      { ok: true, result: { verdict: 'AC', compileOutput: '', maxCpuTimeMs: 3 } },
      { ok: true, result: { verdict: 'WA', compileOutput: '', maxCpuTimeMs: 3 } },
      { ok: true, result: { verdict: 'AC', compileOutput: '', maxCpuTimeMs: 3 } },
      { ok: false, reason: 'sandbox broke' },
      new Error('bug in the judge'),
    ];
    const judge = metrics.instrumentJudge(async () => {
      const next = outcomes.shift()!;
      if (next instanceof Error) throw next;
      return next;
    });
    expect(await judge(job, run)).toMatchObject({ ok: true, result: { verdict: 'AC' } });
    await judge(job, run);
    await judge(job, run);
    expect(await judge(job, run)).toEqual({ ok: false, reason: 'sandbox broke' });
    await expect(judge(job, run)).rejects.toThrow('bug in the judge');

    let text = await metrics.registry.metrics();
    expect(sampleValue(text, 'arena_judge_jobs_total{verdict="AC"}')).toBe(2);
    expect(sampleValue(text, 'arena_judge_jobs_total{verdict="WA"}')).toBe(1);
    expect(sampleValue(text, 'arena_judge_failures_total')).toBe(2);
    expect(sampleValue(text, 'arena_judge_job_duration_seconds_count')).toBe(5);
    expect(sampleValue(text, 'arena_judge_connected')).toBe(0);
    expect(sampleValue(text, 'arena_judge_leases')).toBe(0);

    state.connected = true;
    state.leases = 2;
    text = await metrics.registry.metrics();
    expect(sampleValue(text, 'arena_judge_connected')).toBe(1);
    expect(sampleValue(text, 'arena_judge_leases')).toBe(2);
  });

  it('counts sandbox failures by stage and passes results through unchanged', async () => {
    const metrics = createJudgeMetrics({ connected: () => true, leases: () => 0 });
    const failedRun: RunResult = { ok: false, internalError: 'cgroup vanished' };
    let boxes = 0;
    const flaky: Sandbox = {
      backend: 'native',
      doctor: async () => ({ ok: true, checks: [] }),
      async createBox() {
        if (boxes++ === 0) throw new Error('no free uid');
        return { hostDir: '/nowhere', run: async () => failedRun } as unknown as Box;
      },
    };
    const sandbox = metrics.instrumentSandbox(flaky);
    await expect(sandbox.createBox()).rejects.toThrow('no free uid');
    const box = await sandbox.createBox();
    expect(box.hostDir).toBe('/nowhere');
    expect(await box.run({ argv: ['x'], limits: { cpuTimeMs: 1, wallTimeMs: 1, memoryBytes: 1, processes: 1, outputBytes: 1 } })).toBe(failedRun);
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'arena_judge_sandbox_errors_total{stage="create-box"}')).toBe(1);
    expect(sampleValue(text, 'arena_judge_sandbox_errors_total{stage="run"}')).toBe(1);
  });

  it('times a real C++ compile in the real native sandbox as a compile, and the program runs as before', async () => {
    const metrics = createJudgeMetrics({ connected: () => true, leases: () => 0 });
    const sandbox = metrics.instrumentSandbox(createNativeSandbox({ workDir: join(workDir, 'judge') }));
    const source = join(workDir, 'hello.cpp');
    await writeFile(source, '#include <cstdio>\nint main() { std::puts("hi"); return 0; }\n');
    const box = await sandbox.createBox();
    try {
      const compiled = await compileProgram(box, findLanguage('cpp')!, [{ path: 'hello.cpp', hostPath: source }], {
        entryPoint: null, compileTimeLimitMs: 30_000, runMemoryLimitBytes: 256 * 1024 * 1024,
      });
      expect(compiled).toMatchObject({ ok: true, compiled: true });
      let text = await metrics.registry.metrics();
      expect(sampleValue(text, 'arena_judge_compile_duration_seconds_count')).toBe(1);
      expect(sampleValue(text, 'arena_judge_compile_duration_seconds_sum')).toBeGreaterThan(0);

      // A test case run is not a compile.
      if (!compiled.ok || !compiled.compiled) throw new Error('not compiled');
      const ran = await runSolution(compiled.program, null, { boxFile: 'out.txt' }, { timeLimitMs: 2000, memoryLimitBytes: 256 * 1024 * 1024, outputLimitBytes: 1024 });
      expect(ran).toMatchObject({ ok: true, outcome: { kind: 'exited', exitCode: 0 } });
      expect((await box.readFile('out.txt', 100))?.toString()).toBe('hi\n');
      text = await metrics.registry.metrics();
      expect(sampleValue(text, 'arena_judge_compile_duration_seconds_count')).toBe(1);
    } finally {
      await box.destroy();
    }
  }, 60_000);

  it('serves the registry at /metrics over HTTP (404 elsewhere, 405 for other methods)', async () => {
    const metrics = createJudgeMetrics({ connected: () => true, leases: () => 1 });
    server = await startJudgeMetricsServer(metrics.registry, { host: '127.0.0.1', port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sampleValue(text, 'arena_judge_connected')).toBe(1);
    expect(sampleValue(text, 'arena_judge_leases')).toBe(1);
    expect(text).toMatch(/^# TYPE process_cpu_seconds_total counter$/m);
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses to start on a port already in use', async () => {
    const metrics = createJudgeMetrics({ connected: () => true, leases: () => 0 });
    const first = await startJudgeMetricsServer(metrics.registry, { host: '127.0.0.1', port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startJudgeMetricsServer(metrics.registry, { host: '127.0.0.1', port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
