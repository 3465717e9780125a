import { z } from 'zod';

/**
 * One stored per-case result of a test run (the `test_runs.cases` JSON): what the judge
 * reported, plus where the sample's input and answer are (blob hashes; null for custom input).
 */
export const StoredTestRunCase = z.object({
  testcaseId: z.string(),
  /** Position in judging order (sample order; 0 for custom input). */
  index: z.number().int().nonnegative(),
  label: z.string(),
  verdict: z.string(),
  cpuTimeMs: z.number().nonnegative(),
  output: z.string(),
  inputSha256: z.string().nullable(),
  answerSha256: z.string().nullable(),
});
export type StoredTestRunCase = z.infer<typeof StoredTestRunCase>;

const StoredCases = z.array(StoredTestRunCase);

/** Parses the stored JSON; a broken value (never written by this code) reads as no cases. */
export function parseStoredCases(json: string): StoredTestRunCase[] {
  try {
    const parsed = StoredCases.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The cases with `next` added (or replacing a repeat for the same test case), in judging order. */
export function withCase(cases: readonly StoredTestRunCase[], next: StoredTestRunCase): StoredTestRunCase[] {
  return [...cases.filter((c) => c.testcaseId !== next.testcaseId), next].sort((a, b) => a.index - b.index);
}
