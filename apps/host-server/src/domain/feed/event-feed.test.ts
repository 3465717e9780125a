import { describe, expect, it } from 'vitest';
import { parseEventFeed } from './event-feed';
import { FeedFormatError } from './feed-error';

const ndjson = (...events: unknown[]) => events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n');

const CONTEST = { id: 'c1', name: 'Test', start_time: '2026-01-01T10:00:00Z', duration: '5:00:00', scoreboard_freeze_duration: '1:00:00', penalty_time: 20 };

function errorOf(text: string): FeedFormatError {
  try {
    parseEventFeed(text);
  } catch (err) {
    if (err instanceof FeedFormatError) return err;
    throw err;
  }
  throw new Error('expected a FeedFormatError');
}

describe('parseEventFeed: current format {type, id, data, token}', () => {
  it('reads contest, judgement types, problems, groups, teams, submissions and judgements', () => {
    const feed = parseEventFeed(ndjson(
      { type: 'contest', data: CONTEST, token: 't1' },
      { type: 'judgement-types', id: 'WA', data: { id: 'WA', name: 'wrong', penalty: true, solved: false } },
      { type: 'problems', id: 'a', data: { id: 'a', label: 'A', name: 'Apple', ordinal: 0 } },
      { type: 'groups', id: 'g', data: { id: 'g', name: 'Group', hidden: true } },
      { type: 'teams', id: 't', data: { id: 't', name: 'Team', display_name: 'The Team', group_ids: ['g'] } },
      { type: 'submissions', id: 's', data: { id: 's', team_id: 't', problem_id: 'a', language_id: 'cpp', time: 'x', contest_time: '-0:01:02.500' } },
      { type: 'judgements', id: 'j', data: { id: 'j', submission_id: 's', judgement_type_id: 'WA', extra: 1 } },
    ));
    expect(feed.contest).toEqual({ id: 'c1', name: 'Test', startTime: '2026-01-01T10:00:00Z', durationMs: 5 * 3_600_000, freezeDurationMs: 3_600_000, penaltyMinutes: 20, scoreboardType: 'pass-fail' });
    expect(feed.judgementTypes).toEqual([{ id: 'WA', name: 'wrong', penalty: true, solved: false }]);
    expect(feed.problems).toEqual([{ id: 'a', label: 'A', name: 'Apple', ordinal: 0 }]);
    expect(feed.groups).toEqual([{ id: 'g', name: 'Group', hidden: true }]);
    expect(feed.teams).toEqual([{ id: 't', name: 'The Team', groupIds: ['g'], hidden: false }]);
    expect(feed.submissions).toEqual([{ id: 's', teamId: 't', problemId: 'a', contestTimeMs: -62_500 }]);
    expect(feed.judgements).toEqual([{ id: 'j', submissionId: 's', judgementTypeId: 'WA', valid: true }]);
    expect(feed.eventCount).toBe(7);
  });

  it.each([
    ['integer minutes', 20, 20],
    ['RELTIME (CLICS 2023-06)', '0:20:00', 20],
    ['RELTIME with fraction', '0:05:00.000', 5],
  ])('penalty_time as %s', (_name, value, minutes) => {
    expect(parseEventFeed(ndjson({ type: 'contest', data: { ...CONTEST, penalty_time: value } })).contest?.penaltyMinutes).toBe(minutes);
  });

  it('defaults: penalty 20, no freeze, pass-fail; null means absent', () => {
    const feed = parseEventFeed(ndjson({ type: 'contest', data: { id: 'c', duration: '5:00:00', scoreboard_freeze_duration: null, penalty_time: null } }));
    expect(feed.contest).toMatchObject({ penaltyMinutes: 20, freezeDurationMs: null, scoreboardType: 'pass-fail', name: 'c' });
  });

  it('a later event for the same object merges over it (later fields win) and keeps its first position', () => {
    const feed = parseEventFeed(ndjson(
      { type: 'judgements', id: 'j1', data: { id: 'j1', submission_id: 's1', judgement_type_id: null } },
      { type: 'judgements', id: 'j2', data: { id: 'j2', submission_id: 's1', judgement_type_id: 'WA' } },
      { type: 'judgements', id: 'j1', data: { id: 'j1', submission_id: 's1', judgement_type_id: 'AC' } },
      { type: 'teams', id: 't', data: { id: 't', name: 'Old', group_ids: ['g'] } },
      { type: 'teams', id: 't', data: { id: 't', name: 'New' } },
    ));
    expect(feed.judgements.map((j) => [j.id, j.judgementTypeId])).toEqual([['j1', 'AC'], ['j2', 'WA']]);
    expect(feed.teams).toEqual([{ id: 't', name: 'New', groupIds: ['g'], hidden: false }]);
  });

  it('data: null deletes the object', () => {
    const feed = parseEventFeed(ndjson(
      { type: 'submissions', id: 's1', data: { id: 's1', team_id: 't', problem_id: 'a', contest_time: '0:01:00' } },
      { type: 'submissions', id: 's1', data: null },
    ));
    expect(feed.submissions).toEqual([]);
  });

  it('an event without id and an array replaces the whole collection', () => {
    const feed = parseEventFeed(ndjson(
      { type: 'problems', id: 'old', data: { id: 'old', label: 'O' } },
      { type: 'problems', id: null, data: [{ id: 'a', label: 'A', ordinal: 1 }, { id: 'b', label: 'B', ordinal: 2 }] },
    ));
    expect(feed.problems.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('skips blank keep-alive lines and CRLF, ignores unknown and unused types', () => {
    const feed = parseEventFeed(`\n${ndjson({ type: 'contest', data: CONTEST }, '', { type: 'runs', id: 'r', data: { id: 'r' } }, { type: 'commentary-x', id: 'q', data: 5 })}\r\n\n  \n`);
    expect(feed.eventCount).toBe(3);
    expect(feed.ignoredTypes).toEqual(['commentary-x', 'runs']);
  });

  it('derives contest_time from time and the contest start when it is missing', () => {
    const feed = parseEventFeed(ndjson(
      { type: 'contest', data: CONTEST },
      { type: 'submissions', id: 's', data: { id: 's', team_id: 't', problem_id: 'a', time: '2026-01-01T10:30:15.250Z' } },
    ));
    expect(feed.submissions[0]!.contestTimeMs).toBe(30 * 60_000 + 15_250);
  });

  it('accepts numeric ids from older systems', () => {
    const feed = parseEventFeed(ndjson({ type: 'teams', id: 7, data: { id: 7, name: 'Seven', group_ids: [3] } }));
    expect(feed.teams).toEqual([{ id: '7', name: 'Seven', groupIds: ['3'], hidden: false }]);
  });

  it('reads the state', () => {
    const feed = parseEventFeed(ndjson({ type: 'state', data: { started: '2026-01-01T10:00:00Z', thawed: '2026-01-01T16:00:00Z' } }));
    expect(feed.state).toEqual({ started: '2026-01-01T10:00:00Z', frozen: null, ended: null, thawed: '2026-01-01T16:00:00Z', finalized: null, end_of_updates: null });
  });
});

describe('parseEventFeed: 2020-era format {id, type, op, data}', () => {
  it('reads plural and singular type names, op create/update/delete, times in minutes', () => {
    const feed = parseEventFeed(ndjson(
      { id: 'e1', type: 'contests', op: 'create', data: { id: 'c', name: 'Old', duration: 300, scoreboard_freeze_duration: 60, penalty_time: 20 } },
      { id: 'e2', type: 'judgement-types', op: 'create', data: { id: 'AC', penalty: false, solved: true } },
      { id: 'e3', type: 'problem', op: 'create', data: { id: 'a', label: 'A', ordinal: 1 } },
      { id: 'e4', type: 'team', op: 'create', data: { id: 't', name: 'T' } },
      { id: 'e5', type: 'submission', op: 'create', data: { id: 's1', team_id: 't', problem_id: 'a', contest_time: 12.5 } },
      { id: 'e6', type: 'submissions', op: 'create', data: { id: 's2', team_id: 't', problem_id: 'a', contest_time: -0.25 } },
      { id: 'e7', type: 'judgement', op: 'create', data: { id: 'j1', submission_id: 's1', judgement_type_id: null } },
      { id: 'e8', type: 'judgements', op: 'update', data: { id: 'j1', submission_id: 's1', judgement_type_id: 'AC' } },
      { id: 'e9', type: 'submissions', op: 'delete', data: { id: 's2' } },
    ));
    expect(feed.contest).toMatchObject({ durationMs: 300 * 60_000, freezeDurationMs: 60 * 60_000, penaltyMinutes: 20 });
    expect(feed.submissions).toEqual([{ id: 's1', teamId: 't', problemId: 'a', contestTimeMs: 750_000 }]);
    expect(feed.judgements).toEqual([{ id: 'j1', submissionId: 's1', judgementTypeId: 'AC', valid: true }]);
    expect(feed.problems.map((p) => p.id)).toEqual(['a']);
  });

  it('the event id is not mistaken for the object id', () => {
    const feed = parseEventFeed(ndjson({ id: 'ev-99', type: 'teams', op: 'create', data: { id: 't1', name: 'T' } }));
    expect(feed.teams.map((t) => t.id)).toEqual(['t1']);
  });
});

describe('parseEventFeed: errors name the line', () => {
  it.each<[string, string, number, RegExp]>([
    ['malformed JSON', ndjson({ type: 'contest', data: CONTEST }, '', '{"type": "teams", "id": ', { type: 'teams', id: 't', data: { id: 't' } }), 3, /not valid JSON/],
    ['an event without a type', ndjson({ id: 'x', data: {} }), 1, /not an event.*type/],
    ['a submission without a team', ndjson({ type: 'contest', data: CONTEST }, { type: 'submissions', id: 's', data: { id: 's', problem_id: 'a', contest_time: '0:01:00' } }), 2, /invalid submissions object.*team_id/],
    ['a bad relative time', ndjson({ type: 'submissions', id: 's', data: { id: 's', team_id: 't', problem_id: 'a', contest_time: '1h' } }), 1, /contest_time/],
    ['data that is not an object', ndjson({ type: 'teams', id: 't', data: 5 }), 1, /must be a JSON object/],
    ['a submission with no time at all', ndjson({ type: 'submissions', id: 's', data: { id: 's', team_id: 't', problem_id: 'a' } }), 1, /no contest_time/],
  ])('%s', (_name, text, line, message) => {
    const err = errorOf(text);
    expect(err.lineNumber).toBe(line);
    expect(err.message).toMatch(message);
    expect(err.message).toContain(`line ${line}`);
  });
});
