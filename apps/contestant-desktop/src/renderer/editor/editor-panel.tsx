import type { Language, Problem, TestRunResult } from '@arena/protocol';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type ChangeEvent, type Ref } from 'react';
import { HostRefusedError, HostUnreachableError, describeFailure, type HostClient } from '../api/host-client';
import { ENTRY_POINT_CLASS, monacoLanguageOf, sourceFilename } from '../lib/draft-keys';
import type { DraftStore } from '../lib/platform';
import { submissionBody, type SourceFile } from '../lib/zip-submission';
import { TestRunResults } from '../panels/test-run-results';
import { CodeEditor } from './code-editor';
import { useBuffers, type SaveState } from './use-buffers';

const LANGUAGE_PREF_KEY = 'arena-language';
const TEST_RUN_POLL_MS = 2000;
export const UNREACHABLE_SUBMIT_MESSAGE = 'Not sent: the host is unreachable — your code is saved, try again.';

/** What the rest of the app can trigger (the global Ctrl+Enter). */
export interface EditorPanelHandle {
  submit(): void;
}

export interface EditorPanelProps {
  client: HostClient;
  contestId: string;
  problem: Problem;
  languages: Language[];
  drafts: DraftStore;
  /** Test-run results pushed on the socket, by run id. */
  testRuns: ReadonlyMap<string, TestRunResult>;
  onSubmitted(submissionId: string): void;
  handleRef?: Ref<EditorPanelHandle>;
}

type Notice = { tone: 'info' | 'good' | 'error'; text: string } | null;

function saveText(state: SaveState): string {
  if (state.kind === 'unsaved') return 'Saving…';
  if (state.kind === 'failed') return `Not saved: ${state.message}`;
  return state.atMs === null ? 'Saved (empty)' : `Saved ${new Date(state.atMs).toLocaleTimeString([], { hour12: false })}`;
}

function initialLanguage(languages: Language[]): string {
  const preferred = window.localStorage.getItem(LANGUAGE_PREF_KEY);
  if (preferred && languages.some((l) => l.id === preferred)) return preferred;
  return (languages.find((l) => l.id === 'cpp') ?? languages[0])?.id ?? '';
}

/** A picked file's name, made acceptable to the host (letters, digits, _ . -). */
function plainFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z0-9_]/, '_');
  return cleaned.slice(0, 255) || 'source.txt';
}

/**
 * The editor of one problem: language choice, Monaco with the buffer of (problem, language),
 * autosave state, Submit (Ctrl+Enter) and Submit a file, Run on samples / custom input
 * (Ctrl+Shift+Enter), Print. A submission the host did not acknowledge is reported as not sent.
 */
