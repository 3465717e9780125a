import type { Clarification, Language, Problem, Team } from '@arena/protocol';
import { createContext, useContext } from 'react';
import type { Session } from '../api/console-api';
import type { Alert as ConsoleAlert } from '@arena/protocol';

/**
 * What every page of a logged-in console shares: the session, the contest's problems, teams and
 * languages (for names and filters), the clarifications with this tab's read marks, and the
 * venue alerts with the time they were last looked at.
 */
export interface ConsoleData {
  session: Session;
  /** true for judge and admin accounts; staff sees balloons and prints only. */
  isJury: boolean;
  isAdmin: boolean;
  problems: Problem[];
  teams: Team[];
  languages: Language[];
  teamName(teamId: string | null | undefined): string;
  clarifications: Clarification[];
  readClarifications: ReadonlySet<string>;
  markClarificationsRead(ids: readonly string[]): void;
  /** Incoming team questions not yet opened in this tab. */
  unreadCount: number;
  alerts: ConsoleAlert[];
  /** Alerts (venue and judging) newer than the last visit of the Alerts page. */
  newAlertCount: number;
  markAlertsSeen(): void;
  /** Re-fetches the clarifications now (after sending one). */
  reloadClarifications(): void;
}

export const ConsoleDataContext = createContext<ConsoleData | null>(null);

export function useConsoleData(): ConsoleData {
  const data = useContext(ConsoleDataContext);
  if (data === null) throw new Error('useConsoleData outside the console');
  return data;
}

/** Incoming questions: sent by a team. */
export function isIncoming(c: Clarification): boolean {
  return c.from_team_id !== null;
}
