import { useState, type FormEvent } from 'react';
import { HostClient, HostRefusedError, describeFailure } from '../api/host-client';
import type { TeamSession } from '../lib/platform';

/** Team login (username and password from the team's slip). */
export function LoginScreen({ hostUrl, onLoggedIn, notice }: { hostUrl: string; onLoggedIn(session: TeamSession): void; notice: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const client = new HostClient(hostUrl);
      const res = await client.login(username.trim(), password);
      if (res.account.type !== 'team' || res.account.team_id === null || res.contest_id === null) {
        setError('This is not a team account. Jury and staff use the console.');
        client.setToken(res.token);
        await client.logout();
        return;
      }
      onLoggedIn({ hostUrl, token: res.token, contestId: res.contest_id, teamId: res.account.team_id, username: res.account.username });
    } catch (err) {
      setError(err instanceof HostRefusedError && err.status === 401 ? 'Wrong username or password.' : describeFailure(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered-screen" aria-labelledby="login-title">
      <form className="card stack" onSubmit={(e) => void submit(e)} aria-describedby={error ? 'login-error' : undefined}>
        <h1 id="login-title">Arena — team login</h1>
        {notice ? <p role="status" className="notice-box">{notice}</p> : null}
        <p className="muted">Use the username and password on your team's slip.</p>
        <label htmlFor="login-username">Username</label>
        <input id="login-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus />
        <label htmlFor="login-password">Password</label>
        <input id="login-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
        {error ? <p id="login-error" role="alert" className="error">{error}</p> : null}
      </form>
    </main>
  );
}
