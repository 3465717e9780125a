import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Box, RunSpec, Sandbox } from '../sandbox/sandbox';
import type { JudgeFn } from './judge-agent';

/** What the metrics read at scrape time from the running agent. */
export interface JudgeMetricsSources {
  /** True while the agent's socket to the host is connected. */
  connected(): boolean;
  /** Jobs (leases) this agent holds right now. */
  leases(): number;
}

export interface JudgeMetrics {
  readonly registry: Registry;
  /** Wraps the agent's judge function: counts verdicts and judging errors, times every job. */
  instrumentJudge(judge: JudgeFn): JudgeFn;
  /** Wraps a sandbox: counts sandbox failures (box creation, runs) and times compile runs. */
  instrumentSandbox(sandbox: Sandbox): Sandbox;
}

/** Job and compile duration buckets in seconds (a compile takes ~1 s, a job up to minutes). */
const DURATION_BUCKETS_S = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

/**
 * The compile step sends the compiler's stdout to this box file (`steps/compile-program.ts`); it
 * is how a compile run is told from a test case run. `judge-metrics.test.ts` compiles a real
 * program through the real sandbox, so a rename there fails that test instead of silently
 * emptying the compile histogram.
 */
const COMPILE_STDOUT_FILE = '.compile-stdout';

/**
 * Prometheus metrics of one judge agent process, in their own registry: jobs judged by verdict,
 * judging errors, job and compile durations, sandbox failures, whether the agent is connected
 * to the host and how many leases it holds, plus the default process metrics. Served by
 * `startJudgeMetricsServer` when `judge serve --metrics-port` is given. Recording never throws
 * and never changes what the wrapped judge or sandbox returns.
 */
export function createJudgeMetrics(sources: JudgeMetricsSources): JudgeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const jobs = new Counter({
    name: 'arena_judge_jobs_total',
    help: 'Jobs this agent finished with a verdict, by verdict (AC, WA, TLE, RTE, MLE, OLE, CE, ...).',
    labelNames: ['verdict'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'arena_judge_failures_total',
    help: 'Jobs this agent failed on (judging errors reported to the host and re-queued there; never verdicts).',
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'arena_judge_job_duration_seconds',
    help: 'Time this agent spent on one job, from lease to verdict or failure (fetch, compile, all test cases).',
    buckets: DURATION_BUCKETS_S,
    registers: [registry],
  });
  const compileDuration = new Histogram({
    name: 'arena_judge_compile_duration_seconds',
    help: 'Wall time of compile runs in the sandbox (successful or not).',
    buckets: DURATION_BUCKETS_S,
    registers: [registry],
  });
  const sandboxErrors = new Counter({
    name: 'arena_judge_sandbox_errors_total',
    help: 'Sandbox failures (infrastructure, not the program): a box that could not be created, or a run the sandbox could not carry out.',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'arena_judge_connected',
    help: '1 while this agent is connected to the host, else 0.',
    registers: [registry],
    collect() {
      this.set(sources.connected() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'arena_judge_leases',
    help: 'Jobs this agent holds (is judging) right now.',
    registers: [registry],
    collect() {
      this.set(sources.leases());
    },
  });

  function instrumentBox(box: Box): Box {
    return {
      get hostDir() {
        return box.hostDir;
      },
      writeFile: (path, content, mode) => box.writeFile(path, content, mode),
      copyIn: (hostPath, path, mode) => box.copyIn(hostPath, path, mode),
      readFile: (path, maxBytes) => box.readFile(path, maxBytes),
      destroy: () => box.destroy(),
      async run(spec: RunSpec) {
        const result = await box.run(spec);
        const isCompile = spec.stdout != null && 'boxFile' in spec.stdout && spec.stdout.boxFile === COMPILE_STDOUT_FILE;
        if (!result.ok) sandboxErrors.inc({ stage: isCompile ? 'compile' : 'run' });
        else if (isCompile) compileDuration.observe(result.outcome.wallTimeMs / 1000);
        return result;
      },
    };
  }

  return {
    registry,
    instrumentJudge(judge) {
      return async (job, run) => {
        const startMs = performance.now();
        try {
          const outcome = await judge(job, run);
          if (outcome.ok) jobs.inc({ verdict: outcome.result.verdict });
          else failures.inc();
          return outcome;
        } catch (err) {
          failures.inc();
          throw err;
        } finally {
          jobDuration.observe((performance.now() - startMs) / 1000);
        }
      };
    },
    instrumentSandbox(sandbox) {
      return {
        backend: sandbox.backend,
        doctor: () => sandbox.doctor(),
        async createBox(options) {
          try {
            return instrumentBox(await sandbox.createBox(options));
          } catch (err) {
            sandboxErrors.inc({ stage: 'create-box' });
            throw err;
          }
        },
      };
    },
  };
}
