import { useHostNow } from '@arena/ui';
import { fetchJudges, setJudgePaused } from '../api/console-api';
import { useConsoleData } from '../live/console-data';
import { useLive, useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { ActionButton } from '../ui/action-button';
import { formatDuration, formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';

/**
 * The judge agents (online, sandbox, paused, current job, throughput, last error) with
 * pause/resume, the queue (depth, oldest wait, held jobs) and the judging-error alerts pushed
 * while this console is open.
 */
export function JudgesPage() {
  const { session } = useConsoleData();
  const live = useLive();
  const nowMs = useHostNow(live.offsetMs, 1000);
  const res = useResource(() => fetchJudges(session), useTopicVersion('judges', 'queue', 'judgements'));
  const queue = res.data?.queue;
  return (
    <PageFrame title="Judges" error={res.error}>
      <dl className="c-stats" data-testid="queue">
        <div><dt>Queued</dt><dd data-testid="queue-depth">{queue?.depth ?? '—'}</dd></div>
        <div><dt>Oldest wait</dt><dd>{queue ? formatDuration(queue.oldestWaitMs) : '—'}</dd></div>
        <div className={queue && queue.held > 0 ? 'c-stat--bad' : undefined}><dt>Held (judging errors)</dt><dd>{queue?.held ?? '—'}</dd></div>
      </dl>
      <table className="c-table c-table--rows" data-testid="judges-table">
        <caption className="arena-visually-hidden">Judge agents</caption>
        <thead>
          <tr><th scope="col">Agent</th><th scope="col">Status</th><th scope="col">Sandbox</th><th scope="col">Current job</th><th scope="col">Jobs/min</th><th scope="col">Judged</th><th scope="col">Last error</th><th scope="col">Last seen</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          {(res.data?.judges ?? []).map((j) => (
            <tr key={j.agentId} data-agent-id={j.agentId} data-online={j.online} data-paused={j.paused}>
              <th scope="row">{j.agentId}{j.hostname ? <span className="c-muted">{` ${j.hostname}`}</span> : null}</th>
              <td><span className={`c-tag ${!j.online ? 'c-tag--bad' : j.paused ? 'c-tag--warn' : 'c-tag--ok'}`}>{!j.online ? 'Offline' : j.paused ? 'Paused' : 'Online'}</span></td>
              <td>{j.sandbox}</td>
              <td>{j.currentJob ? <><a href={`#/submissions/${encodeURIComponent(j.currentJob.submissionId)}`}>{j.currentJob.submissionId}</a>{` ${j.currentJob.kind}, ${formatDuration(nowMs - j.currentJob.sinceMs)}`}</> : 'idle'}</td>
              <td>{j.jobsPerMinute.toFixed(1)}</td>
              <td>{j.judgedTotal}</td>
              <td className={j.lastError ? 'c-bad' : undefined}>{j.lastError ? `${formatTime(j.lastError.atMs)} ${j.lastError.reason}` : '—'}</td>
              <td>{formatTime(j.lastSeenMs)}</td>
              <td>
                {j.paused
                  ? <ActionButton label="Resume" run={() => setJudgePaused(session, j.agentId, false)} onDone={res.reload} testId={`resume-${j.agentId}`} />
                  : <ActionButton label="Pause" run={() => setJudgePaused(session, j.agentId, true)} onDone={res.reload} testId={`pause-${j.agentId}`} />}
              </td>
            </tr>
          ))}
          {res.data?.judges.length === 0 ? <EmptyRow columns={9} text="No judge agent has connected. Start one with: arena-judge serve" /> : null}
        </tbody>
      </table>
      <h2>Judging errors</h2>
      <JudgingAlertList />
    </PageFrame>
  );
}

/** Judging-error alerts pushed on `/proctor` since this console opened (newest first). */
export function JudgingAlertList() {
  const { judgingAlerts } = useLive();
  if (judgingAlerts.length === 0) return <p className="c-muted">None since this console was opened.</p>;
  return (
    <ul className="c-alert-list" data-testid="judging-alerts">
      {judgingAlerts.map((a) => (
        <li key={`${a.submissionId}-${a.serverTimeMs}-${a.attempts}`} className="c-alert-item">
          <span className="c-time">{formatTime(a.serverTimeMs)}</span>
          {`Judge ${a.agentId} failed on `}<a href={`#/submissions/${encodeURIComponent(a.submissionId)}`}>{a.submissionId}</a>
          {`: ${a.reason} (attempt ${a.attempts}${a.held ? ', held for the jury' : ', re-queued'})`}
        </li>
      ))}
    </ul>
  );
}
