import { useEffect } from 'react';
import { fetchHealth } from '../api/console-api';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { formatBytes, formatDuration, formatTime } from '../ui/format';
import { PageFrame } from '../ui/page-frame';

const REFRESH_MS = 10_000;

/** Host health at a glance: components, ranking store, database and backup, sockets, verdict latency, errors. */
export function HealthPage() {
  const { session } = useConsoleData();
  const res = useResource(() => fetchHealth(session), useTopicVersion('health'));
  const { reload } = res;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const h = res.data;
  return (
    <PageFrame title="Health" error={res.error} tools={h ? <a className="c-button" href={h.metricsPath} target="_blank" rel="noopener">Metrics (Prometheus)</a> : null}>
      {h ? (
        <>
          <ul className="c-components" data-testid="health-components">
            {h.components.some((c) => c.name === 'ranking') ? null : <li className={h.ranking.ok ? 'c-ok-box' : 'c-bad-box'}><strong>Ranking store</strong> {h.ranking.ok ? 'OK' : 'Degraded'}<span className="c-muted">{` ${h.ranking.detail}`}</span></li>}
            {h.components.map((c) => (
              <li key={c.name} className={c.ok ? 'c-ok-box' : 'c-bad-box'}><strong>{c.name}</strong> {c.ok ? 'OK' : 'Problem'}<span className="c-muted">{` ${c.detail}`}</span></li>
            ))}
          </ul>
          <dl className="c-stats">
            <div><dt>Database</dt><dd>{formatBytes(h.database.bytes)}</dd></div>
            <div><dt>WAL</dt><dd>{formatBytes(h.database.walBytes)}</dd></div>
            <div className={h.database.lastBackup ? undefined : 'c-stat--warn'}><dt>Last backup</dt><dd>{h.database.lastBackup ? formatTime(h.database.lastBackup.timeMs) : 'never'}</dd></div>
            <div><dt>Contestant sockets</dt><dd>{h.sockets.contestant}</dd></div>
            <div><dt>Proctor sockets</dt><dd>{h.sockets.proctor}</dd></div>
            <div><dt>Scoreboard sockets</dt><dd>{h.sockets.scoreboard}</dd></div>
            <div><dt>Judge sockets</dt><dd>{h.sockets.judge}</dd></div>
            <div><dt>Verdict latency p50</dt><dd>{formatDuration(h.verdictLatencyMs.p50)}</dd></div>
            <div><dt>p90</dt><dd>{formatDuration(h.verdictLatencyMs.p90)}</dd></div>
            <div><dt>p99</dt><dd>{formatDuration(h.verdictLatencyMs.p99)}</dd></div>
            <div><dt>Verdicts measured</dt><dd>{h.verdictLatencyMs.count}</dd></div>
            <div className={h.errors.http5xx > 0 ? 'c-stat--bad' : undefined}><dt>HTTP 5xx</dt><dd>{h.errors.http5xx}</dd></div>
            <div className={h.errors.judgingErrors > 0 ? 'c-stat--bad' : undefined}><dt>Judging errors</dt><dd>{h.errors.judgingErrors}</dd></div>
          </dl>
          {h.database.lastBackup ? <p className="c-muted">{`Last backup: ${h.database.lastBackup.path}`}</p> : null}
        </>
      ) : res.loading ? <p>Loading…</p> : null}
    </PageFrame>
  );
}
