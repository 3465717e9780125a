import { useState, type ReactNode } from 'react';
import { errorText } from '../api/host-request';
import { Dialog } from './dialog';

export interface ActionButtonProps {
  label: string;
  /** Runs the action; a thrown error is shown next to the button. */
  run(): Promise<unknown>;
  /** Asks first in a dialog with this text (for anything that cannot be undone casually). */
  confirm?: ReactNode;
  confirmLabel?: string;
  variant?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  /** Called after a successful run. */
  onDone?(): void;
  testId?: string;
}

/**
 * One click (or two with `confirm`) for one host action. Shows "working…" while it runs and the
 * host's reason when it is refused (role="alert", read out at once).
 */
export function ActionButton(props: ActionButtonProps) {
  const { label, run, confirm, variant = 'plain', disabled, onDone, testId } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const go = async () => {
    setAsking(false);
    setBusy(true);
    setError(null);
    try {
      await run();
      onDone?.();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="c-action">
      <button type="button" className={`c-button c-button--${variant}`} disabled={disabled || busy} data-testid={testId}
        onClick={() => (confirm ? setAsking(true) : void go())}>
        {busy ? `${label}…` : label}
      </button>
      {error ? <span className="c-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>{error}</span> : null}
      {confirm ? (
        <Dialog open={asking} title={`${label}?`} onClose={() => setAsking(false)}>
          <div className="c-dialog-body">{confirm}</div>
          <div className="c-dialog-actions">
            <button type="button" className="c-button" onClick={() => setAsking(false)} autoFocus>Cancel</button>
            <button type="button" className={`c-button c-button--${variant === 'plain' ? 'primary' : variant}`} onClick={() => void go()} data-testid="confirm-action">
              {props.confirmLabel ?? label}
            </button>
          </div>
        </Dialog>
      ) : null}
    </span>
  );
}
