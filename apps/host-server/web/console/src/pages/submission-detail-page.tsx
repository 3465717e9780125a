import { formatClock, VerdictBadge } from '@arena/ui';
import { useState } from 'react';
import { fetchSubmission } from '../api/console-api';
import type { JuryJudgement } from '@arena/protocol';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { formatBytes, formatDuration, formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';
import { OverrideButton } from './override-dialog';
import { RejudgeButton } from './rejudge-dialog';
import { RejudgingPanel } from './rejudging-panel';

/**
 * One submission for the jury: who, what, when, its verdict; the source files; every judgement
 * (the valid one first) with compile output and a testcase table with the judge's messages.
 * Rejudge this one (preview first) or override its verdict (password re-entry).
 */
export function SubmissionDetailPage({ submissionId }: { submissionId: string }) {
  const { session } = useConsoleData();
  const version = useTopicVersion('judgements', 'runs', 'rejudgings', 'queue');
  const res = useResource(() => fetchSubmission(session, submissionId), `${submissionId}/${version}`);
  const [rejudging, setRejudging] = useState<string | null>(null);
  const s = res.data;
  const judgements = s ? [...s.judgements].sort((a, b) => Number(b.valid) - Number(a.valid) || (b.startMs ?? 0) - (a.startMs ?? 0)) : [];
  return (
    <PageFrame title={`Submission ${submissionId}`} error={res.error} tools={
      <>
        <a className="c-button" href="#/submissions">All submissions</a>
        <RejudgeButton label="Rejudge" what={`submission ${submissionId}`} request={{ submissionIds: [submissionId] }} onCreated={(r) => setRejudging(r.id)} testId="rejudge-one" />
        <OverrideButton submissionId={submissionId} onDone={res.reload} />
      </>
    }>
      {s ? (
        <>
          <dl className="c-facts c-facts--inline" data-testid="submission-facts">
            <dt>Team</dt><dd>{s.teamName}</dd>
            <dt>Problem</dt><dd>{s.problemLabel}</dd>
            <dt>Language</dt><dd>{s.languageId}</dd>
            <dt>Submitted</dt><dd>{`${formatClock(s.contestTime)} (${formatTime(s.timeMs)})`}</dd>
            <dt>Verdict</dt><dd data-testid="detail-verdict" data-verdict={s.verdict ?? ''}><VerdictBadge verdict={s.verdict} /></dd>
            <dt>State</dt><dd>{s.state}</dd>
          </dl>
          {rejudging ? <RejudgingPanel rejudgingId={rejudging} onClose={() => setRejudging(null)} /> : null}
          <h2>Judgements</h2>
          {judgements.length === 0 ? <p className="c-muted">Not judged yet.</p> : judgements.map((j) => <JudgementView key={j.id} judgement={j} />)}
          <h2>Source</h2>
          {s.files.map((f) => (
            <figure key={f.filename} className="c-source">
              <figcaption>{f.filename}</figcaption>
              <pre tabIndex={0} aria-label={`Source file ${f.filename}`}><code>{f.text}</code></pre>
            </figure>
          ))}
        </>
      ) : res.loading ? <p>Loading…</p> : null}
    </PageFrame>
  );
}

function JudgementView({ judgement: j }: { judgement: JuryJudgement }) {
  return (
    <section className={`c-card c-judgement${j.valid ? ' c-judgement--valid' : ''}`} aria-label={`Judgement ${j.id}`} data-testid="judgement" data-valid={j.valid}>
      <h3>
        <VerdictBadge verdict={j.verdict} />
        {` Judgement ${j.id}${j.valid ? ' (valid)' : ' (not valid)'}`}
        {j.overriddenBy ? <span className="c-muted">{` — set by hand by ${j.overriddenBy}`}</span> : null}
      </h3>
      <p className="c-muted">{`Judge ${j.agentId ?? '—'}, ${formatTime(j.startMs)} – ${formatTime(j.endMs)}`}</p>
      {j.compileOutput ? (
        <details>
          <summary>Compile output</summary>
          <pre tabIndex={0} className="c-output">{j.compileOutput}</pre>
        </details>
      ) : null}
      <table className="c-table" data-testid="testcases">
        <caption className="arena-visually-hidden">{`Testcases of judgement ${j.id}`}</caption>
        <thead>
          <tr><th scope="col">#</th><th scope="col">Testcase</th><th scope="col">Verdict</th><th scope="col">CPU</th><th scope="col">Wall</th><th scope="col">Memory</th><th scope="col">Judge message</th><th scope="col">Team message</th></tr>
        </thead>
        <tbody>
          {j.runs.map((r) => (
            <tr key={r.ordinal}>
              <td>{r.ordinal}</td><td>{r.testcaseId}</td><td><VerdictBadge verdict={r.verdict} /></td>
              <td>{formatDuration(r.cpuTimeMs)}</td><td>{formatDuration(r.wallTimeMs)}</td><td>{formatBytes(r.memoryBytes)}</td>
              <td className="c-message">{r.judgeMessage ?? ''}</td><td className="c-message">{r.teamMessage ?? ''}</td>
            </tr>
          ))}
          {j.runs.length === 0 ? <EmptyRow columns={8} text="No testcase was run." /> : null}
        </tbody>
      </table>
    </section>
  );
}
