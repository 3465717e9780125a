import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ArenaBridge } from '../../shared/bridge';

/** Desktop only: quitting needs the proctor's exit code, checked by the host through main. */
export function QuitDialog({ bridge, onClose }: { bridge: ArenaBridge; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const result = await bridge.quit(code.trim());
      if (!result.ok) setMessage(result.message);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="card" aria-labelledby="quit-title" onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <h2 id="quit-title">Quit Arena</h2>
        <p>Ask the proctor for the exit code. Your code is saved either way.</p>
        <label htmlFor="exit-code">Exit code</label>
        <input id="exit-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        {message ? <p role="alert" className="error">{message}</p> : null}
        <div className="row">
          <button type="submit" className="danger" disabled={busy || code.trim() === ''}>Quit</button>
          <button type="button" onClick={() => ref.current?.close()}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
