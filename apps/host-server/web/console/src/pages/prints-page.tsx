import { useState } from 'react';
import { fetchPrint, fetchPrints, finishPrint } from '../api/console-api';
import type { PrintJobDetail } from '@arena/protocol';
import { errorText } from '../api/host-request';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { ActionButton } from '../ui/action-button';
import { Dialog } from '../ui/dialog';
import { formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';

const STATE_CLASS: Record<string, string> = { queued: 'c-tag--warn', printing: 'c-tag--warn', printed: 'c-tag--ok', failed: 'c-tag--bad' };

/** Opens the job as plain text in a new tab for the browser's own print dialog. */
function printInBrowser(job: PrintJobDetail): void {
  const header = `${job.teamName} — ${job.filename} — ${new Date(job.timeMs).toLocaleString('en-GB')}\n\n`;
  const url = URL.createObjectURL(new Blob([header + job.text], { type: 'text/plain;charset=utf-8' }));
  window.open(url, '_blank');
}

/** Print jobs from teams: view, print from the browser (when no printer command is set up), done / retry. */
export function PrintsPage() {
  const { session } = useConsoleData();
  const res = useResource(() => fetchPrints(session), useTopicVersion('prints'));
  const [viewing, setViewing] = useState<PrintJobDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = (id: string) => fetchPrint(session, id).then(setViewing, (err: unknown) => setError(errorText(err)));
  const prints = [...(res.data ?? [])].sort((a, b) => b.timeMs - a.timeMs);
  return (
    <PageFrame title="Prints" error={res.error ?? error}>
      <table className="c-table c-table--rows" data-testid="prints-table">
        <caption className="arena-visually-hidden">Print jobs, newest first</caption>
        <thead><tr><th scope="col">Time</th><th scope="col">Team</th><th scope="col">File</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {prints.map((p) => (
            <tr key={p.id} data-print-id={p.id} data-state={p.state}>
              <td>{formatTime(p.timeMs)}</td>
              <th scope="row">{p.teamName}</th>
              <td>{p.filename}{p.languageId ? <span className="c-muted">{` (${p.languageId})`}</span> : null}</td>
              <td><span className={`c-tag ${STATE_CLASS[p.state] ?? ''}`}>{p.state}</span>{p.error ? <span className="c-bad">{` ${p.error}`}</span> : null}</td>
              <td className="c-actions-cell">
                <button type="button" className="c-button" onClick={() => void view(p.id)} aria-label={`View ${p.filename} of ${p.teamName}`}>View</button>
                {p.state !== 'printed' ? <ActionButton label="Done" run={() => finishPrint(session, p.id, 'done')} onDone={res.reload} /> : null}
                {p.state === 'failed' || p.state === 'printed' ? <ActionButton label="Retry" run={() => finishPrint(session, p.id, 'retry')} onDone={res.reload} /> : null}
              </td>
            </tr>
          ))}
          {prints.length === 0 ? <EmptyRow columns={5} text="No print jobs." /> : null}
        </tbody>
      </table>
      <Dialog open={viewing !== null} title={viewing ? `${viewing.filename} — ${viewing.teamName}` : ''} onClose={() => setViewing(null)}>
        {viewing ? <pre className="c-output c-print-text" tabIndex={0}>{viewing.text}</pre> : null}
        <div className="c-dialog-actions">
          <button type="button" className="c-button" onClick={() => setViewing(null)}>Close</button>
          {viewing ? <button type="button" className="c-button c-button--primary" onClick={() => printInBrowser(viewing)}>Print from this browser</button> : null}
        </div>
      </Dialog>
    </PageFrame>
  );
}
