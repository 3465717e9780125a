import { useCallback, useEffect, useState } from 'react';
import { logout, type Session } from './api/console-api';
import { setUnauthorizedHandler } from './api/host-request';
import { ConsoleShell } from './console-shell';
import { LoginPage } from './login-page';
import { loadSession, saveSession } from './session-storage';

/** Login until there is a jury/staff session; then the console. A 401 anywhere logs out. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const change = useCallback((next: Session | null, message: string | null = null) => {
    saveSession(next);
    setSession(next);
    setNotice(message);
  }, []);
  useEffect(() => {
    setUnauthorizedHandler(() => change(null, 'Your session ended (the login expired or was revoked). Log in again.'));
    return () => setUnauthorizedHandler(null);
  }, [change]);
  if (session === null) return <LoginPage notice={notice} onLogin={(s) => change(s)} />;
  return (
    <ConsoleShell session={session} onLogout={() => { void logout(session.token); change(null, 'Logged out.'); }}
      onSessionEnded={(message) => change(null, message)} />
  );
}
