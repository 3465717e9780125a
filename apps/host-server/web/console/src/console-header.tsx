import { ContestClock } from '@arena/ui';
import { useConsoleData } from './live/console-data';
import { useLive } from './live/proctor-live';
import { routeHref } from './route';

/**
 * On every page: contest name, the contest clock on host time (phase label included), the
 * connection to the host, unread clarifications and new alerts (links to their pages; changes
 * are announced through the polite live region), and who is logged in.
 */
export function ConsoleHeader({ onLogout }: { onLogout(): void }) {
  const live = useLive();
  const data = useConsoleData();
  const connection = live.connected ? 'Connected' : live.connectionError ? `Disconnected: ${live.connectionError}` : 'Connecting…';
  return (
    <header className="c-header">
      <div className="c-header-contest">
        <span className="c-brand" aria-hidden="true">Arena</span>
        <span className="c-contest-name" data-testid="contest-name">{live.contest?.name ?? data.session.contestId}</span>
      </div>
      {live.contest ? <ContestClock contest={live.contest} state={live.state} offsetMs={live.offsetMs} /> : <div className="arena-clock" />}
      <div className="c-header-status" role="status" aria-live="polite" aria-atomic="false">
        <span className={`c-conn ${live.connected ? 'c-conn--ok' : 'c-conn--down'}`} data-testid="connection-state" data-connected={live.connected}>
          <span className="c-dot" aria-hidden="true" />{connection}
        </span>
        {data.isJury ? (
          <>
            <a className={`c-pill${data.unreadCount > 0 ? ' c-pill--hot' : ''}`} href={routeHref('clarifications')} data-testid="unread-clarifications" data-count={data.unreadCount}>
              {`${data.unreadCount} unread clarification${data.unreadCount === 1 ? '' : 's'}`}
            </a>
            <a className={`c-pill${data.newAlertCount > 0 ? ' c-pill--alert' : ''}`} href={routeHref('alerts')} data-testid="alert-count" data-count={data.newAlertCount}>
              {`${data.newAlertCount} new alert${data.newAlertCount === 1 ? '' : 's'}`}
            </a>
          </>
        ) : null}
      </div>
      <div className="c-header-user">
        <span className="c-muted">{`${data.session.username} (${data.session.type})`}</span>
        <button type="button" className="c-button" onClick={onLogout}>Log out</button>
      </div>
    </header>
  );
}
