import { useEffect, useState, type FormEvent } from 'react';
import type { ArenaBridge, DiscoveryState } from '../../shared/bridge';

/**
 * Desktop only: finding the host. Lists the hosts seen on the LAN, takes a typed address, and
 * asks the contestant to compare a typed host's certificate fingerprint with the projector's.
 * Calls `onConnected` with the chosen host's URL once main reports `connected`.
 */
export function ConnectScreen({ bridge, onConnected }: { bridge: ArenaBridge; onConnected(url: string): void }) {
  const [state, setState] = useState<DiscoveryState | null>(null);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void bridge.discovery.state().then((s) => { if (alive) setState(s); });
    const stop = bridge.discovery.onState((s) => setState(s));
    return () => { alive = false; stop(); };
  }, [bridge]);

  useEffect(() => {
    if (state?.phase === 'connected' && state.chosen && state.fingerprintToConfirm === null) onConnected(state.chosen.url.replace(/\/+$/, ''));
  }, [state, onConnected]);

  const act = async (action: () => Promise<DiscoveryState>) => {
    setBusy(true);
    setError(null);
    try {
      setState(await action());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const typed = (e: FormEvent) => {
    e.preventDefault();
    if (address.trim() !== '') void act(() => bridge.discovery.choose(address.trim()));
  };
  const message = error ?? state?.error ?? null;

  return (
    <main className="centered-screen" aria-labelledby="connect-title">
      <div className="card wide">
        <h1 id="connect-title">Find the contest host</h1>
        <p className="muted" aria-live="polite">{state === null || state.phase === 'searching' ? 'Searching the local network…' : 'Pick the host the proctor named.'}</p>
        {state && state.hosts.length > 0 ? (
          <ul className="host-list" aria-label="Hosts found">
            {state.hosts.map((h) => (
              <li key={h.url}>
                <button type="button" disabled={busy} onClick={() => void act(() => bridge.discovery.choose(h.url))}>
                  <span className="host-name">{h.contestName ?? h.contestId ?? 'Arena host'}</span>
                  <span className="muted">{h.url}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {state?.fingerprintToConfirm ? (
          <section className="fingerprint" aria-labelledby="fp-title">
            <h2 id="fp-title">Check the fingerprint</h2>
            <p>Compare these characters with the fingerprint shown on the projector. Continue only if they are the same.</p>
            <code className="fingerprint-text">{state.fingerprintToConfirm}</code>
            <div className="row">
              <button type="button" className="primary" disabled={busy} onClick={() => void act(() => bridge.discovery.confirmFingerprint(state.fingerprintToConfirm!))}>They match — connect</button>
            </div>
          </section>
        ) : null}
        <form onSubmit={typed} className="stack">
          <label htmlFor="host-address">Or type the host address</label>
          <div className="row">
            <input id="host-address" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="10.0.0.5:8443" autoComplete="off" />
            <button type="submit" disabled={busy || address.trim() === ''}>Connect</button>
          </div>
        </form>
        {message ? <p role="alert" className="error">{message}</p> : null}
      </div>
    </main>
  );
}
