import { useState, type FormEvent } from 'react';
import { overrideVerdict } from '../api/console-api';
import { errorText, HostApiError } from '../api/host-request';
import { useConsoleData } from '../live/console-data';
import { Dialog } from '../ui/dialog';

const VERDICTS = [['AC', 'Accepted'], ['WA', 'Wrong answer'], ['TLE', 'Time limit exceeded'], ['RTE', 'Run-time error'], ['MLE', 'Memory limit exceeded'], ['OLE', 'Output limit exceeded'], ['CE', 'Compile error']] as const;

/**
 * Sets a submission's verdict by hand. The host wants the acting account's password again
 * (fresh authentication, CLICS); a wrong one is said plainly and changes nothing.
 */
export function OverrideButton({ submissionId, onDone }: { submissionId: string; onDone(): void }) {
  const { session } = useConsoleData();
  const [open, setOpen] = useState(false);
  const [verdict, setVerdict] = useState('AC');
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => { setOpen(false); setPassword(''); setError(null); };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await overrideVerdict(session, submissionId, { verdict, reason: reason.trim(), password });
      close();
      setReason('');
      onDone();
    } catch (err) {
      setError(err instanceof HostApiError && err.code === 'reauth_failed' ? 'That password is not yours: nothing was changed. Type your own password again.' : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="c-button c-button--danger" onClick={() => setOpen(true)} data-testid="override">Override verdict</button>
      <Dialog open={open} title="Override verdict" onClose={close}>
        <form onSubmit={(e) => void submit(e)} className="c-form">
          <p>{`Submission ${submissionId} gets this verdict as its valid judgement. Teams and the scoreboard see it; the audit log records it.`}</p>
          <label htmlFor="override-verdict">New verdict</label>
          <select id="override-verdict" value={verdict} onChange={(e) => setVerdict(e.target.value)} autoFocus>
            {VERDICTS.map(([id, name]) => <option key={id} value={id}>{`${id} — ${name}`}</option>)}
          </select>
          <label htmlFor="override-reason">Reason</label>
          <input id="override-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
          <label htmlFor="override-password">{`Your password (${session.username})`}</label>
          <input id="override-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          {error ? <p className="c-error" role="alert" data-testid="override-error">{error}</p> : null}
          <div className="c-dialog-actions">
            <button type="button" className="c-button" onClick={close}>Cancel</button>
            <button type="submit" className="c-button c-button--danger" disabled={busy || reason.trim() === '' || password === ''} data-testid="override-confirm">
              {busy ? 'Overriding…' : 'Override'}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
