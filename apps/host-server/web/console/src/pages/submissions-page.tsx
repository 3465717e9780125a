import { formatClock, VerdictBadge } from '@arena/ui';
import { useState } from 'react';
import { fetchRejudgings, fetchSubmissions, type SubmissionFilter } from '../api/console-api';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { formatDuration, formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';
import { RejudgeButton } from './rejudge-dialog';
import { RejudgingPanel } from './rejudging-panel';

const VERDICTS = ['AC', 'WA', 'TLE', 'RTE', 'MLE', 'OLE', 'CE', 'JE'];
const STATE_TEXT: Record<string, string> = { queued: 'Queued', judging: 'Judging', judged: 'Judged', held: 'Held (judging error)' };

/**
 * Every submission, newest first, live (re-fetched on each submission, judgement and rejudging
 * push), with filters; a row opens the detail. "Rejudge these" rejudges what the filter shows.
 */
export function SubmissionsPage() {
  const { session, teams, problems, languages } = useConsoleData();
  const [filter, setFilter] = useState<SubmissionFilter>({});
  const [openRejudging, setOpenRejudging] = useState<string | null>(null);
  const version = useTopicVersion('submissions', 'judgements', 'rejudgings', 'queue');
  const list = useResource(() => fetchSubmissions(session, { ...filter, limit: 500 }), `${JSON.stringify(filter)}/${version}`);
  const rejudgings = useResource(() => fetchRejudgings(session), useTopicVersion('rejudgings'));
  const active = (rejudgings.data ?? []).filter((r) => r.state === 'judging' || r.state === 'ready');
  const set = (key: keyof SubmissionFilter) => (value: string) => setFilter((f) => ({ ...f, [key]: value || undefined }));
  const { limit: _limit, ...selection } = filter;
  const filterText = Object.entries(selection).filter(([, v]) => v).map(([k, v]) => `${k} ${String(v)}`).join(', ');

  return (
    <PageFrame title="Submissions" error={list.error} tools={
      <RejudgeButton label={filterText ? 'Rejudge these' : 'Rejudge all'} what={filterText ? `every submission with ${filterText}` : 'EVERY submission of the contest'}
        request={{ ...(filter.team ? { teamId: filter.team } : {}), ...(filter.problem ? { problemId: filter.problem } : {}), ...(filter.language ? { languageId: filter.language } : {}), ...(filter.verdict ? { verdict: filter.verdict } : {}) }}
        onCreated={(r) => setOpenRejudging(r.id)} testId="rejudge-filter" />
    }>
      <form className="c-filters" aria-label="Filter submissions" onSubmit={(e) => e.preventDefault()}>
        <Select id="f-team" label="Team" value={filter.team} onChange={set('team')} options={teams.map((t) => [t.id, t.display_name ?? t.name])} />
        <Select id="f-problem" label="Problem" value={filter.problem} onChange={set('problem')} options={problems.map((p) => [p.id, `${p.label} ${p.name}`])} />
        <Select id="f-language" label="Language" value={filter.language} onChange={set('language')} options={languages.map((l) => [l.id, l.name])} />
        <Select id="f-verdict" label="Verdict" value={filter.verdict} onChange={set('verdict')} options={[['pending', 'Pending'], ...VERDICTS.map((v) => [v, v] as [string, string])]} />
        <label htmlFor="f-judge">Judge</label>
        <input id="f-judge" value={filter.judge ?? ''} onChange={(e) => set('judge')(e.target.value)} className="c-narrow" placeholder="agent id" />
        <button type="button" className="c-button" onClick={() => setFilter({})}>Clear</button>
      </form>
      {openRejudging ? <RejudgingPanel rejudgingId={openRejudging} onClose={() => setOpenRejudging(null)} /> : null}
      {active.length > 0 && openRejudging === null ? (
        <p className="c-notice">
          {'Open rejudgings: '}
          {active.map((r) => (
            <button key={r.id} type="button" className="c-link-button" onClick={() => setOpenRejudging(r.id)}>{`${r.id} (${r.done}/${r.total}, ${r.state})`}</button>
          ))}
        </p>
      ) : null}
      <table className="c-table c-table--rows" data-testid="submissions-table">
        <caption className="arena-visually-hidden">Submissions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Id</th><th scope="col">Time</th><th scope="col">Team</th><th scope="col">Problem</th><th scope="col">Language</th>
            <th scope="col">Verdict</th><th scope="col">State</th><th scope="col">Judge</th><th scope="col">Max CPU</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((s) => (
            <tr key={s.id} data-submission-id={s.id} data-verdict={s.verdict ?? ''} data-state={s.state}>
              <td><a href={`#/submissions/${encodeURIComponent(s.id)}`}>{s.id}</a></td>
              <td title={formatTime(s.timeMs)}>{formatClock(s.contestTime)}</td>
              <td>{s.teamName}</td>
              <td>{s.problemLabel}</td>
              <td>{s.languageId}</td>
              <td><VerdictBadge verdict={s.verdict} /></td>
              <td className={s.state === 'held' ? 'c-bad' : undefined}>{STATE_TEXT[s.state] ?? s.state}</td>
              <td>{s.agentId ?? '—'}</td>
              <td>{formatDuration(s.maxCpuTimeMs)}</td>
            </tr>
          ))}
          {list.data?.length === 0 ? <EmptyRow columns={9} text="No submissions match." /> : null}
        </tbody>
      </table>
    </PageFrame>
  );
}

function Select({ id, label, value, onChange, options }: { id: string; label: string; value: string | undefined; onChange(v: string): void; options: Array<[string, string]> }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </>
  );
}
