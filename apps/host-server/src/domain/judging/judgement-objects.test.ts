import { Judgement, Run } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { contestTimeAt, finishedJudgement, runId, runObject, startedJudgement } from './judgement-objects';

const START = Date.UTC(2026, 10, 26, 10, 0, 0);
const submission = { timeMs: START + 61_000, contestTimeMs: 61_000 };

describe('judgement objects', () => {
  it('contest time follows the submission\'s own contest time', () => {
    expect(contestTimeAt(submission, START + 61_000)).toBe(61_000);
    expect(contestTimeAt(submission, START + 65_500)).toBe(65_500);
  });

  it('a started judgement has no verdict and is a valid CLICS judgement', () => {
    const j = startedJudgement('7', 's1', submission, START + 62_000);
    expect(Judgement.parse(j)).toEqual(j);
    expect(j).toMatchObject({ id: '7', submission_id: 's1', judgement_type_id: null, start_contest_time: '0:01:02.000', end_time: null });
  });

  it('a finished judgement carries verdict, end time, seconds of max run time and score', () => {
    const started = startedJudgement('7', 's1', submission, START + 62_000);
    const j = finishedJudgement(started, submission, { verdict: 'WA', endMs: START + 63_500, maxRunTimeMs: 1234.4, score: 40 });
    expect(Judgement.parse(j)).toEqual(j);
    expect(j).toMatchObject({ judgement_type_id: 'WA', end_contest_time: '0:01:03.500', max_run_time: 1.234, score: 40 });
    expect(finishedJudgement(started, submission, { verdict: 'AC', endMs: START + 63_500, maxRunTimeMs: 0 })).not.toHaveProperty('score');
  });

  it('a run is a valid CLICS run with a stable id', () => {
    const r = runObject('7', 3, 'TLE', 2000, submission, START + 62_000);
    expect(Run.parse(r)).toEqual(r);
    expect(r).toMatchObject({ id: runId('7', 3), judgement_id: '7', ordinal: 3, judgement_type_id: 'TLE', run_time: 2 });
    expect(runId('7', 3)).not.toBe(runId('7', 4));
    expect(runId('7', 13)).not.toBe(runId('71', 3));
  });
});