export function EditorPanel(props: EditorPanelProps) {
  const { client, contestId, problem, languages } = props;
  const [languageId, setLanguageId] = useState(() => initialLanguage(languages));
  const language = languages.find((l) => l.id === languageId) ?? languages[0];
  const key = useMemo(() => ({ contestId, problemId: problem.id, languageId: language?.id ?? '' }), [contestId, problem.id, language?.id]);
  const buffers = useBuffers(props.drafts, key);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<'submit' | 'run' | 'print' | null>(null);
  const [customInput, setCustomInput] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [polled, setPolled] = useState<TestRunResult | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (languages.length > 0 && !languages.some((l) => l.id === languageId)) setLanguageId(initialLanguage(languages));
  }, [languages, languageId]);

  const pushed = runId === null ? undefined : props.testRuns.get(runId);
  const run = pushed ?? (polled?.id === runId ? polled : null);
  const runDone = run !== null && (run.state === 'done' || run.state === 'failed');

  // The "Running…" notice ends with the run (its result is shown below).
  useEffect(() => {
    if (runDone) setNotice((n) => (n?.text.startsWith('Running on') ? null : n));
  }, [runDone]);

  // GET fallback for a missed `test-run:result` push.
  useEffect(() => {
    if (runId === null || runDone) return;
    const timer = setInterval(() => {
      client.getTestRun(contestId, runId).then(setPolled, () => undefined);
    }, TEST_RUN_POLL_MS);
    return () => clearInterval(timer);
  }, [client, contestId, runId, runDone]);

  const chooseLanguage = (id: string) => {
    setLanguageId(id);
    window.localStorage.setItem(LANGUAGE_PREF_KEY, id);
  };

  const send = async (files: SourceFile[]) => {
    if (!language) {
      // Never drop a submission silently: say why nothing was sent.
      setNotice({ tone: 'error', text: 'Not sent: choose a language first.' });
      return;
    }
    setBusy('submit');
    setNotice({ tone: 'info', text: 'Sending…' });
    try {
      await buffers.flush();
      const body = submissionBody(problem.id, language.id, files, language.entry_point_required ? ENTRY_POINT_CLASS : null);
      const res = await client.submit(contestId, body);
      setNotice({ tone: 'good', text: `Submitted ${problem.label} in ${language.name} (submission ${res.id}). The verdict appears under Submissions.` });
      props.onSubmitted(res.id);
    } catch (err) {
      if (err instanceof HostUnreachableError) setNotice({ tone: 'error', text: UNREACHABLE_SUBMIT_MESSAGE });
      else setNotice({ tone: 'error', text: `Not accepted: ${describeFailure(err)}` });
    } finally {
      setBusy(null);
    }
  };

  const submitBuffer = () => {
    if (!language) {
      setNotice({ tone: 'error', text: 'Not sent: choose a language first.' });
      return;
    }
    if (busy !== null) {
      setNotice({ tone: 'error', text: busy === 'submit' ? 'Not sent: the previous submission is still being sent.' : 'Not sent: wait until the current action has finished.' });
      return;
    }
    const text = buffers.text();
    if (text.trim() === '') {
      setNotice({ tone: 'error', text: 'The editor is empty: nothing to submit.' });
      return;
    }
    void send([{ filename: sourceFilename(problem.id, language), text }]);
  };

  useImperativeHandle(props.handleRef, () => ({ submit: submitBuffer }));

  const submitFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > 256 * 1024) {
      setNotice({ tone: 'error', text: `${file.name} is larger than 256 KiB: not sent.` });
      return;
    }
    await send([{ filename: plainFilename(file.name), text: await file.text() }]);
  };

  const testRun = async () => {
    if (busy !== null || !language) return;
    const text = buffers.text();
    if (text.trim() === '') {
      setNotice({ tone: 'error', text: 'The editor is empty: nothing to run.' });
      return;
    }
    setBusy('run');
    try {
      const res = await client.createTestRun(contestId, {
        problemId: problem.id, languageId: language.id, files: [{ filename: sourceFilename(problem.id, language), text }], input: customInput,
      });
      setRunId(res.id);
      setPolled(null);
      setNotice({ tone: 'info', text: customInput === null ? 'Running on the samples…' : 'Running on your input…' });
    } catch (err) {
      if (err instanceof HostRefusedError && err.status === 404) setNotice({ tone: 'error', text: 'Test runs are not available on this host.' });
      else setNotice({ tone: 'error', text: `Test run not started: ${describeFailure(err)}` });
    } finally {
      setBusy(null);
    }
  };

  const print = async () => {
    if (busy !== null || !language) return;
    const text = buffers.text();
    if (text.trim() === '') {
      setNotice({ tone: 'error', text: 'The editor is empty: nothing to print.' });
      return;
    }
    setBusy('print');
    try {
      await client.print(contestId, { filename: sourceFilename(problem.id, language), languageId: language.id, text });
      setNotice({ tone: 'good', text: 'Sent to the printer. A runner will bring the printout.' });
    } catch (err) {
      if (err instanceof HostRefusedError && err.status === 404) setNotice({ tone: 'error', text: 'Printing is not available on this host.' });
      else setNotice({ tone: 'error', text: `Not printed: ${describeFailure(err)}` });
    } finally {
      setBusy(null);
    }
  };

  if (!language) return <section className="editor-panel"><p className="muted">The host lists no languages.</p></section>;
  return (
    <section className="editor-panel" aria-labelledby="editor-title">
      <h2 id="editor-title" className="arena-visually-hidden">Editor for {problem.label} {problem.name}</h2>
      <div className="toolbar">
        <label htmlFor="language-select">Language</label>
        <select id="language-select" value={language.id} onChange={(e) => chooseLanguage(e.target.value)}>
          {languages.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
        <span className={`save-state save-state--${buffers.saveState.kind}`} data-testid="save-state" aria-live="polite">{saveText(buffers.saveState)}</span>
        <span className="spacer" />
        <button type="button" onClick={() => void testRun()} disabled={busy !== null} aria-keyshortcuts="Control+Shift+Enter" title="Ctrl+Shift+Enter">
          {customInput === null ? 'Run on samples' : 'Run on my input'} <kbd>Ctrl+Shift+Enter</kbd>
        </button>
        <button type="button" className="primary" onClick={submitBuffer} disabled={busy !== null} aria-keyshortcuts="Control+Enter" title="Ctrl+Enter">
          Submit <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
      <div className="editor-frame">
        {buffers.initialText === null ? <p className="muted pad">Restoring your code…</p> : (
          <CodeEditor
            bufferKey={`${key.problemId}\u0000${key.languageId}`}
            initialText={buffers.initialText}
            monacoLanguage={monacoLanguageOf(language.id)}
            onChange={buffers.change}
            onSubmitShortcut={submitBuffer}
            onRunShortcut={() => void testRun()}
            label={`Code for ${problem.label} in ${language.name}. Press Ctrl+M so that Tab moves focus out of the editor.`}
          />
        )}
      </div>
      <div className="toolbar secondary">
        <button type="button" className="small" onClick={() => setCustomInput(customInput === null ? '' : null)} aria-expanded={customInput !== null} aria-controls="custom-input">
          {customInput === null ? 'Use custom input' : 'Use the samples'}
        </button>
        <label className="button small" htmlFor="submit-file">Submit a file…</label>
        <input ref={fileInput} id="submit-file" type="file" className="arena-visually-hidden" onChange={(e) => void submitFile(e)} />
        <button type="button" className="small" onClick={() => void print()} disabled={busy !== null}>Print</button>
        <span className="muted hint">Ctrl+M: Tab moves focus</span>
      </div>
      {customInput !== null ? (
        <div className="stack custom-input">
          <label htmlFor="custom-input">Custom input</label>
          <textarea id="custom-input" rows={4} value={customInput} onChange={(e) => setCustomInput(e.target.value)} spellCheck={false} />
        </div>
      ) : null}
      <div className={`notice notice--${notice?.tone ?? 'none'}`} role={notice?.tone === 'error' ? 'alert' : 'status'} data-testid="editor-notice">
        {notice?.text ?? ''}
      </div>
      {run && run.problemId === problem.id ? <TestRunResults run={run} languageName={languages.find((l) => l.id === run.languageId)?.name ?? run.languageId} /> : null}
    </section>
  );
}
