import { z } from 'zod';
import type { Session } from './api/console-api';

const KEY = 'arena-console-session';
const Stored = z.object({ token: z.string().min(1), contestId: z.string().min(1), username: z.string(), type: z.string() });

/** The session of this browser tab (sessionStorage: closing the tab logs out). */
export function loadSession(): Session | null {
  try {
    const parsed = Stored.safeParse(JSON.parse(sessionStorage.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(session));
}

/** A set of ids kept for this tab (read clarifications). */
export function loadIdSet(key: string): Set<string> {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(sessionStorage.getItem(key) ?? '[]'));
    return new Set(parsed.success ? parsed.data : []);
  } catch {
    return new Set();
  }
}

export function saveIdSet(key: string, ids: ReadonlySet<string>): void {
  sessionStorage.setItem(key, JSON.stringify([...ids]));
}
