import { describe, expect, it } from 'vitest';
import { parseContestDefinition } from './contest-definition';
import { parseProblemList } from './problem-list';

describe('parseContestDefinition', () => {
  it('reads the CLICS keys', () => {
    expect(parseContestDefinition({
      id: 'wf', name: 'World Finals', start_time: '2030-01-01T10:00:00+00:00', duration: '5:00:00',
      scoreboard_freeze_duration: '1:00:00', penalty_time: 20,
    }, 'contest.yaml')).toEqual({
      id: 'wf', name: 'World Finals', formalName: null, startTimeMs: Date.UTC(2030, 0, 1, 10), durationMs: 18_000_000,
      freezeDurationMs: 3_600_000, penaltyTimeMinutes: 20, scoreboardType: null,
    });
  });

  it('reads older hyphenated keys, seconds and a RELTIME penalty', () => {
    expect(parseContestDefinition({
      name: 'Old', 'short-name': 'old', 'start-time': '2030-01-01T10:00:00Z', duration: 18000, 'scoreboard-freeze-length': '0:30:00', 'penalty-time': '0:10:00',
    }, 'contest.yaml')).toMatchObject({ id: 'old', durationMs: 18_000_000, freezeDurationMs: 1_800_000, penaltyTimeMinutes: 10 });
  });

  it.each([
    [{ duration: '5:00:00' }, 'contest.yaml: name is missing'],
    [{ name: 'x' }, 'contest.yaml: duration is missing'],
    [{ name: 'x', duration: '0:00:00' }, 'duration must be a positive duration'],
    [{ name: 'x', duration: '1:00:00', scoreboard_freeze_duration: '2:00:00' }, 'longer than the contest duration'],
    [{ name: 'x', duration: '1:00:00', start_time: '2030-01-01T10:00:00' }, 'start_time must be an ISO-8601 time with a time zone'],
    [{ name: 'x', duration: '1:00:00', penalty_time: -3 }, 'penalty_time must be a whole number of minutes'],
    [{ name: 'x', duration: '1:00:00', scoreboard_type: 'fancy' }, 'scoreboard_type must be pass-fail or score'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseContestDefinition(raw, 'contest.yaml')).toThrow(message);
  });
});

describe('parseProblemList', () => {
  it('reads ids, labels, colours and time limits; labels default to A, B, ...', () => {
    expect(parseProblemList([{ id: 'a', label: 'X', rgb: 'f00', time_limit: 2 }, { id: 'b', name: 'Bee', rgb: '#00ff00' }], 'problems.yaml')).toEqual([
      { id: 'a', label: 'X', name: null, rgb: '#FF0000', color: null, timeLimitS: 2 },
      { id: 'b', label: 'B', name: 'Bee', rgb: '#00FF00', color: null, timeLimitS: null },
    ]);
    expect(parseProblemList({ problems: [{ 'short-name': 'c', letter: 'C' }] }, 'problems.yaml')[0]).toMatchObject({ id: 'c', label: 'C' });
  });

  it.each([
    [[], 'lists no problems'],
    [{ x: 1 }, 'must be a list of problems'],
    [[{ label: 'A' }], 'problem #1 has no id'],
    [[{ id: 'a b' }], 'problem id "a b" is not a valid id'],
    [[{ id: 'a' }, { id: 'a' }], 'problem id "a" appears twice'],
    [[{ id: 'a', label: 'A' }, { id: 'b', label: 'A' }], 'label "A" appears twice'],
    [[{ id: 'a', rgb: 'red' }], 'problem a: rgb must look like #RRGGBB'],
    [[{ id: 'a', time_limit: -1 }], 'problem a: time_limit must be a positive number'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseProblemList(raw, 'problems.yaml')).toThrow(`problems.yaml: ${message}`);
  });
});
