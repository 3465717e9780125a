import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../adapters/sqlite/store';
import { newSubmissionOf } from './new-submission-of';

function event(data: Record<string, unknown> | null, id: string | null = '7'): StoredEvent {
  return { contestId: 'c', type: 'submissions', id, data, audience: 'team', teamId: 't1', token: 1, timeMs: 0 };
}

const DATA = { id: '7', team_id: 't1', problem_id: 'a', language_id: 'cpp', contest_time: '1:02:03.045' };

describe('newSubmissionOf', () => {
  it('reads the scoring view of a submission event', () => {
    expect(newSubmissionOf(event(DATA), 't1')).toEqual({ id: '7', teamId: 't1', problemId: 'a', contestTimeMs: 3_723_045 });
  });

  it('declines deletes, other teams, mismatched ids and unreadable times', () => {
    expect(newSubmissionOf(event(null), 't1')).toBeNull();
    expect(newSubmissionOf(event(DATA), 't2')).toBeNull();
    expect(newSubmissionOf(event(DATA, '8'), 't1')).toBeNull();
    expect(newSubmissionOf(event({ ...DATA, contest_time: 'soon' }), 't1')).toBeNull();
    expect(newSubmissionOf(event({ ...DATA, problem_id: 3 }), 't1')).toBeNull();
  });
});
