import { contestPhase, formatClock, useHostNow } from '@arena/ui';
import { formatRelTime, parseRelTime } from '@arena/protocol';
import { useState } from 'react';
import { sendClock, uploadPackage } from '../api/console-api';
import { errorText } from '../api/host-request';
import type { ImportReport } from '../api/console-schemas';
import { useConsoleData } from '../live/console-data';
import { useLive } from '../live/proctor-live';
import { ActionButton } from '../ui/action-button';
import { formatTime } from '../ui/format';
import { PageFrame } from '../ui/page-frame';
import { ExitCodePanel } from './exit-code-panel';

/** `datetime-local` value (local time, minutes) → ISO time with zone. */
function localInputToIso(value: string): string | null {
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * Contest control: the schedule and state at a glance, then one button per clock command.
 * Everything that changes the running contest asks first; a refusal (finalize with pending
 * submissions, say) shows the host's reason next to the button.
 */
export function ContestControlPage() {
  const { session, isAdmin } = useConsoleData();
  const { contest, state, offsetMs } = useLive();
  const nowMs = useHostNow(offsetMs, 1000);
  const [scheduleAt, setScheduleAt] = useState('');
  const [minutes, setMinutes] = useState('15');
  const clock = (command: Parameters<typeof sendClock>[1]) => () => sendClock(session, command);
  const phase = contest ? contestPhase(contest, state, nowMs) : null;
  const started = state?.started != null;
  const ended = state?.ended != null;
  const byMinutes = Number(minutes);
  const validMinutes = Number.isInteger(byMinutes) && byMinutes > 0 && byMinutes <= 24 * 60;

  return (
    <PageFrame title="Contest control" tools={
      <a className="c-button" href="/scoreboard?resolver" target="_blank" rel="noopener" data-testid="launch-resolver">Launch resolver</a>
    }>
      <div className="c-grid">
        <section className="c-card" aria-labelledby="status-title">
          <h2 id="status-title">Status</h2>
          <dl className="c-facts" data-testid="contest-status">
            <dt>Phase</dt><dd data-testid="contest-phase">{phase ? `${phase.label} ${phase.clockText}` : '—'}</dd>
            <dt>Start</dt><dd>{contest?.start_time ? new Date(contest.start_time).toLocaleString('en-GB') : 'not scheduled'}</dd>
            <dt>Duration</dt><dd>{contest ? formatClock(parseRelTime(contest.duration)) : '—'}</dd>
            <dt>Freeze</dt><dd>{contest?.scoreboard_freeze_duration ? `last ${formatClock(parseRelTime(contest.scoreboard_freeze_duration))}` : 'none'}</dd>
            {(['started', 'frozen', 'ended', 'thawed', 'finalized'] as const).map((key) => (
              <div key={key} className="c-fact-pair"><dt>{key[0]!.toUpperCase() + key.slice(1)}</dt><dd>{state?.[key] ? formatTime(Date.parse(state[key]!)) : '—'}</dd></div>
            ))}
          </dl>
        </section>

        <section className="c-card" aria-labelledby="start-title">
          <h2 id="start-title">Start</h2>
          <div className="c-row">
            <ActionButton label="Start now" variant="primary" disabled={started} testId="start-now" run={clock({ action: 'start' })}
              confirm="The contest starts immediately for every team." confirmLabel="Start the contest" />
          </div>
          <div className="c-row">
            <label htmlFor="schedule-at">Start at</label>
            <input id="schedule-at" type="datetime-local" value={scheduleAt} onChange={(e) => setScheduleAt(e.target.value)} disabled={started} />
            <ActionButton label="Schedule" disabled={started || localInputToIso(scheduleAt) === null}
              run={clock({ action: 'schedule', start_time: localInputToIso(scheduleAt) })} />
            <ActionButton label="Unschedule" disabled={started || !contest?.start_time} run={clock({ action: 'schedule', start_time: null })}
              confirm="The start time is removed; teams see the contest as not scheduled." />
          </div>
          <div className="c-row">
            <ActionButton label="Pause countdown" disabled={started || !contest?.start_time} run={clock({ action: 'pause-countdown' })} />
            <ActionButton label="Resume countdown" disabled={started || !contest?.countdown_pause_time} run={clock({ action: 'resume-countdown' })} />
          </div>
        </section>

        <section className="c-card" aria-labelledby="running-title">
          <h2 id="running-title">While running</h2>
          <div className="c-row">
            <ActionButton label="Freeze now" disabled={!started || ended || state?.frozen != null} testId="freeze-now" run={clock({ action: 'freeze' })}
              confirm="The public scoreboard stops showing new results until it is thawed." />
          </div>
          <div className="c-row">
            <label htmlFor="extend-minutes">Minutes</label>
            <input id="extend-minutes" type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} className="c-narrow" />
            <ActionButton label="Extend" disabled={!validMinutes || ended} run={clock({ action: 'extend', by: formatRelTime(byMinutes * 60_000) })}
              confirm={`The contest gets ${minutes} more minutes.`} />
            <ActionButton label="Shorten" disabled={!validMinutes || ended} run={clock({ action: 'extend', by: `-${formatRelTime(byMinutes * 60_000)}` })}
              confirm={`The contest loses ${minutes} minutes.`} variant="danger" />
          </div>
          <div className="c-row">
            <ActionButton label="End now" variant="danger" disabled={!started || ended} testId="end-now" run={clock({ action: 'end' })}
              confirm="The contest ends immediately: no more submissions are accepted." confirmLabel="End the contest" />
          </div>
        </section>

        <section className="c-card" aria-labelledby="after-title">
          <h2 id="after-title">After the end</h2>
          <div className="c-row">
            <ActionButton label="Thaw" disabled={!state?.frozen || state.thawed != null} testId="thaw" run={clock({ action: 'thaw' })}
              confirm="The public scoreboard shows every result again. Run the resolver before this if you want a ceremony." />
            <ActionButton label="Finalize" variant="primary" disabled={!ended || state?.finalized != null} testId="finalize" run={clock({ action: 'finalize' })}
              confirm="The results become final. The host refuses while submissions are pending or clarifications unanswered." />
          </div>
          <p className="c-muted">The resolver reveals the frozen results on the projector: open it there, then log in with a jury account.</p>
        </section>

        {isAdmin ? <PackageUpload upload={(file) => uploadPackage(session, file)} /> : null}
        <ExitCodePanel />
      </div>
    </PageFrame>
  );
}

/** Admin: upload a contest package zip; shows the import report (or the host's reason). */
function PackageUpload({ upload }: { upload(file: File): Promise<ImportReport> }) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await upload(file));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="c-card" aria-labelledby="upload-title">
      <h2 id="upload-title">Contest package</h2>
      <div className="c-row">
        <label htmlFor="package-file">Package (.zip)</label>
        <input id="package-file" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="button" className="c-button" disabled={!file || busy} onClick={() => void go()}>{busy ? 'Uploading…' : 'Upload'}</button>
      </div>
      {error ? <p className="c-error" role="alert" data-testid="package-error">{error}</p> : null}
      {report ? (
        <div role="status">
          <p>{`${report.created ? 'Imported' : 'Updated'} contest ${report.contestName} (${report.contestId}): ${report.problems.map((p) => p.label).join(', ')}.`}</p>
          {report.warnings.length > 0 ? <ul>{report.warnings.map((w, i) => <li key={i}>{typeof w === 'string' ? w : JSON.stringify(w)}</li>)}</ul> : <p className="c-muted">No warnings.</p>}
        </div>
      ) : null}
    </section>
  );
}
