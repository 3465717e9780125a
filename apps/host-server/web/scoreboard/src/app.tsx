import type { HostInfo } from '@arena/protocol';
import { useEffect, useState } from 'react';
import { fetchHostInfo } from './host-api';
import { LivePage } from './live-page';
import { ResolverPage } from './resolver-page';

const DEFAULT_PAGE_SECONDS = 12;

/** Seconds a page stays on screen: `?pageSeconds=N` (1-600), default 12. */
function pageSecondsOf(params: URLSearchParams): number {
  const value = Number(params.get('pageSeconds'));
  return Number.isFinite(value) && value >= 1 && value <= 600 ? value : DEFAULT_PAGE_SECONDS;
}

/** `/scoreboard` = the live audience board; `/scoreboard?resolver` = the jury's resolver ceremony. */
export function App() {
  const [hostInfo, setHostInfo] = useState<HostInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchHostInfo().then(setHostInfo, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, []);
  const params = new URLSearchParams(location.search);
  if (hostInfo === null) {
    return <main className="projector-loading"><p role={error ? 'alert' : 'status'}>{error ? `Cannot reach the host: ${error}` : 'Loading…'}</p></main>;
  }
  return params.has('resolver') ? <ResolverPage hostInfo={hostInfo} /> : <LivePage hostInfo={hostInfo} pageSeconds={pageSecondsOf(params)} />;
}
