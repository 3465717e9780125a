import type { Clarification } from '@arena/protocol';
import { useEffect, useState, type FormEvent } from 'react';
import { sendClarification } from '../api/console-api';
import { errorText } from '../api/host-request';
import { isIncoming, useConsoleData } from '../live/console-data';
import { formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';

const CANNED = [
  'No comment.',
  'Read the problem statement carefully.',
  'The input is as described in the problem statement.',
  'This is explained in the problem statement.',
  'Yes.',
  'No.',
];

/**
 * Clarifications: team questions (unread ones marked until opened; answered or not), the
 * answer form (to the team or to everyone, canned answers one click away) and announcements
 * to all teams. New questions beep and bump the header's count.
 */
export function ClarificationsPage() {
  const { clarifications, readClarifications, markClarificationsRead, teamName, problems } = useConsoleData();
  const [selected, setSelected] = useState<string | null>(null);
  const answeredIds = new Set(clarifications.filter((c) => !isIncoming(c) && c.reply_to_id).map((c) => c.reply_to_id!));
  const sorted = [...clarifications].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  const question = clarifications.find((c) => c.id === selected) ?? null;
  const problemLabel = (id: string | null) => (id ? problems.find((p) => p.id === id)?.label ?? id : 'General');
  useEffect(() => { if (selected) markClarificationsRead([selected]); }, [selected, markClarificationsRead]);

  return (
    <PageFrame title="Clarifications" tools={
      <button type="button" className="c-button" onClick={() => markClarificationsRead(clarifications.map((c) => c.id))}>Mark all read</button>
    }>
      <div className="c-split c-split--wide-left">
        <table className="c-table c-table--rows" data-testid="clarifications-table">
          <caption className="arena-visually-hidden">Clarifications, newest first</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">From → to</th><th scope="col">Problem</th><th scope="col">Text</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {sorted.map((c) => {
              const unread = isIncoming(c) && !readClarifications.has(c.id);
              const answered = answeredIds.has(c.id);
              return (
                <tr key={c.id} data-clarification-id={c.id} data-unread={unread} className={`${unread ? 'c-unread' : ''}${c.id === selected ? ' c-selected' : ''}`}>
                  <td>{formatTime(Date.parse(c.time))}</td>
                  <td>{isIncoming(c) ? teamName(c.from_team_id) : `Jury → ${c.to_team_id ? teamName(c.to_team_id) : 'all teams'}`}</td>
                  <td>{problemLabel(c.problem_id)}</td>
                  <td className="c-clar-text">
                    <button type="button" className="c-link-button" onClick={() => setSelected(c.id)} aria-pressed={c.id === selected}>
                      {c.text.length > 90 ? `${c.text.slice(0, 90)}…` : c.text}
                    </button>
                  </td>
                  <td>
                    {isIncoming(c)
                      ? <span className={`c-tag ${answered ? 'c-tag--ok' : unread ? 'c-tag--hot' : 'c-tag--warn'}`}>{unread ? 'New' : answered ? 'Answered' : 'Open'}</span>
                      : <span className="c-tag">{c.reply_to_id ? 'Answer' : 'Announcement'}</span>}
                  </td>
                </tr>
              );
            })}
            {sorted.length === 0 ? <EmptyRow columns={5} text="No clarifications yet." /> : null}
          </tbody>
        </table>
        <div>
          {question ? <AnswerForm key={question.id} question={question} /> : <p className="c-muted c-card">Select a question to read and answer it.</p>}
          <AnnouncementForm />
        </div>
      </div>
    </PageFrame>
  );
}

function AnswerForm({ question }: { question: Clarification }) {
  const { session, teamName, reloadClarifications } = useConsoleData();
  const [text, setText] = useState('');
  const [toAll, setToAll] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const incoming = isIncoming(question);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendClarification(session, { text: text.trim(), reply_to_id: question.id, problem_id: question.problem_id, to_team_id: toAll ? null : question.from_team_id });
      setText('');
      setStatus(toAll ? 'Answer sent to all teams.' : `Answer sent to ${teamName(question.from_team_id)}.`);
      reloadClarifications();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="c-card" aria-labelledby="answer-title">
      <h2 id="answer-title">{incoming ? `Question from ${teamName(question.from_team_id)}` : 'Jury message'}</h2>
      <blockquote className="c-question" data-testid="question-text">{question.text}</blockquote>
      {incoming ? (
        <form className="c-form" onSubmit={(e) => void submit(e)}>
          <div className="c-canned" role="group" aria-label="Canned answers">
            {CANNED.map((c) => <button key={c} type="button" className="c-chip" onClick={() => setText(c)}>{c}</button>)}
          </div>
          <label htmlFor="answer-text">Answer</label>
          <textarea id="answer-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
          <fieldset className="c-radios">
            <legend>Send to</legend>
            <label><input type="radio" name="answer-to" checked={!toAll} onChange={() => setToAll(false)} />{` ${teamName(question.from_team_id)} only`}</label>
            <label><input type="radio" name="answer-to" checked={toAll} onChange={() => setToAll(true)} /> All teams</label>
          </fieldset>
          {error ? <p className="c-error" role="alert">{error}</p> : null}
          {status ? <p role="status" className="c-ok">{status}</p> : null}
          <button type="submit" className="c-button c-button--primary" disabled={busy || text.trim() === ''} data-testid="send-answer">{busy ? 'Sending…' : 'Send answer'}</button>
        </form>
      ) : null}
    </section>
  );
}

function AnnouncementForm() {
  const { session, problems, reloadClarifications } = useConsoleData();
  const [text, setText] = useState('');
  const [problemId, setProblemId] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await sendClarification(session, { text: text.trim(), problem_id: problemId || null, to_team_id: null });
      setText('');
      setStatus('Announcement sent to all teams.');
      reloadClarifications();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section className="c-card" aria-labelledby="announce-title">
      <h2 id="announce-title">Announcement to all teams</h2>
      <form className="c-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="announce-problem">Problem</label>
        <select id="announce-problem" value={problemId} onChange={(e) => setProblemId(e.target.value)}>
          <option value="">General</option>
          {problems.map((p) => <option key={p.id} value={p.id}>{`${p.label} ${p.name}`}</option>)}
        </select>
        <label htmlFor="announce-text">Text</label>
        <textarea id="announce-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
        {error ? <p className="c-error" role="alert">{error}</p> : null}
        {status ? <p role="status" className="c-ok">{status}</p> : null}
        <button type="submit" className="c-button" disabled={text.trim() === ''}>Send announcement</button>
      </form>
    </section>
  );
}
