import { HostSetupStatus } from '@arena/protocol';
import { useState, type FormEvent } from 'react';
import { ImportReport } from './api/console-schemas';
import { errorText, requestJson } from './api/host-request';

/** Whether the host still waits for its first contest (public). */
export function fetchSetupStatus(): Promise<HostSetupStatus> {
  return requestJson('/api/arena/setup', HostSetupStatus);
}

/** Uploads the first contest package with the one-time setup code the host printed at start. */
function uploadFirstPackage(code: string, zip: Blob): Promise<ImportReport> {
  return requestJson(`/api/arena/setup/contest-package?code=${encodeURIComponent(code)}`, ImportReport, { raw: { data: zip, contentType: 'application/zip' } });
}

/**
 * "First run" on a host with no contest: the operator types the setup code the host printed in
 * its terminal or log and uploads the contest package zip. Shows the host's reason when refused
 * (wrong code, bad package: nothing imported, the code stays valid) and the import report when
 * done, with the next step: log in with an admin account from the package.
 */
export function FirstRunPanel({ onImported }: { onImported(report: ImportReport): void }) {
  const [code, setCode] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choose the contest package (.zip) to upload.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const imported = await uploadFirstPackage(code.trim(), file);
      setReport(imported);
      onImported(imported);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (report) {
    return (
      <section className="c-login-form" aria-labelledby="first-run-title" data-testid="first-run">
        <h2 id="first-run-title" style={{ marginTop: 0 }}>First run</h2>
        <div role="status" data-testid="first-run-report">
          <p>{`Imported contest ${report.contestName} (${report.contestId}): ${report.problems.map((p) => p.label).join(', ')}.`}</p>
          {report.warnings.length > 0
            ? <ul>{report.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
            : <p className="c-muted">No warnings.</p>}
          <p><strong>Now log in with an admin account from the package.</strong></p>
        </div>
      </section>
    );
  }

  return (
    <form className="c-login-form" onSubmit={(e) => void submit(e)} aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title" style={{ marginTop: 0 }}>First run</h2>
      <p className="c-muted">
        This host has no contest yet. Type the setup code the host printed when it started (in its terminal or log)
        and upload the contest package. The package&apos;s admin accounts can then log in here.
      </p>
      <label htmlFor="first-run-code">Setup code</label>
      <input id="first-run-code" name="setup-code" autoComplete="off" spellCheck={false} autoCapitalize="characters"
        value={code} onChange={(e) => setCode(e.target.value)} required autoFocus />
      <label htmlFor="first-run-file">Contest package (.zip)</label>
      <input id="first-run-file" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      <button type="submit" className="c-button c-button--primary" disabled={busy}>{busy ? 'Uploading…' : 'Upload package'}</button>
      {error ? <p className="c-error" role="alert" data-testid="first-run-error">{error}</p> : null}
    </form>
  );
}
