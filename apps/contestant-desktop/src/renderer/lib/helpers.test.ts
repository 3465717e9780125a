import type { ContestEventPush, ScoreboardRow, ScoreboardSnapshot } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { clockOffsetMs, hostNowMs, shortContestTime } from './clock-offset';
import { draftStorageKey, monacoLanguageOf, parseDraftStorageKey, sourceFilename } from './draft-keys';
import { applyBoardDelta, boardOfSnapshot } from './live-board';
import { applyEvent, emptyRecords, verdictOf } from '../live/team-records';
import { bytesToBase64, submissionBody, unzipSources, zipSources } from './zip-submission';

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

describe('draft keys', () => {
  it('round-trips a key, even with ids containing the separator', () => {
    const key = { contestId: 'wf:2030', problemId: 'a/b', languageId: 'cpp' };
    const stored = draftStorageKey(key);
    expect(stored.startsWith('arena-draft:')).toBe(true);
    expect(parseDraftStorageKey(stored)).toEqual(key);
  });

  it('gives different buffers to different languages of one problem', () => {
    const cpp = draftStorageKey({ contestId: 'c', problemId: 'p', languageId: 'cpp' });
    const py = draftStorageKey({ contestId: 'c', problemId: 'p', languageId: 'python3' });
    expect(cpp).not.toBe(py);
  });

  it.each(['other:c:p:l', 'arena-draft:c:p', 'arena-draft:c::l', ''])('refuses the foreign key %j', (raw) => {
    expect(parseDraftStorageKey(raw)).toBeNull();
  });

  it.each([
    ['hello', { id: 'cpp', extensions: ['cpp', 'cc'] }, 'hello.cpp'],
    ['hello', { id: 'python3', extensions: ['.py'] }, 'hello.py'],
    ['sum-sub', { id: 'java', extensions: ['java'], entry_point_required: true }, 'Main.java'],
    ['-odd id', { id: 'rust', extensions: [] }, '_odd_id.rust'],
  ])('names the file of problem %s', (problemId, language, expected) => {
    expect(sourceFilename(problemId, language)).toBe(expected);
  });

  it.each([['c', 'c'], ['cpp', 'cpp'], ['python3', 'python'], ['java', 'java'], ['kotlin', 'kotlin'],
    ['javascript', 'javascript'], ['rust', 'rust'], ['go', 'go'], ['brainfuck', 'plaintext']])('highlights %s as %s', (id, monaco) => {
    expect(monacoLanguageOf(id)).toBe(monaco);
  });
});

describe('submission zip', () => {
  it('zips the files so that unzipping gives them back byte for byte', () => {
    const files = [{ filename: 'hello.cpp', text: '#include <cstdio>\nint main() { puts("Grüße ✓"); }\n' }, { filename: 'util.h', text: '' }];
    expect(unzipSources(zipSources(files))).toEqual(files);
  });

  it('refuses an empty submission and duplicate names', () => {
    expect(() => zipSources([])).toThrow(/no source file/);
    expect(() => zipSources([{ filename: 'a.c', text: '1' }, { filename: 'a.c', text: '2' }])).toThrow(/two files/);
  });

  it('encodes base64 that decodes back, across chunk boundaries', () => {
    const bytes = new Uint8Array(70_001).map((_, i) => (i * 7919) % 256);
    expect(fromBase64(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array([1, 2]))).toBe('AQI=');
    expect(bytesToBase64(new TextEncoder().encode('Man'))).toBe('TWFu');
  });

  it('builds the CLICS body with one zip and the entry point only when given', () => {
    const body = submissionBody('hello', 'cpp', [{ filename: 'hello.cpp', text: 'int main(){}' }], null);
    expect(body).toMatchObject({ problem_id: 'hello', language_id: 'cpp', files: [{ mime: 'application/zip' }] });
    expect('entry_point' in body).toBe(false);
    expect(unzipSources(fromBase64(body.files[0].data))).toEqual([{ filename: 'hello.cpp', text: 'int main(){}' }]);
    expect(submissionBody('p', 'java', [{ filename: 'Main.java', text: 'x' }], 'Main').entry_point).toBe('Main');
  });
});

describe('clock offset', () => {
  it('takes a push at its arrival and a reply at the round trip midpoint', () => {
    expect(clockOffsetMs(10_000, 9_000)).toBe(1_000);
    expect(clockOffsetMs(10_000, 9_200, 9_000)).toBe(900);
    expect(clockOffsetMs(5_000, 8_000)).toBe(-3_000);
    expect(hostNowMs(9_000, -3_000)).toBe(6_000);
  });

  it.each([['0:00:00', '0:00'], ['1:05:59.999', '1:05'], ['12:00:01', '12:00'], ['-0:15:00', '-0:15'], ['odd', 'odd']])('shows %s as %s', (rel, text) => {
    expect(shortContestTime(rel)).toBe(text);
  });
});

