import type { z } from 'zod';
import { FeedFormatError } from './feed-error';
import type { ContestFeed, FeedJudgement, FeedState, FeedSubmission } from './feed-model';
import {
  FeedContestData, FeedEnvelope, FeedGroupData, FeedJudgementData, FeedJudgementTypeData, FeedProblemData,
  FeedStateData, FeedSubmissionData, FeedTeamData,
} from './feed-objects';

type CollectionKind = 'judgement-types' | 'problems' | 'groups' | 'teams' | 'submissions' | 'judgements';
type Kind = 'contest' | 'state' | CollectionKind;

/** Event type names as written by current and older CLICS feeds, plural and singular. */
const KIND_BY_TYPE: Record<string, Kind> = {
  contest: 'contest', contests: 'contest',
  state: 'state', states: 'state',
  'judgement-types': 'judgement-types', 'judgement-type': 'judgement-types', judgement_types: 'judgement-types',
  problems: 'problems', problem: 'problems',
  groups: 'groups', group: 'groups',
  teams: 'teams', team: 'teams',
  submissions: 'submissions', submission: 'submissions',
  judgements: 'judgements', judgement: 'judgements',
};

const SCHEMA: Record<Kind, z.ZodType> = {
  contest: FeedContestData, state: FeedStateData, 'judgement-types': FeedJudgementTypeData, problems: FeedProblemData,
  groups: FeedGroupData, teams: FeedTeamData, submissions: FeedSubmissionData, judgements: FeedJudgementData,
};

interface Stored {
  raw: Record<string, unknown>;
  line: number;
}

/**
 * Reads a CLICS event feed (NDJSON text) into typed contest objects. Accepts:
 * - the current notification format `{type, id, data, token}`: `id` is the object id (null for
 *   singletons, or for a whole collection when `data` is an array), `data: null` deletes;
 * - the 2020-era format `{id, type, op, data}`: `id` is the event id, `op` create/update/delete,
 *   a delete carries `data: {id}`;
 * - type names plural or singular (`contests`/`contest`, `submission`, ...);
 * - times as RELTIME strings or numbers of minutes; `penalty_time` as minutes or RELTIME.
 * An object sent again is merged over the earlier one (later fields win, so partial updates
 * work); it keeps its first position. Unknown event types are ignored; blank (keep-alive) lines
 * skipped. Throws FeedFormatError naming the line for malformed JSON, an event without a type,
 * or an object of a known type that does not parse.
 */
export function parseEventFeed(text: string): ContestFeed {
  const singletons = new Map<'contest' | 'state', Stored | null>();
  const collections = new Map<CollectionKind, Map<string, Stored>>(
    (['judgement-types', 'problems', 'groups', 'teams', 'submissions', 'judgements'] as const).map((k) => [k, new Map()]),
  );
  const ignored = new Set<string>();
  let eventCount = 0;

  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.trim();
    if (line === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new FeedFormatError(lineNumber, 'not valid JSON');
    }
    const envelope = FeedEnvelope.safeParse(json);
    if (!envelope.success) throw new FeedFormatError(lineNumber, `not an event (${describeIssues(envelope.error)})`);
    eventCount++;
    const { type, op, data } = envelope.data;
    const eventId = envelope.data.id === null || envelope.data.id === undefined ? null : String(envelope.data.id);
    const kind = KIND_BY_TYPE[type];
    if (!kind) {
      ignored.add(type);
      return;
    }
    const isOldFormat = op !== undefined;
    const isDelete = op === 'delete' || (!isOldFormat && data === null);

    if (kind === 'contest' || kind === 'state') {
      if (isDelete) singletons.set(kind, null);
      else singletons.set(kind, merge(kind, singletons.get(kind) ?? undefined, data, lineNumber));
      return;
    }
    const collection = collections.get(kind)!;
    if (!isOldFormat && eventId === null) {
      // A whole collection replaced (or emptied) at once.
      if (data !== null && !Array.isArray(data)) throw new FeedFormatError(lineNumber, `${type} event without an id must carry an array`);
      collection.clear();
      for (const item of data ?? []) {
        const stored = merge(kind, undefined, item, lineNumber);
        collection.set(String(stored.raw.id), stored);
      }
      return;
    }
    if (isDelete) {
      const key = isOldFormat ? objectId(data) : eventId;
      if (key === null) throw new FeedFormatError(lineNumber, `delete of ${type} without an object id`);
      collection.delete(key);
      return;
    }
    const key = (isOldFormat ? null : eventId) ?? objectId(data);
    if (key === null) throw new FeedFormatError(lineNumber, `${type} object without an id`);
    const dataWithId = isObject(data) && data.id === undefined ? { ...data, id: key } : data;
    collection.set(key, merge(kind, collection.get(key), dataWithId, lineNumber));
  });

  return buildContestFeed(singletons, collections, eventCount, [...ignored].sort());
}

