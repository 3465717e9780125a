import type { ArenaBridge, Draft, DraftKey } from '../../shared/bridge';
import { draftStorageKey } from './draft-keys';

declare global {
  interface Window {
    /** Present only in the desktop app (Electron preload); absent in a browser. */
    arena?: ArenaBridge;
  }
}

/** The desktop bridge, or null in a plain browser. */
export function desktopBridge(): ArenaBridge | null {
  return typeof window !== 'undefined' && window.arena?.kind === 'desktop' ? window.arena : null;
}

/** Where editor buffers are kept: the desktop's data dir, or this browser's localStorage. */
export interface DraftStore {
  save(key: DraftKey, text: string): Promise<void>;
  load(key: DraftKey): Promise<Draft | null>;
}

/** localStorage drafts (browser `/app`): survive reloads and browser restarts on this machine. */
export function localStorageDrafts(storage: Storage, nowMs: () => number): DraftStore {
  return {
    save(key, text) {
      storage.setItem(draftStorageKey(key), JSON.stringify({ text, savedMs: nowMs() }));
      return Promise.resolve();
    },
    load(key) {
      const raw = storage.getItem(draftStorageKey(key));
      if (raw === null) return Promise.resolve(null);
      try {
        const parsed = JSON.parse(raw) as { text?: unknown; savedMs?: unknown };
        if (typeof parsed.text !== 'string') return Promise.resolve(null);
        return Promise.resolve({ ...key, text: parsed.text, savedMs: typeof parsed.savedMs === 'number' ? parsed.savedMs : 0 });
      } catch {
        return Promise.resolve(null);
      }
    },
  };
}

/** The draft store of this platform. */
export function platformDrafts(): DraftStore {
  const bridge = desktopBridge();
  if (bridge) return { save: (key, text) => bridge.drafts.save(key, text), load: (key) => bridge.drafts.load(key) };
  return localStorageDrafts(window.localStorage, () => Date.now());
}

/** A logged-in team, kept in sessionStorage so a reload (or a renderer crash) keeps the login. */
export interface TeamSession {
  hostUrl: string;
  token: string;
  contestId: string;
  teamId: string;
  username: string;
}

const SESSION_KEY = 'arena-session';

export function loadSession(): TeamSession | null {
  const raw = window.sessionStorage.getItem(SESSION_KEY);
  if (raw === null) return null;
  try {
    const s = JSON.parse(raw) as Partial<TeamSession>;
    if (typeof s.hostUrl === 'string' && typeof s.token === 'string' && typeof s.contestId === 'string' && typeof s.teamId === 'string' && typeof s.username === 'string') {
      return { hostUrl: s.hostUrl, token: s.token, contestId: s.contestId, teamId: s.teamId, username: s.username };
    }
  } catch {
    // A damaged entry is the same as none.
  }
  return null;
}

export function storeSession(session: TeamSession | null): void {
  if (session === null) window.sessionStorage.removeItem(SESSION_KEY);
  else window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  const bridge = desktopBridge();
  if (bridge) void bridge.session.set(session === null ? null : { contestId: session.contestId, token: session.token });
}
