import type { Contest } from '@arena/protocol';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { fetchContests, login, logout, type Session } from './api/console-api';
import { errorText } from './api/host-request';
import { fetchSetupStatus, FirstRunPanel } from './first-run-panel';

const CONSOLE_TYPES = new Set(['judge', 'admin', 'staff']);

/**
 * Jury / admin / staff login. With several contests on the host a picker chooses which one the
 * session is for (the token is bound to it). Team (and other) accounts are refused here with a
 * clear message, and their token is discarded at once. On a host with no contest yet it also
 * shows the "First run" panel (setup code + package upload); after that import the package's
 * admin logs in here as usual.
 */
export function LoginPage({ notice, onLogin }: { notice: string | null; onLogin(session: Session): void }) {
  const [contests, setContests] = useState<Contest[]>([]);
  const [contestId, setContestId] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Shown from the moment the host says it needs setup until the page is left (it then holds the import report). */
  const [firstRun, setFirstRun] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);

  const loadContests = useCallback(() => {
    fetchContests().then((list) => {
      setContests(list);
      setContestId((current) => current || (list.at(-1)?.id ?? ''));
    }, (err: unknown) => setError(`Cannot reach the host: ${errorText(err)}`));
  }, []);

  useEffect(() => {
    loadContests();
    // Older hosts have no setup route: then there is simply no first-run panel.
    fetchSetupStatus().then((status) => setFirstRun(status.needed), () => undefined);
  }, [loadContests]);

  const imported = () => {
    loadContests();
    usernameInput.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await login(username, password, contestId || null);
      if (!CONSOLE_TYPES.has(answer.account.type)) {
        await logout(answer.token);
        setError(answer.account.type === 'team'
          ? 'This is a team account. The console is for the jury, admins and staff; teams use the contestant app.'
          : `A ${answer.account.type} account cannot use the console: log in as jury, admin or staff.`);
        return;
      }
      const boundContest = answer.contest_id ?? contestId;
      if (!boundContest) {
        setError('No contest is loaded on this host yet: upload a contest package under "First run" with the host\'s setup code, or import one with pnpm host import.');
        return;
      }
      onLogin({ token: answer.token, contestId: boundContest, username: answer.account.username, type: answer.account.type });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="c-login" style={firstRun ? { gap: '1.5rem', flexWrap: 'wrap', alignItems: 'flex-start', paddingTop: '10vh' } : undefined}>
      {firstRun ? <FirstRunPanel onImported={imported} /> : null}
      <form className="c-login-form" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">Arena console</h1>
        <p className="c-muted">For the jury, admins and staff.</p>
        {notice ? <p className="c-notice" role="status">{notice}</p> : null}
        {contests.length > 1 ? (
          <>
            <label htmlFor="login-contest">Contest</label>
            <select id="login-contest" value={contestId} onChange={(e) => setContestId(e.target.value)}>
              {contests.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </>
        ) : null}
        <label htmlFor="login-username">Username</label>
        <input id="login-username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus={!firstRun} ref={usernameInput} />
        <label htmlFor="login-password">Password</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <button type="submit" className="c-button c-button--primary" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
        {error ? <p className="c-error" role="alert" data-testid="login-error">{error}</p> : null}
      </form>
    </main>
  );
}
