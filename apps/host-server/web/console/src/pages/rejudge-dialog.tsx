import { useState, type FormEvent } from 'react';
import { createRejudging, type RejudgeRequest } from '../api/console-api';
import type { Rejudging } from '@arena/protocol';
import { errorText } from '../api/host-request';
import { useConsoleData } from '../live/console-data';
import { Dialog } from '../ui/dialog';

/**
 * Starts a rejudging of what `request` selects (one submission, a filter, a problem) after asking
 * for a reason. Nothing becomes visible until the jury applies it on the preview.
 */
export function RejudgeButton({ label, what, request, onCreated, testId }: {
  label: string; what: string; request: Omit<RejudgeRequest, 'reason'>; onCreated(rejudging: Rejudging): void; testId?: string;
}) {
  const { session } = useConsoleData();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createRejudging(session, { ...request, reason: reason.trim() });
      setOpen(false);
      setReason('');
      onCreated(created);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="c-button" onClick={() => setOpen(true)} data-testid={testId}>{label}</button>
      <Dialog open={open} title={label} onClose={() => setOpen(false)}>
        <form onSubmit={(e) => void submit(e)} className="c-form">
          <p>{`Judges ${what} again. The new results stay hidden until you apply them on the preview.`}</p>
          <label htmlFor="rejudge-reason">Reason (kept in the audit log)</label>
          <input id="rejudge-reason" value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
          {error ? <p className="c-error" role="alert">{error}</p> : null}
          <div className="c-dialog-actions">
            <button type="button" className="c-button" onClick={() => setOpen(false)}>Cancel</button>
            <button type="submit" className="c-button c-button--primary" disabled={busy || reason.trim() === ''} data-testid="rejudge-start">{busy ? 'Starting…' : 'Start rejudging'}</button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