describe('live board', () => {
  const state = { started: null, frozen: null, ended: null, thawed: null, finalized: null, end_of_updates: null };
  const row = (team: string, rank: number, solved: number): ScoreboardRow =>
    ({ rank, team_id: team, score: { num_solved: solved, total_time: 0 }, problems: [] }) as unknown as ScoreboardRow;
  const snapshot = { contestId: 'c', view: 'public', seq: 3, serverTimeMs: 0, scoreboard: { rows: [row('b', 1, 0), row('a', 1, 0)], state } } as unknown as ScoreboardSnapshot;
  const name = (id: string) => id;

  it('orders a snapshot by rank then name and applies the next delta', () => {
    const board = boardOfSnapshot(snapshot, name);
    expect(board.rows.map((r) => r.team_id)).toEqual(['a', 'b']);
    const update = applyBoardDelta(board, { contestId: 'c', view: 'public', seq: 4, serverTimeMs: 0, rows: [row('b', 1, 1)], ranks: { a: 2 } }, name);
    expect(update.kind).toBe('applied');
    if (update.kind === 'applied') expect(update.board.rows.map((r) => [r.team_id, r.rank])).toEqual([['b', 1], ['a', 2]]);
  });

  it('reports an old delta as stale and a missed one as a gap', () => {
    const board = boardOfSnapshot(snapshot, name);
    expect(applyBoardDelta(board, { contestId: 'c', view: 'public', seq: 3, serverTimeMs: 0, rows: [] }, name).kind).toBe('stale');
    expect(applyBoardDelta(board, { contestId: 'c', view: 'public', seq: 5, serverTimeMs: 0, rows: [] }, name).kind).toBe('gap');
  });
});

describe('team records', () => {
  const push = (type: string, id: string, data: Record<string, unknown> | null) =>
    ({ serverTimeMs: 0, contestId: 'c', type, id, data, token: 't' }) as unknown as ContestEventPush;
  const submission = { id: 's1', language_id: 'cpp', problem_id: 'hello', team_id: 'team1', time: '2030-01-01T10:00:00.000+00:00', contest_time: '0:00:00.000', files: [] };
  const judgement = (id: string, type: string | null, start: string) =>
    ({ id, submission_id: 's1', judgement_type_id: type, start_time: start, start_contest_time: '0:00:00.000', end_time: null, end_contest_time: null });

  it('shows a submission pending until its judgement has a verdict, then the newest judgement wins', () => {
    let records = applyEvent(emptyRecords(), push('submissions', 's1', submission)).records;
    expect(verdictOf(records, 's1').verdict).toBeNull();
    records = applyEvent(records, push('judgements', 'j1', judgement('j1', null, '2030-01-01T10:00:01.000+00:00'))).records;
    expect(verdictOf(records, 's1').verdict).toBeNull();
    const update = applyEvent(records, push('judgements', 'j1', judgement('j1', 'WA', '2030-01-01T10:00:01.000+00:00')));
    expect(update.change).toMatchObject({ kind: 'judgement', judgement: { judgement_type_id: 'WA' } });
    records = applyEvent(update.records, push('judgements', 'j2', judgement('j2', 'AC', '2030-01-01T10:05:00.000+00:00'))).records;
    expect(verdictOf(records, 's1').verdict).toBe('AC');
    records = applyEvent(records, push('judgements', 'j2', null)).records;
    expect(verdictOf(records, 's1').verdict).toBe('WA');
  });

  it('says whether a clarification is new, and ignores malformed data and other types', () => {
    const clar = { id: 'c1', from_team_id: null, to_team_id: 'team1', reply_to_id: null, problem_id: null, text: 'Hi', time: '2030-01-01T10:00:00.000+00:00', contest_time: '0:00:00.000' };
    const first = applyEvent(emptyRecords(), push('clarifications', 'c1', clar));
    expect(first.change).toMatchObject({ kind: 'clarification', isNew: true });
    expect(applyEvent(first.records, push('clarifications', 'c1', { ...clar, text: 'Hi!' })).change).toMatchObject({ isNew: false });
    const bad = applyEvent(first.records, push('clarifications', 'c2', { id: 'c2' }));
    expect(bad.change.kind).toBe('none');
    expect(bad.records).toBe(first.records);
    expect(applyEvent(first.records, push('teams', 'team1', { id: 'team1' })).change.kind).toBe('none');
  });
});
