import { parseRelTime } from '@arena/protocol';
import type { StoredEvent } from '../../adapters/sqlite/store';
import type { ScoringSubmission } from '../../domain/scoring/scoring-input';

/**
 * The scoring view of a submissions event's CLICS object, or null when the event is not a plain
 * submission of `teamId` (a delete, another team, an unreadable contest_time): such events re-read.
 */
export function newSubmissionOf(event: StoredEvent, teamId: string): ScoringSubmission | null {
  const { data, id } = event;
  if (data === null || id === null || data.id !== id || data.team_id !== teamId) return null;
  if (typeof data.problem_id !== 'string' || typeof data.contest_time !== 'string') return null;
  let contestTimeMs: number;
  try {
    contestTimeMs = parseRelTime(data.contest_time);
  } catch {
    return null;
  }
  return { id, teamId, problemId: data.problem_id, contestTimeMs };
}
