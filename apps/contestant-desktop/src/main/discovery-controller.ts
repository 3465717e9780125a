import type { DiscoveredHost, DiscoveryState } from '../shared/bridge';
import { bareHostname, type PinnedHost } from './certificate-policy';
import { normalizeFingerprint, sameFingerprint } from './fingerprint';
import { stateAfterFirstBrowse, uniqueHosts } from './discovery-rule';
import { parseTypedAddress } from './typed-address';

export interface DiscoveryDeps {
  /** One mDNS browse of `windowMs` (compatible hosts only). May reject; that is shown as an error and retried. */
  browse(windowMs: number): Promise<DiscoveredHost[]>;
  /** The fingerprint an https origin presents (certificate-probe.ts). */
  probeFingerprint(origin: string): Promise<string>;
  /** Host fixed at build time: connected at once, no browsing. */
  preset: DiscoveredHost | null;
  /** How long the first browse listens before the auto-connect rule is applied. */
  browseWindowMs: number;
  /** Pause between later browses while the contestant has not chosen. */
  rebrowsePauseMs: number;
  sleep(ms: number): Promise<void>;
  onChange(state: DiscoveryState): void;
}

export interface DiscoveryController {
  /** Starts browsing (or connects to the preset). Resolves when browsing stops: connected or `stop()`. */
  run(): Promise<void>;
  state(): DiscoveryState;
  choose(address: string): Promise<DiscoveryState>;
  confirmFingerprint(fingerprint: string): DiscoveryState;
  /** The host whose certificate main accepts; null until connected. */
  pinnedHost(): PinnedHost | null;
  /** The connected host's origin (for CSP, CORS, navigation and the exit-code call); null until connected. */
  hostOrigin(): string | null;
  stop(): void;
}

/**
 * The discovery state machine of main: searching → (exactly one host: connected) | choose →
 * (a listed host: connected) | (a typed https address: its certificate fingerprint shown for
 * confirmation → connected once confirmed) | (typed http address: connected, no TLS).
 * Connected is final for the app's run: the pinned certificate never changes under a session.
 * Every change is reported through `onChange`.
 */
export function createDiscoveryController(deps: DiscoveryDeps): DiscoveryController {
  let current: DiscoveryState = { phase: 'searching', hosts: [], chosen: null, fingerprintToConfirm: null, error: null };
  let stopped = false;
  let seen: DiscoveredHost[] = [];

  /** Read through a function: `current` changes across awaits, which TypeScript's narrowing does not see. */
  const isConnected = (): boolean => current.phase === 'connected';
  const set = (next: DiscoveryState): DiscoveryState => {
    current = next;
    deps.onChange(current);
    return current;
  };
  const connect = (host: DiscoveredHost): DiscoveryState =>
    set({ phase: 'connected', hosts: current.hosts, chosen: host, fingerprintToConfirm: null, error: null });

  return {
    async run() {
      if (deps.preset !== null) {
        set({ phase: 'connected', hosts: [deps.preset], chosen: deps.preset, fingerprintToConfirm: null, error: null });
        return;
      }
      let first = true;
      while (!stopped && !isConnected()) {
        let found: DiscoveredHost[] = [];
        let browseError: string | null = null;
        try {
          found = await deps.browse(deps.browseWindowMs);
        } catch (err) {
          browseError = `LAN discovery failed (${(err as Error).message}); type the host address instead.`;
        }
        if (stopped || isConnected()) break;
        seen = uniqueHosts([...seen, ...found]);
        if (first) {
          first = false;
          const next = stateAfterFirstBrowse(seen);
          set(browseError === null ? next : { ...next, error: browseError });
        } else if (found.length > 0 || browseError !== null) {
          set({ ...current, hosts: seen, error: browseError ?? (current.chosen === null ? null : current.error) });
        }
        if (!isConnected()) await deps.sleep(deps.rebrowsePauseMs);
      }
    },

    state: () => current,

    async choose(address) {
      if (current.phase === 'connected') {
        return set({ ...current, error: `Already connected to ${current.chosen?.url ?? 'a host'}; restart the app to change host.` });
      }
      const typed = parseTypedAddress(address);
      const listed = current.hosts.find((h) => h.url === address.trim() || (typed.ok && h.url === typed.origin));
      if (listed) return connect(listed);
      if (!typed.ok) return set({ ...current, error: typed.error });
      if (!typed.tls) return connect({ url: typed.origin, contestId: null, contestName: null, fingerprint: null, source: 'typed' });
      let fingerprint: string;
      try {
        fingerprint = await deps.probeFingerprint(typed.origin);
      } catch (err) {
        return set({ ...current, phase: 'choose', chosen: null, fingerprintToConfirm: null, error: (err as Error).message });
      }
      if (isConnected()) return current;
      const host: DiscoveredHost = { url: typed.origin, contestId: null, contestName: null, fingerprint, source: 'typed' };
      return set({ phase: 'choose', hosts: current.hosts, chosen: host, fingerprintToConfirm: fingerprint, error: null });
    },

    confirmFingerprint(fingerprint) {
      if (current.phase !== 'choose' || current.fingerprintToConfirm === null || current.chosen === null) {
        return set({ ...current, error: 'There is no fingerprint to confirm: choose a host first.' });
      }
      if (normalizeFingerprint(fingerprint) === null || !sameFingerprint(fingerprint, current.fingerprintToConfirm)) {
        return set({ ...current, error: 'That is not the fingerprint this host presented. Do not connect; tell the proctor.' });
      }
      return connect(current.chosen);
    },

    pinnedHost() {
      if (current.phase !== 'connected' || current.chosen === null) return null;
      const url = new URL(current.chosen.url);
      return { hostname: bareHostname(url.hostname), fingerprint: current.chosen.fingerprint };
    },

    hostOrigin() {
      if (current.phase !== 'connected' || current.chosen === null) return null;
      return new URL(current.chosen.url).origin;
    },

    stop() {
      stopped = true;
    },
  };
}
