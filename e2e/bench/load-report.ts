import type { LoadSummary } from './load-run';
import type { Percentiles } from './load-stats';

/** Targets of issue #8 for one 2-core machine. */
export const LOAD_TARGETS = { contestants: 2000, submissionsPerMinute: 500, scoreboardDeltaP99Ms: 250 } as const;

function ms(p: Percentiles): string {
  if (p.count === 0) return 'no samples';
  return `p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms, max ${p.maxMs} ms (n=${p.count})`;
}

const yes = (ok: boolean) => (ok ? 'yes' : 'NO');

/** The human-readable table of a load test run (the JSON summary is printed separately). */
export function formatLoadSummary(s: LoadSummary): string {
  const { storm } = s.host;
  const ratePerMinute = (s.ingest.acknowledged / Math.max(s.options.seconds, 1)) * 60;
  // Frozen, a verdict changes nothing public: the board then moves on submissions (pending cells).
  const deltaP99 = (s.options.frozen ? s.scoreboard.submissionToDelta : s.scoreboard.verdictToDelta).p99Ms;
  const rows: Array<[string, string]> = [
    ['machine', `${s.machine.cores} cores (${s.machine.cpuModel}), ${s.machine.memoryGiB} GiB, Node ${s.machine.node}, ulimit -n ${s.machine.openFilesLimit}, load ${s.machine.loadAverageStart.join(' ')} → ${s.machine.loadAverageEnd.join(' ')}`],
    ['setup', `${s.options.contestants} contestants, ${s.options.submissions} submissions over ${s.options.seconds} s, ${s.options.fastJudges} fast judges × ${s.options.judgeMs} ms${s.options.realJudge ? ' + 1 real judge' : ''}, board ${s.options.frozen ? 'frozen' : 'not frozen'}`],
    ['logins', `${s.logins.count} in ${s.logins.seconds} s (host CPU ${s.logins.hostCpuMsEach} ms each)`],
    ['sockets', `${s.sockets.contestants} /contestant + ${s.sockets.projectors} /scoreboard connected in ${s.sockets.connectSeconds} s (host CPU ${s.sockets.hostCpuMsEach} ms each); ${s.sockets.disconnects} dropped, ${s.sockets.badPushes} unreadable pushes`],
    ['all acknowledged', `${yes(s.checks.allAcknowledged)}: ${s.ingest.acknowledged}/${s.ingest.sent} 2xx, ${s.ingest.refused} refused, ${s.ingest.failed} failed${s.ingest.firstRefusal ? ` (first: ${s.ingest.firstRefusal})` : ''}`],
    ['all judged', `${yes(s.checks.allJudged)}: ${s.judging.judged}/${s.ingest.acknowledged} have a verdict in the API, ${s.judging.verdictsPushed} verdicts pushed to team sockets`],
    ['no loss', `${yes(s.checks.noLoss)}: ${s.judging.stored}/${s.ingest.acknowledged} acknowledged ids stored (${s.judging.storedTotal} stored in all)`],
    ['ingest', `${ratePerMinute.toFixed(0)}/min offered rate; acknowledged at ${s.ingest.perSecond}/s over ${s.ingest.spanSeconds} s; POST → ack ${ms(s.ingest.postLatency)}`],
    ['queue wait', `enqueue → lease ${ms(s.queueWait)}`],
    ['verdict latency', `submission → verdict on the team's socket ${ms(s.verdictLatency)}`],
    ['', `submission → judgement committed (judge's result acknowledged) ${ms(s.judgedLatency)}`],
    ['scoreboard delta', `verdict commit → projector delta ${ms(s.scoreboard.verdictToDelta)}${s.scoreboard.verdictsWithoutDelta ? `, ${s.scoreboard.verdictsWithoutDelta} verdicts without one` : ''}`],
    ['', `submission commit → projector delta ${ms(s.scoreboard.submissionToDelta)}; broadcast → projector ${ms(s.scoreboard.broadcastToProjector)}; ${s.scoreboard.deltas} deltas, ${s.scoreboard.gaps} gaps`],
    ['host memory', `RSS ${s.host.rssAfterStartMiB} MiB after start, ${s.host.rssWithSocketsMiB} MiB with sockets, peak ${storm.rssPeakMiB} MiB during the storm`],
    ['host CPU', `storm + drain: mean ${storm.cpuMeanPercent.toFixed(0)}% of one core, peak ${storm.cpuPeakPercent.toFixed(0)}% (250 ms samples from /proc/${s.host.pid}/stat)`],
    ['generator', `this process (submitter, fast judges, projector) during the storm: CPU ${s.generator.stormCpuMeanPercent}% of one core, event loop delay p99 ${s.generator.eventLoopDelayP99Ms} ms, max ${s.generator.eventLoopDelayMaxMs} ms`],
    ['judges', `${s.judging.fastJudged} verdicts from fast judges (${s.judging.fastJudgeDisconnects} disconnects)${s.judging.realJudged === null ? '' : `, ${s.judging.realJudged} from the real judge`}${s.judging.judgeErrors.length ? `; errors: ${s.judging.judgeErrors.join('; ')}` : ''}`],
    ['targets', `${s.options.contestants >= LOAD_TARGETS.contestants ? 'met' : 'not tried'}: ${LOAD_TARGETS.contestants} contestants; `
      + `${ratePerMinute >= LOAD_TARGETS.submissionsPerMinute && s.checks.allAcknowledged && s.checks.allJudged && s.checks.noLoss ? 'met' : 'NOT met'}: ${LOAD_TARGETS.submissionsPerMinute}/min acknowledged + judged, no loss; `
      + `${deltaP99 !== null && deltaP99 <= LOAD_TARGETS.scoreboardDeltaP99Ms ? 'met' : 'NOT met'}: delta p99 ≤ ${LOAD_TARGETS.scoreboardDeltaP99Ms} ms`],
  ];
  if (s.judging.lost.length > 0) rows.push(['LOST', s.judging.lost.slice(0, 20).join(' ')]);
  if (s.judging.unjudged.length > 0) rows.push(['UNJUDGED', s.judging.unjudged.slice(0, 20).join(' ')]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
