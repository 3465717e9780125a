import { describe, expect, it } from 'vitest';
import {
  Contest, FeedEvent, Id, JudgeJob, JudgeResult, SubmissionCreate, formatRelTime, parseRelTime, formatTime,
} from './index';

describe('Id', () => {
  it.each([
    ['a', true], ['hello-world_1.2', true], ['A'.repeat(36), true],
    ['', false], ['.hidden', false], ['a/b', false], ['../x', false], ['A'.repeat(37), false], ['a b', false],
  ])('%j valid=%s', (value, valid) => {
    expect(Id.safeParse(value).success).toBe(valid);
  });
});

describe('relative times', () => {
  it.each([
    [0, '0:00:00.000'], [59_999, '0:00:59.999'], [3_600_000 * 5, '5:00:00.000'], [-65_432, '-0:01:05.432'],
    [27 * 3_600_000 + 61_001, '27:01:01.001'],
  ])('%d ms <-> %s', (ms, text) => {
    expect(formatRelTime(ms)).toBe(text);
    expect(parseRelTime(text)).toBe(ms);
  });

  it('parses fractions of any length and no fraction', () => {
    expect(parseRelTime('1:00:00')).toBe(3_600_000);
    expect(parseRelTime('0:00:01.5')).toBe(1500);
    expect(parseRelTime('-18:12:55.723')).toBe(-(18 * 3_600_000 + 12 * 60_000 + 55_723));
  });

  it.each(['5', '1:2:3', 'abc', '1:00:60x', ''])('rejects %j', (bad) => {
    expect(() => parseRelTime(bad)).toThrow(/not a relative time/);
  });

  it('formats absolute times as ISO-8601 with a zone', () => {
    expect(formatTime(Date.UTC(2026, 10, 26, 10, 0, 0, 5))).toBe('2026-11-26T10:00:00.005+00:00');
  });
});

describe('schemas reject what a stranger could send', () => {
  it('refuses a submission with two files, a bad id or no files', () => {
    const ok = { problem_id: 'hello', language_id: 'cpp', files: [{ data: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' }] };
    expect(SubmissionCreate.safeParse(ok).success).toBe(true);
    expect(SubmissionCreate.safeParse({ ...ok, files: [] }).success).toBe(false);
    expect(SubmissionCreate.safeParse({ ...ok, files: [ok.files[0], ok.files[0]] }).success).toBe(false);
    expect(SubmissionCreate.safeParse({ ...ok, problem_id: '../etc' }).success).toBe(false);
    expect(SubmissionCreate.safeParse('{"problem_id":"x"}').success).toBe(false);
  });

  it('refuses a judge result that claims JE or carries no lease', () => {
    expect(JudgeResult.safeParse({ leaseId: 'l1', verdict: 'JE' }).success).toBe(false);
    expect(JudgeResult.safeParse({ verdict: 'AC' }).success).toBe(false);
    expect(JudgeResult.safeParse({ leaseId: 'l1', verdict: 'AC' }).data).toMatchObject({ compileOutput: '', maxCpuTimeMs: 0 });
  });

  it('refuses a judge job with a path-like sha or no source', () => {
    const job = {
      leaseId: 'x', kind: 'submission', contestId: 'c', submissionId: '1', problemId: 'p', languageId: 'cpp', entryPoint: null,
      source: [{ path: 'a.cpp', sha256: 'a'.repeat(64) }],
      limits: { timeLimitMs: 1000, memoryLimitBytes: 1 << 28, outputLimitBytes: 1 << 23, compileTimeLimitMs: 60000, validatorTimeLimitMs: 60000, validatorMemoryLimitBytes: 1 << 30 },
      problem: { validation: 'default', scoring: 'pass-fail' },
      testcases: [],
    };
    expect(JudgeJob.safeParse(job).success).toBe(true);
    expect(JudgeJob.safeParse({ ...job, source: [] }).success).toBe(false);
    expect(JudgeJob.safeParse({ ...job, source: [{ path: 'a.cpp', sha256: '../../etc/passwd' }] }).success).toBe(false);
  });

  it('applies CLICS defaults to a contest', () => {
    const c = Contest.parse({ id: 'wf', name: 'World Finals', start_time: null, duration: '5:00:00.000' });
    expect(c.penalty_time).toBe(20);
    expect(c.scoreboard_type).toBe('pass-fail');
  });

  it('accepts feed events with and without id, and deletes', () => {
    expect(FeedEvent.safeParse({ type: 'state', data: { started: null }, token: '1' }).success).toBe(true);
    expect(FeedEvent.safeParse({ type: 'teams', id: 't1', data: null, token: '2' }).success).toBe(true);
    expect(FeedEvent.safeParse({ type: 'nonsense', id: 't1', data: null }).success).toBe(false);
  });
});
