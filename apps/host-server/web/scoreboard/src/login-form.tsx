import { useState, type FormEvent } from 'react';

/** Username + password form; `onSubmit` resolves to an error message to show, or null. */
export function LoginForm({ onSubmit, message }: { onSubmit(username: string, password: string): Promise<string | null>; message: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(await onSubmit(username, password));
    setBusy(false);
  };
  return (
    <form className="resolver-login" onSubmit={(e) => void submit(e)} aria-labelledby="resolver-login-title">
      <h2 id="resolver-login-title">Resolver</h2>
      <p>{message}</p>
      <label htmlFor="resolver-username">Jury username</label>
      <input id="resolver-username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <label htmlFor="resolver-password">Password</label>
      <input id="resolver-password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      <button type="submit" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      {error ? <p className="resolver-error" role="alert" data-testid="login-error">{error}</p> : null}
    </form>
  );
}
