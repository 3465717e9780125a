import { formatClock, problemColor, textColorOn } from '@arena/ui';
import { useState } from 'react';
import { fetchBalloons, markDelivered } from '../api/console-api';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { ActionButton } from '../ui/action-button';
import { formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';

/** The balloon queue: oldest undelivered first, colour swatch, first-to-solve mark, one-click Delivered. */
export function BalloonsPage() {
  const { session } = useConsoleData();
  const res = useResource(() => fetchBalloons(session), useTopicVersion('balloons', 'judgements'));
  const [showDelivered, setShowDelivered] = useState(false);
  const all = res.data ?? [];
  const waiting = all.filter((b) => !b.delivered).sort((a, b) => a.timeMs - b.timeMs);
  const shown = showDelivered ? [...waiting, ...all.filter((b) => b.delivered).sort((a, b) => b.timeMs - a.timeMs)] : waiting;
  return (
    <PageFrame title="Balloons" error={res.error} tools={
      <label className="c-check"><input type="checkbox" checked={showDelivered} onChange={(e) => setShowDelivered(e.target.checked)} /> Show delivered</label>
    }>
      <p className="c-muted" role="status">{`${waiting.length} to deliver`}</p>
      <table className="c-table c-table--rows" data-testid="balloons-table">
        <caption className="arena-visually-hidden">Balloons, oldest first</caption>
        <thead><tr><th scope="col">Balloon</th><th scope="col">Team</th><th scope="col">Problem</th><th scope="col">Solved at</th><th scope="col">Status</th></tr></thead>
        <tbody>
          {shown.map((b) => {
            const bg = problemColor(b.rgb ?? undefined);
            return (
              <tr key={b.id} data-balloon-id={b.id} data-team-id={b.teamId} data-problem-id={b.problemId} data-delivered={b.delivered}>
                <td>
                  <span className="c-swatch" style={{ backgroundColor: bg, color: textColorOn(bg) }}>{b.problemLabel}</span>
                  <span className="c-muted">{` ${b.color ?? ''}`}</span>
                  {b.firstToSolve ? <span className="c-tag c-tag--first" title="First team to solve this problem">First to solve</span> : null}
                </td>
                <th scope="row">{b.teamName}</th>
                <td>{b.problemLabel}</td>
                <td>{`${formatClock(b.contestTime)} (${formatTime(b.timeMs)})`}</td>
                <td>
                  {b.delivered
                    ? <span className="c-tag c-tag--ok">{`Delivered${b.deliveredBy ? ` by ${b.deliveredBy}` : ''}`}</span>
                    : <ActionButton label="Delivered" variant="primary" run={() => markDelivered(session, b.id)} onDone={res.reload} testId={`deliver-${b.id}`} />}
                </td>
              </tr>
            );
          })}
          {shown.length === 0 ? <EmptyRow columns={5} text="No balloons waiting." /> : null}
        </tbody>
      </table>
    </PageFrame>
  );
}
