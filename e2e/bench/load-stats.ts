import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Percentiles {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Nearest-rank p50/p99/max of `samplesMs` (nulls when there are none). */
export function percentiles(samplesMs: readonly number[]): Percentiles {
  if (samplesMs.length === 0) return { count: 0, p50Ms: null, p99Ms: null, maxMs: null };
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { count: sorted.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted[sorted.length - 1]!) };
}

export interface ProcessSample {
  atMs: number;
  /** user + system CPU time of the process so far. */
  cpuMs: number;
  rssBytes: number;
}

let clockTicksPerSecond: number | null = null;

function ticksPerSecond(): number {
  if (clockTicksPerSecond === null) {
    const text = (() => {
      try {
        return execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
      } catch {
        return '100';
      }
    })();
    clockTicksPerSecond = Number(text.trim()) || 100;
  }
  return clockTicksPerSecond;
}

/** CPU time and resident memory of process `pid` from /proc (Linux); throws if it is gone. */
export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may contain spaces): state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 'NaN');
  return { atMs: Date.now(), cpuMs: ((utime + stime) * 1000) / ticksPerSecond(), rssBytes: rssKiB * 1024 };
}

export interface ProcessFigures {
  /** Mean CPU use over the window, in % of one core (200% = both cores of a 2-core machine). */
  cpuMeanPercent: number;
  /** Highest CPU use over any one sampling interval, % of one core. */
  cpuPeakPercent: number;
  rssStartBytes: number;
  rssPeakBytes: number;
  rssEndBytes: number;
}

/**
 * Samples a process every `intervalMs` until stopped; `figures()` summarises the samples taken
 * since the last `mark()` (or the start). Sampling never throws (a vanished process ends it).
 */
export class ProcessSampler {
  private readonly samples: ProcessSample[] = [];
  private markIndex = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 250) {
    this.take();
    this.timer = setInterval(() => this.take(), intervalMs);
    this.timer.unref();
  }

  /** Starts a new window (takes a sample now). */
  mark(): void {
    this.take();
    this.markIndex = this.samples.length - 1;
  }

  latest(): ProcessSample | undefined {
    return this.samples[this.samples.length - 1];
  }

  figures(): ProcessFigures {
    this.take();
    const window = this.samples.slice(this.markIndex);
    const first = window[0]!;
    const last = window[window.length - 1]!;
    let peak = 0;
    for (let i = 1; i < window.length; i++) {
      const a = window[i - 1]!;
      const b = window[i]!;
      if (b.atMs - a.atMs >= 100) peak = Math.max(peak, (100 * (b.cpuMs - a.cpuMs)) / (b.atMs - a.atMs));
    }
    const oneDecimal = (n: number) => Math.round(n * 10) / 10;
    return {
      cpuMeanPercent: oneDecimal(last.atMs > first.atMs ? (100 * (last.cpuMs - first.cpuMs)) / (last.atMs - first.atMs) : 0),
      cpuPeakPercent: oneDecimal(peak),
      rssStartBytes: first.rssBytes,
      rssPeakBytes: Math.max(...window.map((s) => s.rssBytes)),
      rssEndBytes: last.rssBytes,
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private take(): void {
    try {
      this.samples.push(sampleProcess(this.pid));
    } catch {
      clearInterval(this.timer);
    }
  }
}

/** The soft `ulimit -n` of this process. */
export function openFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 'NaN');
}
