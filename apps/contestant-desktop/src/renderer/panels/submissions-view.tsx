import type { Language, Problem } from '@arena/protocol';
import { VerdictBadge } from '@arena/ui';
import { useState } from 'react';
import { describeFailure, type HostClient } from '../api/host-client';
import { shortContestTime } from '../lib/clock-offset';
import { verdictOf, type TeamRecords } from '../live/team-records';

/** The team's submissions, newest first, with verdicts as they are pushed; compiler output for CE. */
export function SubmissionsView({ client, contestId, records, problems, languages }: {
  client: HostClient; contestId: string; records: TeamRecords; problems: Problem[]; languages: Language[];
}) {
  const [output, setOutput] = useState<{ id: string; text: string } | null>(null);
  const label = new Map(problems.map((p) => [p.id, `${p.label} ${p.name}`]));
  const languageName = new Map(languages.map((l) => [l.id, l.name]));
  const rows = [...records.submissions.values()].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : b.id.localeCompare(a.id)));

  const showCompileOutput = async (id: string) => {
    try {
      const res = await client.getCompileOutput(contestId, id);
      setOutput({ id, text: res.compileOutput ?? 'The judge kept no compiler output.' });
    } catch (err) {
      setOutput({ id, text: `Cannot load the compiler output: ${describeFailure(err)}` });
    }
  };

  return (
    <section className="page" aria-labelledby="submissions-title">
      <h2 id="submissions-title">Your submissions</h2>
      {rows.length === 0 ? <p className="muted">No submissions yet. Submit from a problem's editor (Ctrl+Enter).</p> : (
        <table className="data-table" data-testid="submissions">
          <caption className="arena-visually-hidden">Your submissions, newest first; verdicts update live</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">Problem</th><th scope="col">Language</th><th scope="col">Verdict</th><th scope="col">Details</th></tr></thead>
          <tbody aria-live="polite">
            {rows.map((s) => {
              const { verdict } = verdictOf(records, s.id);
              return (
                <tr key={s.id} data-submission-id={s.id} data-verdict={verdict ?? 'pending'}>
                  <td>{shortContestTime(s.contest_time)}</td>
                  <th scope="row">{label.get(s.problem_id) ?? s.problem_id}</th>
                  <td>{languageName.get(s.language_id) ?? s.language_id}</td>
                  <td><VerdictBadge verdict={verdict} /></td>
                  <td>{verdict === 'CE' ? <button type="button" className="small" onClick={() => void showCompileOutput(s.id)}>Compiler output</button> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {output ? (
        <section aria-labelledby="compile-output-title" className="stack compile-output">
          <h3 id="compile-output-title">Compiler output of submission {output.id}</h3>
          <pre tabIndex={0} role="region" aria-label="Compiler output">{output.text}</pre>
        </section>
      ) : null}
    </section>
  );
}
