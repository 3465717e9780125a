import { Clarification, Judgement, Submission, type ContestEventPush } from '@arena/protocol';

/** The team's own submissions, judgements and the clarifications it may read, by id. */
export interface TeamRecords {
  submissions: Map<string, Submission>;
  judgements: Map<string, Judgement>;
  clarifications: Map<string, Clarification>;
}

export function emptyRecords(): TeamRecords {
  return { submissions: new Map(), judgements: new Map(), clarifications: new Map() };
}

export function recordsFromLists(submissions: Submission[], judgements: Judgement[], clarifications: Clarification[]): TeamRecords {
  return {
    submissions: new Map(submissions.map((s) => [s.id, s])),
    judgements: new Map(judgements.map((j) => [j.id, j])),
    clarifications: new Map(clarifications.map((c) => [c.id, c])),
  };
}

/** What a pushed event changed, so the UI can announce it. */
export type RecordChange =
  | { kind: 'none' }
  | { kind: 'judgement'; judgement: Judgement }
  | { kind: 'clarification'; clarification: Clarification; isNew: boolean }
  | { kind: 'submission'; submission: Submission };

function upsert<T>(map: Map<string, T>, id: string | null, value: T | null): Map<string, T> {
  const next = new Map(map);
  if (id === null) return next;
  if (value === null) next.delete(id);
  else next.set(id, value);
  return next;
}

/**
 * Applies one pushed CLICS event (create/update, or delete with `data: null`) to the records.
 * Events of other types, or with data that does not parse, change nothing. Pure.
 */
export function applyEvent(records: TeamRecords, push: ContestEventPush): { records: TeamRecords; change: RecordChange } {
  const none = { records, change: { kind: 'none' } as RecordChange };
  if (push.type === 'submissions') {
    const parsed = push.data === null ? null : Submission.safeParse(push.data);
    if (parsed && !parsed.success) return none;
    const value = parsed?.data ?? null;
    const next = { ...records, submissions: upsert(records.submissions, push.id ?? value?.id ?? null, value) };
    return { records: next, change: value ? { kind: 'submission', submission: value } : { kind: 'none' } };
  }
  if (push.type === 'judgements') {
    const parsed = push.data === null ? null : Judgement.safeParse(push.data);
    if (parsed && !parsed.success) return none;
    const value = parsed?.data ?? null;
    const next = { ...records, judgements: upsert(records.judgements, push.id ?? value?.id ?? null, value) };
    return { records: next, change: value ? { kind: 'judgement', judgement: value } : { kind: 'none' } };
  }
  if (push.type === 'clarifications') {
    const parsed = push.data === null ? null : Clarification.safeParse(push.data);
    if (parsed && !parsed.success) return none;
    const value = parsed?.data ?? null;
    const id = push.id ?? value?.id ?? null;
    const isNew = id !== null && !records.clarifications.has(id);
    const next = { ...records, clarifications: upsert(records.clarifications, id, value) };
    return { records: next, change: value ? { kind: 'clarification', clarification: value, isNew } : { kind: 'none' } };
  }
  return none;
}

/** The verdict of a submission: its newest judgement's type, null while pending. */
export function verdictOf(records: TeamRecords, submissionId: string): { verdict: string | null; judgement: Judgement | null } {
  let newest: Judgement | null = null;
  for (const j of records.judgements.values()) {
    if (j.submission_id !== submissionId) continue;
    if (newest === null || j.start_time > newest.start_time || (j.start_time === newest.start_time && j.id > newest.id)) newest = j;
  }
  return { verdict: newest?.judgement_type_id ?? null, judgement: newest };
}
