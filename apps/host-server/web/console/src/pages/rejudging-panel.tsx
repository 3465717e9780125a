import { VerdictBadge } from '@arena/ui';
import { fetchRejudging, finishRejudging } from '../api/console-api';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { ActionButton } from '../ui/action-button';
import { EmptyRow } from '../ui/page-frame';

const rank = (r: number | null) => (r === null ? '—' : String(r));

/**
 * One rejudging: progress, every submission's old → new verdict, and the scoreboard preview
 * (teams whose rank, solved or penalty would change). Apply (enabled when all are done) makes
 * the new verdicts official; Cancel drops them. Both ask first.
 */
export function RejudgingPanel({ rejudgingId, onClose }: { rejudgingId: string; onClose(): void }) {
  const { session, problems, teamName } = useConsoleData();
  const version = useTopicVersion('rejudgings', 'judgements');
  const res = useResource(() => fetchRejudging(session, rejudgingId), `${rejudgingId}/${version}`);
  const r = res.data;
  const label = (id: string) => problems.find((p) => p.id === id)?.label ?? id;
  return (
    <section className="c-card c-rejudging" aria-labelledby="rejudging-title" data-testid="rejudging" data-state={r?.state ?? ''}>
      <div className="c-page-head">
        <h2 id="rejudging-title">{`Rejudging ${rejudgingId}`}</h2>
        <button type="button" className="c-button" onClick={onClose}>Close</button>
      </div>
      {res.error ? <p className="c-error" role="alert">{res.error}</p> : null}
      {r ? (
        <>
          <p role="status" data-testid="rejudging-progress">
            {`${r.state === 'judging' ? 'Judging' : r.state === 'ready' ? 'Ready to apply' : r.state === 'applied' ? 'Applied' : 'Cancelled'}: ${r.done} of ${r.total} judged. Reason: ${r.reason}`}
          </p>
          <div className="c-row">
            <ActionButton label="Apply" variant="primary" disabled={r.state !== 'ready'} testId="rejudging-apply" onDone={res.reload}
              run={() => finishRejudging(session, r.id, 'apply')}
              confirm={`The new verdicts replace the old ones for ${r.total} submission(s); teams and the scoreboard see the change.`} />
            <ActionButton label="Cancel rejudging" disabled={r.state === 'applied' || r.state === 'cancelled'} testId="rejudging-cancel" onDone={res.reload}
              run={() => finishRejudging(session, r.id, 'cancel')} confirm="The new results are thrown away; the old verdicts stay." confirmLabel="Throw them away" />
          </div>
          <div className="c-split">
            <table className="c-table" data-testid="rejudging-items">
              <caption>Submissions</caption>
              <thead><tr><th scope="col">Submission</th><th scope="col">Team</th><th scope="col">Problem</th><th scope="col">Old</th><th scope="col">New</th></tr></thead>
              <tbody>
                {r.items.map((item) => (
                  <tr key={item.submissionId} className={item.newVerdict !== null && item.newVerdict !== item.oldVerdict ? 'c-row-changed' : undefined}>
                    <td><a href={`#/submissions/${encodeURIComponent(item.submissionId)}`}>{item.submissionId}</a></td>
                    <td>{teamName(item.teamId)}</td>
                    <td>{label(item.problemId)}</td>
                    <td><VerdictBadge verdict={item.oldVerdict} /></td>
                    <td data-testid="rejudging-new-verdict"><VerdictBadge verdict={item.newVerdict} /></td>
                  </tr>
                ))}
                {r.items.length === 0 ? <EmptyRow columns={5} text="No submission matched." /> : null}
              </tbody>
            </table>
            <table className="c-table" data-testid="rejudging-preview">
              <caption>Scoreboard preview (jury board)</caption>
              <thead><tr><th scope="col">Team</th><th scope="col">Rank</th><th scope="col">Solved</th><th scope="col">Penalty</th></tr></thead>
              <tbody>
                {r.scoreboardPreview.map((p) => (
                  <tr key={p.teamId}>
                    <th scope="row">{p.teamName}</th>
                    <td>{`${rank(p.oldRank)} → ${rank(p.newRank)}`}</td>
                    <td>{`${p.oldSolved} → ${p.newSolved}`}</td>
                    <td>{`${p.oldPenalty} → ${p.newPenalty}`}</td>
                  </tr>
                ))}
                {r.scoreboardPreview.length === 0 ? <EmptyRow columns={4} text={r.state === 'judging' ? 'Waiting for the judges…' : 'No team changes place, solved count or penalty.'} /> : null}
              </tbody>
            </table>
          </div>
        </>
      ) : res.loading ? <p>Loading…</p> : null}
    </section>
  );
}
