import type { ContestEventPush, TestRunResult } from '@arena/protocol';
import { ContestClock, contestPhase, useHostNow, beep } from '@arena/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HostClient } from '../api/host-client';
import { EditorPanel, type EditorPanelHandle } from '../editor/editor-panel';
import { desktopBridge, platformDrafts, type TeamSession } from '../lib/platform';
import { ClarificationsView } from '../panels/clarifications-view';
import { ProblemStatement } from '../panels/problem-statement';
import { QuitDialog } from '../panels/quit-dialog';
import { ScoreboardView } from '../panels/scoreboard-view';
import { SubmissionsView } from '../panels/submissions-view';
import { Toasts, type Toast } from '../panels/toasts';
import { applyEvent, emptyRecords, recordsFromLists, verdictOf, type TeamRecords } from '../live/team-records';
import { useContestLive } from '../live/use-contest-live';
import { useContestMeta } from '../live/use-contest-meta';

type Tab = 'problems' | 'submissions' | 'scoreboard' | 'clarifications';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'problems', label: 'Problems' }, { id: 'submissions', label: 'Submissions' },
  { id: 'scoreboard', label: 'Scoreboard' }, { id: 'clarifications', label: 'Clarifications' },
];
const TOAST_MS = 8000;

/** The contest UI after login: header (clock, connection), tabs, and the four pages. */
export function ContestApp({ session, onLogout }: { session: TeamSession; onLogout(reason: string | null): void }) {
  const client = useMemo(() => new HostClient(session.hostUrl, session.token), [session.hostUrl, session.token]);
  const drafts = useMemo(() => platformDrafts(), []);
  const bridge = desktopBridge();
  const [tab, setTab] = useState<Tab>('problems');
  const [problemId, setProblemId] = useState<string | null>(null);
  const [records, setRecords] = useState<TeamRecords>(emptyRecords);
  const [testRuns, setTestRuns] = useState<ReadonlyMap<string, TestRunResult>>(new Map());
  const [unread, setUnread] = useState<ReadonlySet<string>>(new Set());
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [quitting, setQuitting] = useState(false);
  const editorRef = useRef<EditorPanelHandle>(null);
  const tabRef = useRef(tab);
  tabRef.current = tab;
  const toastId = useRef(0);

  const toast = useCallback((t: Omit<Toast, 'id'>) => {
    const id = ++toastId.current;
    setToasts((all) => [...all.slice(-3), { ...t, id }]);
    setTimeout(() => setToasts((all) => all.filter((x) => x.id !== id)), TOAST_MS);
  }, []);

  const recordsRef = useRef(records);
  recordsRef.current = records;
  const onEvent = useCallback((push: ContestEventPush) => {
    const { records: next, change } = applyEvent(recordsRef.current, push);
    recordsRef.current = next;
    setRecords(next);
    if (change.kind === 'judgement' && change.judgement.judgement_type_id !== null) {
      const verdict = change.judgement.judgement_type_id;
      const sub = next.submissions.get(change.judgement.submission_id);
      toast({ title: `Verdict: ${verdict}`, body: `Submission ${change.judgement.submission_id}${sub ? ` (${sub.problem_id})` : ''}`, tone: verdict === 'AC' ? 'good' : verdict === 'CE' ? 'info' : 'bad' });
    }
    if (change.kind === 'clarification' && change.isNew && change.clarification.from_team_id !== session.teamId) {
      const c = change.clarification;
      if (tabRef.current !== 'clarifications') setUnread((u) => new Set(u).add(c.id));
      toast({ title: c.reply_to_id ? 'The jury answered' : 'Announcement from the jury', body: c.text.slice(0, 200), tone: 'info' });
      beep();
    }
  }, [session.teamId, toast]);
  const onTestRun = useCallback((r: TestRunResult) => setTestRuns((m) => new Map(m).set(r.id, r)), []);

  const [metaKey, setMetaKey] = useState('0');
  const { meta, error: metaError } = useContestMeta(client, session.contestId, metaKey);
  const teamName = useCallback((id: string) => meta?.teams.get(id)?.name ?? id, [meta]);
  const onSessionEnded = useCallback((reason: string) => onLogout(`You were logged out: ${reason}. Log in again; your code is saved.`), [onLogout]);
  const live = useContestLive(session.hostUrl, session.token, teamName, { onEvent, onTestRun, onSessionEnded });

  // Problems become visible at the start; refetch meta when the contest starts or a problem changes.
  const started = live.state?.started ?? null;
  useEffect(() => setMetaKey(`${started ?? ''}:${live.connectCount}`), [started, live.connectCount]);

  // (Re)load the team's lists on every connect: pushes missed while away are caught up.
  useEffect(() => {
    if (live.connectCount === 0) return;
    let cancelled = false;
    Promise.all([client.getSubmissions(session.contestId), client.getJudgements(session.contestId), client.getClarifications(session.contestId)]).then(
      ([s, j, c]) => { if (!cancelled) setRecords(recordsFromLists(s, j, c)); },
      () => undefined,
    );
    return () => { cancelled = true; };
  }, [client, session.contestId, live.connectCount]);

  useEffect(() => {
    if (tab === 'clarifications') setUnread(new Set());
  }, [tab]);

  const problems = meta?.problems ?? [];
  const problem = problems.find((p) => p.id === problemId) ?? problems[0] ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        setTab(TABS[Number(e.key) - 1]!.id);
      } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key === 'Enter' && tabRef.current === 'problems') {
        const inEditor = e.target instanceof HTMLElement && e.target.closest('.monaco-editor') !== null;
        if (!inEditor) {
          e.preventDefault();
          editorRef.current?.submit();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const logout = async () => {
    await client.logout();
    onLogout(null);
  };

  const clarifications = [...records.clarifications.values()];
  const pendingCount = [...records.submissions.keys()].filter((id) => verdictOf(records, id).verdict === null).length;

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <h1 className="contest-name">{meta?.contest.formal_name ?? meta?.contest.name ?? 'Arena'}</h1>
        {meta ? <ClockBlock contest={meta.contest} state={live.state} offsetMs={live.offsetMs} /> : null}
        <span className={`connection connection--${live.connected ? 'up' : 'down'}`} data-testid="connection" role="status" title={live.error ?? undefined}>
          <span aria-hidden="true" className="dot" />{live.connected ? 'Connected' : 'Reconnecting…'}
        </span>
        <span className="team-name">{meta?.teams.get(session.teamId)?.name ?? session.username}</span>
        <button type="button" className="small" onClick={() => void logout()}>Log out</button>
        {bridge ? <button type="button" className="small danger" onClick={() => setQuitting(true)}>Quit</button> : null}
      </header>
      <nav className="tabs" aria-label="Sections">
        {TABS.map((t, i) => (
          <button key={t.id} type="button" className="tab" aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)}
            aria-keyshortcuts={`Alt+${i + 1}`} title={`Alt+${i + 1}`} data-tab={t.id}>
            {t.label}
            {t.id === 'submissions' && pendingCount > 0 ? <span className="badge" aria-label={`${pendingCount} pending`}>{pendingCount}</span> : null}
            {t.id === 'clarifications' && unread.size > 0 ? <span className="badge badge--alert" data-testid="unread" aria-label={`${unread.size} unread`}>{unread.size}</span> : null}
          </button>
        ))}
        <span className="muted hint nav-hint">Alt+1…4 switch sections · Ctrl+Enter submits</span>
      </nav>
      <main id="main" className="app-main">
        {metaError && !meta ? <p role="alert" className="error pad">{metaError}</p> : null}
        {!meta && !metaError ? <p className="muted pad">Loading the contest…</p> : null}
        {meta ? (
          <>
            <div className="problems-page" hidden={tab !== 'problems'}>
              <nav className="problem-list" aria-label="Problems">
                {problems.length === 0 ? <p className="muted pad">Problems appear when the contest starts.</p> : null}
                <ul>
                  {problems.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="problem-button" aria-current={p.id === problem?.id ? 'true' : undefined} onClick={() => setProblemId(p.id)} data-problem-id={p.id}>
                        <span className="problem-letter" style={{ borderColor: p.rgb ?? undefined }}>{p.label}</span>
                        <span className="problem-name">{p.name}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </nav>
              {problem ? (
                <>
                  <ProblemStatement client={client} contestId={session.contestId} problem={problem} />
                  <EditorPanel client={client} contestId={session.contestId} problem={problem} languages={meta.languages} drafts={drafts}
                    testRuns={testRuns} onSubmitted={() => undefined} handleRef={editorRef} />
                </>
              ) : null}
            </div>
            {tab === 'submissions' ? <SubmissionsView client={client} contestId={session.contestId} records={records} problems={problems} languages={meta.languages} /> : null}
            {tab === 'scoreboard' ? <ScoreboardView board={live.board} contest={meta.contest} problems={problems} teams={meta.teams} teamId={session.teamId} offsetMs={live.offsetMs} /> : null}
            {tab === 'clarifications' ? (
              <ClarificationsView client={client} contestId={session.contestId} teamId={session.teamId} problems={problems} clarifications={clarifications} unreadIds={unread} />
            ) : null}
          </>
        ) : null}
      </main>
      <Toasts toasts={toasts} onDismiss={(id) => setToasts((all) => all.filter((t) => t.id !== id))} />
      {quitting && bridge ? <QuitDialog bridge={bridge} onClose={() => setQuitting(false)} /> : null}
    </div>
  );
}

function ClockBlock(props: { contest: Parameters<typeof ContestClock>[0]['contest']; state: Parameters<typeof ContestClock>[0]['state']; offsetMs: number }) {
  const phase = contestPhase(props.contest, props.state, useHostNow(props.offsetMs, 1000));
  return (
    <div className="clock-block" data-phase={phase.phase}>
      <ContestClock contest={props.contest} state={props.state} offsetMs={props.offsetMs} />
    </div>
  );
}
