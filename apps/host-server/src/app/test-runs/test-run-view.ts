import type { TestRunResult } from '@arena/protocol';
import type { TestRunRow } from '../../adapters/sqlite/repos/test-run-repo';
import { parseStoredCases } from './test-run-cases';

/** Sample input and answer shown with a case are cut to this many characters (like the output). */
const SHOWN_TEXT_MAX_CHARS = 65_536;

/** Reads a blob (sample input/answer) by sha256; undefined when it is missing. */
export type ReadBlobText = (sha256: string) => string | undefined;

function shown(text: string): string {
  return text.length <= SHOWN_TEXT_MAX_CHARS ? text : `${text.slice(0, SHOWN_TEXT_MAX_CHARS)}\n[… truncated]`;
}

/**
 * What the team (and the jury) sees of a test run: `queued`/`judging` while pending (from its
 * queue row), then `done` with a verdict or `failed` with the reason (never a verdict). Cases
 * reported so far are included, each with its input and, for samples, the expected answer.
 */
export function testRunView(row: TestRunRow, readBlobText: ReadBlobText): TestRunResult {
  const state = row.state === 'done' ? 'done' : row.state === 'failed' ? 'failed' : row.queueState === 'leased' ? 'judging' : 'queued';
  return {
    id: row.id,
    problemId: row.problemId,
    languageId: row.languageId,
    state,
    verdict: state === 'done' ? row.verdict : null,
    compileOutput: row.compileOutput,
    cases: parseStoredCases(row.cases).map((c) => ({
      label: c.label,
      verdict: c.verdict,
      cpuTimeMs: c.cpuTimeMs,
      input: shown(c.inputSha256 === null ? (row.input ?? '') : (readBlobText(c.inputSha256) ?? '')),
      output: c.output,
      expected: c.answerSha256 === null ? null : shown(readBlobText(c.answerSha256) ?? ''),
    })),
    error: state === 'failed' ? row.error : null,
    createdMs: row.createdMs,
  };
}
