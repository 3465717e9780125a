import { beep } from '@arena/ui';
import type { Clarification } from '@arena/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fetchAlerts, fetchClarifications, fetchLanguages, fetchProblems, fetchTeams, type Session } from './api/console-api';
import { ConsoleHeader } from './console-header';
import { ConsoleDataContext, isIncoming, type ConsoleData } from './live/console-data';
import { ProctorLiveContext, useProctorLive } from './live/proctor-live';
import { useResource } from './live/use-resource';
import { PageSwitch } from './page-switch';
import { PAGES, useRoute } from './route';
import { loadIdSet, saveIdSet } from './session-storage';

const READ_KEY = 'arena-console-read-clarifications';
const ALERTS_SEEN_KEY = 'arena-console-alerts-seen-ms';
/** Alert kinds that are news but no cause for worry: listed on the Alerts page, not counted in the header. */
const CALM_ALERTS = new Set(['connected', 'focus-regained', 'app-started']);

/**
 * The logged-in console: the `/proctor` connection, the shared data, the header, the menu and
 * the current page. New team questions beep and are announced (aria-live in the header).
 */
export function ConsoleShell({ session, onLogout, onSessionEnded }: { session: Session; onLogout(): void; onSessionEnded(message: string): void }) {
  const isJury = session.type === 'judge' || session.type === 'admin';
  const route = useRoute(isJury ? 'control' : 'balloons');
  const live = useProctorLive(session.token, {
    onClarification: (push) => { if (push.data && push.data.from_team_id) beep(); },
    onJudgingAlert: () => beep(),
    onRefused: (message) => onSessionEnded(`The host refused this session (${message}). Log in again.`),
  });
  const v = live.versions;
  const metaKey = `${v.teams ?? 0}/${v.problems ?? 0}/${v.languages ?? 0}/${v.accounts ?? 0}`;
  const meta = useResource(() => Promise.all([fetchProblems(session), fetchTeams(session), fetchLanguages(session)]), metaKey);
  const clars = useResource(() => (isJury ? fetchClarifications(session) : Promise.resolve([] as Clarification[])), v.clarifications ?? 0);
  const alerts = useResource(() => (isJury ? fetchAlerts(session) : Promise.resolve([])), v.alerts ?? 0);

  const [readIds, setReadIds] = useState<ReadonlySet<string>>(() => loadIdSet(READ_KEY));
  const [alertsSeenMs, setAlertsSeenMs] = useState<number>(() => Number(sessionStorage.getItem(ALERTS_SEEN_KEY) ?? 0));
  const markClarificationsRead = useCallback((ids: readonly string[]) => setReadIds((old) => {
    if (ids.every((id) => old.has(id))) return old;
    const next = new Set(old);
    for (const id of ids) next.add(id);
    saveIdSet(READ_KEY, next);
    return next;
  }), []);
  const markAlertsSeen = useCallback(() => {
    const now = Date.now() + live.offsetMs;
    sessionStorage.setItem(ALERTS_SEEN_KEY, String(now));
    setAlertsSeenMs(now);
  }, [live.offsetMs]);

  const data = useMemo<ConsoleData>(() => {
    const [problems, teams, languages] = meta.data ?? [[], [], []];
    const names = new Map(teams.map((t) => [t.id, t.display_name ?? t.name]));
    const clarifications = clars.data ?? [];
    const alertList = alerts.data ?? [];
    return {
      session, isJury, isAdmin: session.type === 'admin', problems: [...problems].sort((a, b) => a.ordinal - b.ordinal), teams, languages,
      teamName: (id) => (id ? names.get(id) ?? id : '—'),
      clarifications, readClarifications: readIds, markClarificationsRead,
      unreadCount: clarifications.filter((c) => isIncoming(c) && !readIds.has(c.id)).length,
      alerts: alertList,
      newAlertCount: alertList.filter((a) => a.timeMs > alertsSeenMs && !CALM_ALERTS.has(a.kind)).length + live.judgingAlerts.filter((a) => a.serverTimeMs > alertsSeenMs).length,
      markAlertsSeen, reloadClarifications: clars.reload,
    };
  }, [meta.data, clars.data, clars.reload, alerts.data, readIds, alertsSeenMs, live.judgingAlerts, session, isJury, markClarificationsRead, markAlertsSeen]);

  // Move focus to the new page's title so keyboard and screen reader users land on it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    document.getElementById('page-title')?.focus();
  }, [route.page, route.itemId]);

  const pages = PAGES.filter((p) => isJury || p.staff);
  return (
    <ProctorLiveContext.Provider value={live}>
      <ConsoleDataContext.Provider value={data}>
        <a className="c-skip" href="#main">Skip to content</a>
        <ConsoleHeader onLogout={onLogout} />
        <div className="c-body">
          <nav className="c-nav" aria-label="Console pages">
            <ul>
              {pages.map((p) => (
                <li key={p.id}>
                  <a href={`#/${p.id}`} aria-current={route.page === p.id ? 'page' : undefined} data-testid={`nav-${p.id}`}>
                    {p.label}
                    {p.id === 'clarifications' && data.unreadCount > 0 ? <span className="c-count" aria-label={`${data.unreadCount} unread`}>{data.unreadCount}</span> : null}
                    {p.id === 'alerts' && data.newAlertCount > 0 ? <span className="c-count c-count--alert" aria-label={`${data.newAlertCount} new`}>{data.newAlertCount}</span> : null}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" className="c-main" tabIndex={-1}>
            {meta.error && !meta.data ? <p className="c-error" role="alert">{`Could not load the contest: ${meta.error}`}</p> : null}
            <PageSwitch route={route} allowed={pages.some((p) => p.id === route.page)} />
          </main>
        </div>
      </ConsoleDataContext.Provider>
    </ProctorLiveContext.Provider>
  );
}
