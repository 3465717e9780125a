import { useCallback, useState } from 'react';
import { desktopBridge, loadSession, storeSession, type TeamSession } from './lib/platform';
import { ConnectScreen } from './screens/connect-screen';
import { ContestApp } from './screens/contest-app';
import { LoginScreen } from './screens/login-screen';

/**
 * Desktop: find the host, log in, contest. Browser (`/app` on the host): the host is this
 * page's origin, so straight to login. A session survives reloads of the page.
 */
export function App() {
  const bridge = desktopBridge();
  const [session, setSession] = useState<TeamSession | null>(() => loadSession());
  const [hostUrl, setHostUrl] = useState<string | null>(() => (bridge ? session?.hostUrl ?? null : ''));
  const onConnected = useCallback((url: string) => setHostUrl(url), []);
  const [loginNotice, setLoginNotice] = useState<string | null>(null);
  const login = (s: TeamSession) => {
    storeSession(s);
    setLoginNotice(null);
    setSession(s);
  };
  const logout = useCallback((reason: string | null) => {
    storeSession(null);
    setLoginNotice(reason);
    setSession(null);
  }, []);

  if (hostUrl === null && bridge) return <ConnectScreen bridge={bridge} onConnected={onConnected} />;
  if (session === null || session.hostUrl !== hostUrl) return <LoginScreen hostUrl={hostUrl ?? ''} onLoggedIn={login} notice={loginNotice} />;
  return <ContestApp session={session} onLogout={logout} />;
}
