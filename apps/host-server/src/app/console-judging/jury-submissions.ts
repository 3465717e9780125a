import type { JurySubmissionDetail, JurySubmissionQuery, JurySubmissionRow, JurySubmissionState } from '@arena/protocol';
import {
  contestExists, getJurySubmission, listJudgementsOf, listJurySubmissions, listRunsOf, type JurySubmissionDbRow,
} from '../../adapters/sqlite/repos/console-judging-submissions-repo';
import { createSubmissionSources } from '../../app/submissions/submission-sources';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';

/** Default page size of the jury submission list. */
const DEFAULT_LIMIT = 200;

function objectOf(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

function stringField(object: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function stateOf(row: JurySubmissionDbRow): JurySubmissionState {
  switch (row.queueState) {
    case 'queued': return 'queued';
    case 'leased': return 'judging';
    case 'held': return 'held';
    default: return row.verdict === null ? 'queued' : 'judged';
  }
}

function toRow(row: JurySubmissionDbRow): JurySubmissionRow {
  const team = objectOf(row.teamData);
  const problem = objectOf(row.problemData);
  return {
    id: row.id, teamId: row.teamId, teamName: stringField(team, 'display_name', 'name') ?? row.teamId,
    problemId: row.problemId, problemLabel: stringField(problem, 'label') ?? row.problemId, languageId: row.languageId,
    timeMs: row.timeMs, contestTime: row.contestTimeMs, verdict: row.verdict, judgementId: row.judgementId, agentId: row.agentId,
    maxCpuTimeMs: row.maxCpuTimeMs, state: stateOf(row),
  };
}

function requireContest(ctx: HostContext, contestId: string): void {
  if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
}

/** The jury's submission list of a contest with the query's filters, newest first. */
export function listSubmissionsForJury(ctx: HostContext, contestId: string, query: JurySubmissionQuery): JurySubmissionRow[] {
  requireContest(ctx, contestId);
  const rows = listJurySubmissions(ctx.store.db, contestId, {
    teamId: query.team, problemId: query.problem, languageId: query.language,
    verdict: query.verdict === 'pending' ? null : query.verdict, agentId: query.judge,
    fromMs: query.fromMs, toMs: query.toMs, limit: query.limit ?? DEFAULT_LIMIT,
  });
  return rows.map(toRow);
}

function parseFiles(json: string): Array<{ path: string; sha256: string }> {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter((f): f is { path: string; sha256: string } =>
      f !== null && typeof f === 'object' && typeof (f as { path?: unknown }).path === 'string' && typeof (f as { sha256?: unknown }).sha256 === 'string');
  } catch {
    return [];
  }
}

function readBlob(ctx: HostContext, sha256: string): Buffer | undefined {
  try {
    return ctx.blobs.read(sha256);
  } catch {
    return undefined;
  }
}

/**
 * One submission for the jury: the list row, its source files as text (from SQLite, else the
 * blob store; a file that cannot be found says so in its text) and every judgement with its
 * runs. `not_found` for an unknown contest or submission.
 */
export async function submissionDetailForJury(ctx: HostContext, contestId: string, submissionId: string): Promise<JurySubmissionDetail> {
  requireContest(ctx, contestId);
  const db = ctx.store.db;
  const row = getJurySubmission(db, contestId, submissionId);
  if (!row) throw new AppError('not_found', `no submission ${submissionId} in contest ${contestId}`);
  const sources = createSubmissionSources(db);
  const files: JurySubmissionDetail['files'] = [];
  for (const file of parseFiles(row.files)) {
    let bytes = await sources.read(file.sha256);
    if (bytes === undefined) bytes = readBlob(ctx, file.sha256);
    files.push({ filename: file.path, text: bytes === undefined ? `(source file ${file.sha256} is missing on the host)` : bytes.toString('utf8') });
  }
  const runs = listRunsOf(db, contestId, submissionId);
  const judgements = listJudgementsOf(db, contestId, submissionId).map((j) => ({
    id: j.id, verdict: j.verdict, valid: j.valid === 1, agentId: j.agentId, startMs: j.startMs, endMs: j.endMs,
    compileOutput: j.compileOutput, overriddenBy: j.overriddenBy,
    runs: runs.filter((r) => r.judgementId === j.id).map((r) => ({
      ordinal: r.ordinal, testcaseId: r.testcaseId, verdict: r.verdict, cpuTimeMs: r.cpuTimeMs, wallTimeMs: r.wallTimeMs,
      memoryBytes: r.memoryBytes, judgeMessage: r.judgeMessage, teamMessage: r.teamMessage,
    })),
  }));
  return { ...toRow(row), files, judgements };
}
