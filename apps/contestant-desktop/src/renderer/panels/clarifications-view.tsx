import type { Clarification, Problem } from '@arena/protocol';
import { useState, type FormEvent } from 'react';
import { describeFailure, type HostClient } from '../api/host-client';
import { shortContestTime } from '../lib/clock-offset';

/**
 * Clarifications: ask the jury (about a problem or in general), read answers and
 * announcements, newest first. Unread ones (from the jury) are marked until this page is seen.
 */
export function ClarificationsView(props: {
  client: HostClient; contestId: string; teamId: string; problems: Problem[]; clarifications: Clarification[]; unreadIds: ReadonlySet<string>;
}) {
  const [problemId, setProblemId] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const label = new Map(props.problems.map((p) => [p.id, `${p.label} ${p.name}`]));
  const byId = new Map(props.clarifications.map((c) => [c.id, c]));
  const list = [...props.clarifications].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await props.client.askClarification(props.contestId, text.trim(), problemId === '' ? null : problemId);
      setText('');
      setNotice({ error: false, text: 'Sent to the jury. The answer will appear here.' });
    } catch (err) {
      setNotice({ error: true, text: `Not sent: ${describeFailure(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page clar-page" aria-labelledby="clar-title">
      <h2 id="clar-title">Clarifications</h2>
      <form className="card stack ask-form" onSubmit={(e) => void ask(e)}>
        <h3>Ask the jury</h3>
        <label htmlFor="clar-problem">About</label>
        <select id="clar-problem" value={problemId} onChange={(e) => setProblemId(e.target.value)}>
          <option value="">General</option>
          {props.problems.map((p) => <option key={p.id} value={p.id}>{p.label} {p.name}</option>)}
        </select>
        <label htmlFor="clar-text">Question</label>
        <textarea id="clar-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} required maxLength={10_000} />
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>Send question</button>
        {notice ? <p role={notice.error ? 'alert' : 'status'} className={notice.error ? 'error' : 'good'}>{notice.text}</p> : null}
      </form>
      <ol className="clar-list" aria-label="Questions, answers and announcements" data-testid="clarifications">
        {list.length === 0 ? <li className="muted">Nothing yet.</li> : null}
        {list.map((c) => {
          const fromUs = c.from_team_id === props.teamId;
          const kind = fromUs ? 'Your question' : c.reply_to_id ? 'Answer' : c.to_team_id === null ? 'Announcement' : 'Message from the jury';
          const question = c.reply_to_id ? byId.get(c.reply_to_id) : undefined;
          return (
            <li key={c.id} className={`clar clar--${fromUs ? 'ours' : 'jury'}${props.unreadIds.has(c.id) ? ' clar--unread' : ''}`} data-clarification-id={c.id}>
              <p className="clar-meta">
                <strong>{kind}</strong> · {c.problem_id ? label.get(c.problem_id) ?? c.problem_id : 'General'} · {shortContestTime(c.contest_time)}
                {props.unreadIds.has(c.id) ? <span className="badge">new</span> : null}
              </p>
              {question ? <blockquote className="muted">{question.text}</blockquote> : null}
              <p className="clar-text">{c.text}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
