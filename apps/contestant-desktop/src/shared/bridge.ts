/**
 * The contract between the renderer and the Electron main process. The preload script exposes
 * exactly this object as `window.arena` over `contextBridge` (no generic send/invoke); every
 * payload is parsed again in main (see ipc-schemas.ts) and the sender frame is checked. In a
 * browser (`/app` served by the host) `window.arena` is absent and the renderer falls back to
 * browser equivalents (same-origin host, localStorage drafts, no lockdown).
 *
 * This file is imported by main, preload and renderer: types and constants only, no runtime
 * dependency on Electron or Node.
 */

/** A host seen on the LAN (mDNS `_arena._tcp`) or typed by hand. */
export interface DiscoveredHost {
  /** e.g. `https://10.0.0.5:8443` */
  url: string;
  contestId: string | null;
  contestName: string | null;
  /** SHA-256 certificate fingerprint from the TXT record (`AA:BB:…`); null when TLS is off. */
  fingerprint: string | null;
  source: 'mdns' | 'typed' | 'preset';
}

/** What the renderer shows while finding the host. */
export interface DiscoveryState {
  /** `searching` until a choice; `connected` once main picked (or the contestant chose) a host. */
  phase: 'searching' | 'choose' | 'connected';
  hosts: DiscoveredHost[];
  chosen: DiscoveredHost | null;
  /** A typed address without a fingerprint: the contestant must compare this with the projector's. */
  fingerprintToConfirm: string | null;
  error: string | null;
}

/** One editor buffer: a problem and a language (the key of a draft). */
export interface DraftKey {
  contestId: string;
  problemId: string;
  languageId: string;
}

export interface Draft extends DraftKey {
  text: string;
  savedMs: number;
}

export interface QuitResult {
  ok: boolean;
  /** Why quitting was refused ("wrong exit code", "the host is unreachable"…). */
  message: string;
}

/** `window.arena` in the desktop app. Every method is async (IPC). */
export interface ArenaBridge {
  readonly kind: 'desktop';
  discovery: {
    state(): Promise<DiscoveryState>;
    /** Called with every new state (hosts appearing, the choice). Returns an unsubscribe. */
    onState(listener: (state: DiscoveryState) => void): () => void;
    /** The contestant picked a listed host or typed an address (`host:port` or a URL). */
    choose(address: string): Promise<DiscoveryState>;
    /** The contestant confirmed that a typed host's fingerprint matches the projector's. */
    confirmFingerprint(fingerprint: string): Promise<DiscoveryState>;
  };
  drafts: {
    /** Writes the buffer to the app's data dir (atomic rename); resolves once on disk. */
    save(key: DraftKey, text: string): Promise<void>;
    load(key: DraftKey): Promise<Draft | null>;
    list(contestId: string): Promise<Draft[]>;
  };
  session: {
    /** After login: main needs the token to verify the exit code with the host. null = logged out. */
    set(session: { contestId: string; token: string } | null): Promise<void>;
  };
  lockdown: {
    /** Lockdown signals main observed (focus lost, displays changed, VM, start): the renderer forwards them on its socket. */
    onSignal(listener: (signal: LockdownSignal) => void): () => void;
  };
  /** Quits the app if the host accepts `exitCode` (the proctor's); otherwise says why. */
  quit(exitCode: string): Promise<QuitResult>;
}

export interface LockdownSignal {
  kind: 'focus-lost' | 'focus-regained' | 'display-count-changed' | 'virtual-machine' | 'app-started' | 'quit-attempt';
  detail: string;
  clientTimeMs: number;
}

/** IPC channel names (main ↔ preload). Only these exist. */
export const IPC = {
  discoveryState: 'arena:discovery-state',
  discoveryChoose: 'arena:discovery-choose',
  discoveryConfirm: 'arena:discovery-confirm',
  discoveryChanged: 'arena:discovery-changed',
  draftSave: 'arena:draft-save',
  draftLoad: 'arena:draft-load',
  draftList: 'arena:draft-list',
  sessionSet: 'arena:session-set',
  lockdownSignal: 'arena:lockdown-signal',
  quit: 'arena:quit',
} as const;
