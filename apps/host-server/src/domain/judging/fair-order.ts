/**
 * Fair order of the judge queue (pure). Among queued jobs, lower priority numbers go first
 * (submissions 0, test runs 1); within a priority, a job whose team has fewer of its own jobs
 * ahead of it (leased now, or queued before it) goes first; then the earlier enqueued one. A team
 * that floods the queue therefore waits its turn behind every other team's first job.
 */

export type QueueKind = 'submission' | 'test-run';

export interface QueueEntry {
  contestId: string;
  submissionId: string;
  teamId: string;
  /** Only `queued` entries are handed out; `leased` ones count as ahead; others are ignored. */
  state: 'queued' | 'leased' | 'done' | 'held';
  priority: number;
  enqueuedMs: number;
  /** Language of the submission, if known (agents may judge only some languages). */
  languageId: string | null;
}

export interface RankedEntry extends QueueEntry {
  /** The team's jobs ahead of this one: leased now, plus queued earlier. */
  teamAhead: number;
}

/** Queue priority of a job kind: lower goes first. */
export function priorityOf(kind: QueueKind): number {
  return kind === 'test-run' ? 1 : 0;
}

const DIGITS = /^\d+$/;

/** Id order: numeric ids by value ("9" before "10"), others by code units. Cheap: runs per lease. */
export function compareIds(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function byArrival(a: QueueEntry, b: QueueEntry): number {
  return a.priority - b.priority || a.enqueuedMs - b.enqueuedMs || compareIds(a.contestId, b.contestId)
    || compareIds(a.submissionId, b.submissionId);
}

/** The queued entries in the order they will be handed out. */
export function fairOrder(entries: readonly QueueEntry[]): RankedEntry[] {
  const teamKey = (e: QueueEntry) => `${e.contestId}\u0000${e.teamId}`;
  const ahead = new Map<string, number>();
  for (const e of entries) if (e.state === 'leased') ahead.set(teamKey(e), (ahead.get(teamKey(e)) ?? 0) + 1);
  const ranked: RankedEntry[] = [];
  for (const e of entries.filter((x) => x.state === 'queued').sort(byArrival)) {
    const key = teamKey(e);
    const teamAhead = ahead.get(key) ?? 0;
    ahead.set(key, teamAhead + 1);
    ranked.push({ ...e, teamAhead });
  }
  return ranked.sort((a, b) => a.priority - b.priority || a.teamAhead - b.teamAhead || byArrival(a, b));
}

/**
 * The next job for an agent: the first in fair order whose language the agent judges
 * (`languages` empty = all). Null when nothing suits.
 */
export function pickNextJob(entries: readonly QueueEntry[], languages: readonly string[] = []): RankedEntry | null {
  const accepts = (e: QueueEntry) => languages.length === 0 || (e.languageId !== null && languages.includes(e.languageId));
  return fairOrder(entries).find(accepts) ?? null;
}
