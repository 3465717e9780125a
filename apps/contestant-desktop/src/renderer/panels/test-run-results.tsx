import type { TestRunResult } from '@arena/protocol';
import { VerdictBadge } from '@arena/ui';

/** A test run's outcome: overall verdict, compiler output, and each case's output vs expected. */
export function TestRunResults({ run, languageName }: { run: TestRunResult; languageName: string }) {
  const pending = run.state === 'queued' || run.state === 'judging';
  return (
    <section className="test-run" aria-labelledby="test-run-title" data-testid="test-run" data-state={run.state}>
      <h3 id="test-run-title">
        Test run ({languageName}): {pending ? (run.state === 'queued' ? 'waiting for a judge…' : 'running…') : null}
        {run.state === 'done' ? <VerdictBadge verdict={run.verdict} /> : null}
        {run.state === 'failed' ? 'could not be run' : null}
      </h3>
      {run.error ? <p className="error">{run.error}</p> : null}
      {run.compileOutput.trim() !== '' ? (
        <details open={run.verdict === 'CE'}>
          <summary>Compiler output</summary>
          <pre tabIndex={0} role="region" aria-label="Compiler output">{run.compileOutput}</pre>
        </details>
      ) : null}
      {run.cases.map((c) => (
        <div key={c.label} className="test-case">
          <p><strong>{c.label}</strong> <VerdictBadge verdict={c.verdict} /> <span className="muted">{Math.round(c.cpuTimeMs)} ms</span></p>
          <div className="compare">
            <figure><figcaption>Input</figcaption><pre tabIndex={0} role="region" aria-label={`${c.label} input`}>{c.input}</pre></figure>
            <figure><figcaption>Your output</figcaption><pre tabIndex={0} role="region" aria-label={`${c.label} output`}>{c.output}</pre></figure>
            {c.expected !== null ? <figure><figcaption>Expected</figcaption><pre tabIndex={0} role="region" aria-label={`${c.label} expected output`}>{c.expected}</pre></figure> : null}
          </div>
        </div>
      ))}
    </section>
  );
}