function merge(kind: Kind, previous: Stored | undefined, data: unknown, line: number): Stored {
  if (!isObject(data)) throw new FeedFormatError(line, `${kind} data must be a JSON object`);
  const raw = { ...(previous?.raw ?? {}), ...data };
  const parsed = SCHEMA[kind].safeParse(raw);
  if (!parsed.success) throw new FeedFormatError(line, `invalid ${kind} object (${describeIssues(parsed.error)})`);
  return { raw, line };
}

function buildContestFeed(
  singletons: Map<'contest' | 'state', Stored | null>,
  collections: Map<CollectionKind, Map<string, Stored>>,
  eventCount: number,
  ignoredTypes: string[],
): ContestFeed {
  const all = <T>(kind: CollectionKind, schema: z.ZodType<T>): { value: T; line: number }[] =>
    [...collections.get(kind)!.values()].map((s) => ({ value: schema.parse(s.raw), line: s.line }));

  const contestStored = singletons.get('contest');
  const c = contestStored ? FeedContestData.parse(contestStored.raw) : null;
  const contest = c ? {
    id: c.id,
    name: c.name ?? c.id,
    startTime: c.start_time ?? null,
    durationMs: c.duration,
    freezeDurationMs: c.scoreboard_freeze_duration ?? null,
    penaltyMinutes: c.penalty_time ?? 20,
    scoreboardType: c.scoreboard_type ?? 'pass-fail',
  } : null;
  const stateStored = singletons.get('state');
  const s = stateStored ? FeedStateData.parse(stateStored.raw) : null;
  const state: FeedState | null = s ? {
    started: s.started ?? null, frozen: s.frozen ?? null, ended: s.ended ?? null,
    thawed: s.thawed ?? null, finalized: s.finalized ?? null, end_of_updates: s.end_of_updates ?? null,
  } : null;

  const startMs = contest?.startTime ? Date.parse(contest.startTime) : Number.NaN;
  const submissions: FeedSubmission[] = all('submissions', FeedSubmissionData).map(({ value, line }) => {
    let contestTimeMs = value.contest_time;
    if (contestTimeMs === undefined && value.time !== undefined && Number.isFinite(startMs) && Number.isFinite(Date.parse(value.time))) {
      contestTimeMs = Date.parse(value.time) - startMs;
    }
    if (contestTimeMs === undefined) {
      throw new FeedFormatError(line, `submission ${value.id} has no contest_time, and no time with a contest start_time to derive it from`);
    }
    return { id: value.id, teamId: value.team_id, problemId: value.problem_id, contestTimeMs };
  });
  const judgements: FeedJudgement[] = all('judgements', FeedJudgementData).map(({ value }) => ({
    id: value.id,
    submissionId: value.submission_id,
    judgementTypeId: value.judgement_type_id ?? null,
    valid: value.valid ?? true,
    ...(value.score !== undefined ? { score: value.score } : {}),
  }));

  return {
    contest,
    state,
    judgementTypes: all('judgement-types', FeedJudgementTypeData).map(({ value }) => ({
      id: value.id, name: value.name ?? value.id, penalty: value.penalty, solved: value.solved,
    })),
    problems: all('problems', FeedProblemData).map(({ value }) => ({
      id: value.id, label: value.label ?? value.id, name: value.name ?? value.id,
      ordinal: value.ordinal ?? null,
      ...(value.max_score !== undefined ? { maxScore: value.max_score } : {}),
    })),
    groups: all('groups', FeedGroupData).map(({ value }) => ({ id: value.id, name: value.name ?? value.id, hidden: value.hidden ?? false })),
    teams: all('teams', FeedTeamData).map(({ value }) => ({
      id: value.id, name: value.display_name ?? value.name ?? value.id, groupIds: value.group_ids ?? [], hidden: value.hidden ?? false,
    })),
    submissions,
    judgements,
    eventCount,
    ignoredTypes,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectId(data: unknown): string | null {
  if (!isObject(data)) return null;
  const id = data.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'value'}: ${i.message}`).join('; ');
}
