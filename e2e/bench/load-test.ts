/**
 * Load test of one host: `npx tsx e2e/bench/load-test.ts [--contestants 2000] [--submissions 500]
 * [--seconds 60] [--judges 8] [--judge-ms 100] [--real-judge] [--frozen] [--drain-seconds 60]
 * [--timeout-seconds 600] [--json-only]`.
 *
 * Starts a real redis-server on a free port and a real host in a child process (real SQLite in a
 * temp dir, plain HTTP on 127.0.0.1) with a contest of `contestants` teams in its last minutes;
 * logs every team in (POST /api/login) and connects one `/contestant` socket per team plus one
 * `/scoreboard` projector; starts `judges` LOAD-GENERATOR judges that speak the judge protocol
 * but run no code (load-judges.ts; real judging on 2 cores is ~30–46 submissions/min), plus one
 * real `judge serve` with `--real-judge`; then sends `submissions` submissions spread over
 * `seconds` from random teams. Prints a JSON summary line and a table: all acknowledged, all
 * judged, no loss, ingest rate, queue wait, verdict latency, scoreboard delta latency, host RSS
 * and CPU. Loopback only; everything is stopped by PID at the end or at the hard timeout.
 *
 * File descriptors: the crowd process (load-crowd.ts, which inherits this limit) holds one per
 * socket; the script refuses to start when `ulimit -n` is
 * below contestants + 500 (raise it first: `ulimit -n 65536`). Exit code 0 when all three checks
 * hold, 1 otherwise (timing targets are reported, never asserted).
 */
import { parseArgs } from 'node:util';
import { formatLoadSummary } from './load-report';
import { DEFAULT_LOAD_OPTIONS, runLoadTest, type LoadTestOptions } from './load-run';

function positive(name: string, value: string | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${JSON.stringify(value)}`);
  return n;
}

export function parseLoadTestArgs(argv: string[]): LoadTestOptions & { jsonOnly: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      contestants: { type: 'string' }, submissions: { type: 'string' }, seconds: { type: 'string' }, judges: { type: 'string' },
      'judge-ms': { type: 'string' }, 'real-judge': { type: 'boolean' }, frozen: { type: 'boolean' }, 'drain-seconds': { type: 'string' },
      'timeout-seconds': { type: 'string' }, 'json-only': { type: 'boolean' },
    },
    strict: true,
  });
  const d = DEFAULT_LOAD_OPTIONS;
  return {
    contestants: Math.round(positive('contestants', values.contestants, d.contestants)),
    submissions: Math.round(positive('submissions', values.submissions, d.submissions)),
    seconds: positive('seconds', values.seconds, d.seconds),
    fastJudges: Math.round(positive('judges', values.judges, d.fastJudges, true)),
    judgeMs: positive('judge-ms', values['judge-ms'], d.judgeMs, true),
    realJudge: values['real-judge'] ?? d.realJudge,
    frozen: values.frozen ?? d.frozen,
    drainSeconds: positive('drain-seconds', values['drain-seconds'], d.drainSeconds),
    hardTimeoutSeconds: positive('timeout-seconds', values['timeout-seconds'], d.hardTimeoutSeconds),
    jsonOnly: values['json-only'] ?? false,
  };
}

async function main(): Promise<void> {
  const { jsonOnly, ...options } = parseLoadTestArgs(process.argv.slice(2));
  if (options.fastJudges === 0 && !options.realJudge) throw new Error('nothing would judge: give --judges N or --real-judge');
  const summary = await runLoadTest({ ...options, log: jsonOnly ? undefined : (line) => console.error(`[load] ${line}`) });
  console.log(JSON.stringify(summary));
  if (!jsonOnly) console.log(`\n${formatLoadSummary(summary)}`);
  process.exitCode = summary.checks.allAcknowledged && summary.checks.allJudged && summary.checks.noLoss ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
