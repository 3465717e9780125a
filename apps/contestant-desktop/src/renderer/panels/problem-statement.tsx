import type { Problem } from '@arena/protocol';
import { useEffect, useState } from 'react';
import { withoutRepeatedTitle } from '../lib/statement-title';
import { describeFailure, type Attachment, type HostClient, type Sample, type Statement } from '../api/host-client';

interface Loaded {
  statement: Statement;
  samples: Sample[];
  attachments: Attachment[];
}

/**
 * One problem's statement: the host's sanitized HTML in a container (KaTeX CSS is bundled, so
 * pre-rendered math displays), or the PDF embedded with a link; then the samples with Copy
 * buttons and the attachments as downloads.
 */
export function ProblemStatement({ client, contestId, problem }: { client: HostClient; contestId: string; problem: Problem }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoaded(null);
    setError(null);
    Promise.all([
      client.getStatement(contestId, problem.id),
      client.getSamples(contestId, problem.id).catch(() => [] as Sample[]),
      client.getAttachments(contestId, problem.id).catch(() => [] as Attachment[]),
    ]).then(
      ([statement, samples, attachments]) => { if (!cancelled) setLoaded({ statement, samples, attachments }); },
      (err: unknown) => { if (!cancelled) setError(describeFailure(err)); },
    );
    return () => { cancelled = true; };
  }, [client, contestId, problem.id]);

  useEffect(() => () => {
    if (loaded?.statement.kind === 'pdf') URL.revokeObjectURL(loaded.statement.url);
  }, [loaded]);

  const copy = async (label: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(label);
    } catch {
      setCopied(null);
    }
  };
  const download = async (a: Attachment) => {
    const blob = await client.download(a.href);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = a.filename.split('/').pop() ?? 'attachment';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="statement" aria-labelledby="statement-title" data-testid="statement">
      <header className="statement-head">
        <h2 id="statement-title"><span className="problem-letter">{problem.label}</span> {problem.name}</h2>
        <p className="muted">Time limit {problem.time_limit} s</p>
      </header>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {!loaded && !error ? <p className="muted">Loading the statement…</p> : null}
      {loaded?.statement.kind === 'html' ? (
        // The host sanitized this HTML when the contest was imported (scripts, handlers and remote URLs removed).
        <div className="statement-body" data-testid="statement-body" dangerouslySetInnerHTML={{ __html: withoutRepeatedTitle(loaded.statement.html, problem.name) }} />
      ) : null}
      {loaded?.statement.kind === 'pdf' ? (
        <div className="stack">
          <a href={loaded.statement.url} target="_blank" rel="noreferrer">Open the statement (PDF)</a>
          <object data={loaded.statement.url} type="application/pdf" className="statement-pdf" aria-label={`Statement of ${problem.name}`} />
        </div>
      ) : null}
      {loaded?.statement.kind === 'none' ? <p className="muted">This problem has no statement on the host. Ask the jury.</p> : null}
      {loaded && loaded.samples.length > 0 ? (
        <section aria-labelledby="samples-title">
          <h3 id="samples-title">Samples</h3>
          {loaded.samples.map((s, i) => (
            <div key={s.id} className="sample" data-testid="sample">
              {([['Input', s.input], ['Output', s.answer]] as const).map(([kind, text]) => {
                const label = `Sample ${i + 1} ${kind.toLowerCase()}`;
                return (
                  <figure key={kind} className="sample-part">
                    <figcaption>
                      <span>{`Sample ${i + 1} — ${kind}`}</span>
                      <button type="button" className="small" onClick={() => void copy(label, text)} aria-label={`Copy ${label}`}>
                        {copied === label ? 'Copied' : 'Copy'}
                      </button>
                    </figcaption>
                    <pre tabIndex={0} role="region" aria-label={label}>{text}</pre>
                  </figure>
                );
              })}
            </div>
          ))}
        </section>
      ) : null}
      {loaded && loaded.attachments.length > 0 ? (
        <section aria-labelledby="attachments-title">
          <h3 id="attachments-title">Attachments</h3>
          <ul className="attachments">
            {loaded.attachments.map((a) => (
              <li key={a.href}><button type="button" className="link" onClick={() => void download(a)}>{a.filename}</button> <span className="muted">{a.mime}</span></li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
