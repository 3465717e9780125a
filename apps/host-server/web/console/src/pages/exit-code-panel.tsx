import { useState } from 'react';
import { fetchExitCode } from '../api/console-api';
import { errorText } from '../api/host-request';
import { useConsoleData } from '../live/console-data';

/** The desktop app's exit code (a proctor types it on a contestant PC to quit); hidden until asked. */
export function ExitCodePanel() {
  const { session } = useConsoleData();
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="c-card" aria-labelledby="exit-title">
      <h2 id="exit-title">Desktop exit code</h2>
      <p className="c-muted">Proctors type it on a contestant PC to close the locked-down app.</p>
      {code ? <p className="c-code-big" data-testid="exit-code">{code}</p> : (
        <button type="button" className="c-button" onClick={() => fetchExitCode(session).then(setCode, (err: unknown) => setError(errorText(err)))}>Show exit code</button>
      )}
      {error ? <p className="c-error" role="alert">{error}</p> : null}
    </section>
  );
}
