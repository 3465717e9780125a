import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  JudgeJob, JudgeClientToServer, Submission, SubmissionCreate, ScoreboardRow, VerdictId, JudgeResult, TestcaseResult,
} from './index';
import type { Submission as SubmissionSchema, JudgeJob as JudgeJobSchema } from './index';

// Type-level tests: the exported types are the ones inferred from the schemas, so a schema change
// that breaks a consumer's expectations fails `vitest --typecheck`, not production.
describe('protocol types', () => {
  it('infers entity types from their schemas', () => {
    expectTypeOf<Submission>().toEqualTypeOf<z.infer<typeof SubmissionSchema>>();
    expectTypeOf<JudgeJob>().toEqualTypeOf<z.infer<typeof JudgeJobSchema>>();
  });

  it('keeps ids and times as strings and limits as numbers', () => {
    expectTypeOf<Submission['team_id']>().toEqualTypeOf<string>();
    expectTypeOf<Submission['contest_time']>().toEqualTypeOf<string>();
    expectTypeOf<JudgeJob['limits']['timeLimitMs']>().toEqualTypeOf<number>();
    expectTypeOf<ScoreboardRow['problems'][number]['solved']>().toEqualTypeOf<boolean>();
  });

  it('never lets a judging error be reported as a verdict', () => {
    expectTypeOf<'JE'>().toMatchTypeOf<VerdictId>();
    expectTypeOf<'JE'>().not.toMatchTypeOf<JudgeResult['verdict']>();
    expectTypeOf<'CE'>().not.toMatchTypeOf<TestcaseResult['verdict']>();
  });

  it('types socket payloads as unknown until parsed', () => {
    expectTypeOf<Parameters<JudgeClientToServer['job:result']>[0]>().toEqualTypeOf<unknown>();
  });

  it('requires exactly the CLICS submission fields', () => {
    expectTypeOf<SubmissionCreate>().toHaveProperty('problem_id');
    expectTypeOf<SubmissionCreate['files']>().toEqualTypeOf<Array<{ data: string; mime?: string | undefined }>>();
  });
});
