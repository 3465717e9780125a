import { Contest, DEFAULT_JUDGEMENT_TYPES, type EventType, type Group, type JudgementType, type Language, type Organization, type Team } from '@arena/protocol';
import {
  appendAudit, countSubmissions, deleteObject, deleteProblemContent, readContest, readObjectData, replaceProblemContent,
  revokeSessions, upsertAccount, upsertContest, upsertPlainObject, upsertProblem, upsertTeam, type ObjectTable,
} from '../../adapters/sqlite/repos/import-repo';
import type { Audience, WriteContext } from '../../adapters/sqlite/store';
import { clicsContestTimes, clicsState, ContestClock, hasStarted, initialClock } from '../../domain/clock/contest-clock';
import type { ContestDefinition } from '../../domain/kattis/contest-definition';
import { AppError } from '../errors';
import type { LoadedProblem } from './load-problem';

export interface HashedAccount {
  data: { id: string; username: string; type: string; team_id?: string | null | undefined } & Record<string, unknown>;
  passwordHash: string;
}

/** Everything an import writes, already parsed, checked and with its files in the blob store. */
export interface ImportPlan {
  contestId: string;
  contest: ContestDefinition;
  scoreboardType: 'pass-fail' | 'score';
  problems: LoadedProblem[];
  groups: Group[];
  organizations: Organization[];
  teams: Team[];
  accounts: HashedAccount[];
  languages: Language[];
  actor: string;
}

export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export interface ApplyResult {
  created: boolean;
  changes: ChangeCounts;
  warnings: string[];
}

interface CollectionItem {
  id: string;
  data: Record<string, unknown>;
  audience: Audience;
}

/**
 * Writes an import plan inside ONE transaction: upserts the contest and every object, removes
 * objects the package no longer has, and emits a CLICS event for each created, changed or
 * removed object (unchanged ones emit nothing, so a re-import of the same package is quiet).
 * Hidden groups and teams, and all accounts, are jury-only events. Throws AppError('conflict')
 * (and so rolls everything back) when the re-import would remove a problem or team that already
 * has submissions, since their history would dangle.
 */
export function applyImport(tx: WriteContext, plan: ImportPlan): ApplyResult {
  const { db } = tx;
  const cid = plan.contestId;
  const counts: ChangeCounts = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
  const warnings: string[] = [];

  // Contest and clock.
  const existing = readContest(db, cid);
  const scheduled = { scheduledStartMs: plan.contest.startTimeMs, durationMs: plan.contest.durationMs, freezeDurationMs: plan.contest.freezeDurationMs };
  let clock = initialClock(scheduled);
  if (existing) {
    const old = ContestClock.safeParse(safeJson(existing.clock));
    if (old.success && hasStarted(old.data, tx.nowMs)) {
      clock = old.data;
      warnings.push(`contest ${cid} has already started: its clock (start time, duration, freeze) was left unchanged`);
    }
  }
  const times = clicsContestTimes(clock);
  const contestData = Contest.parse({
    id: cid,
    name: plan.contest.name,
    ...(plan.contest.formalName ? { formal_name: plan.contest.formalName } : {}),
    start_time: times.start_time,
    duration: times.duration,
    scoreboard_freeze_duration: times.scoreboard_freeze_duration,
    ...(times.countdown_pause_time !== null ? { countdown_pause_time: times.countdown_pause_time } : {}),
    ...(times.scoreboard_thaw_time !== null ? { scoreboard_thaw_time: times.scoreboard_thaw_time } : {}),
    scoreboard_type: plan.scoreboardType,
    penalty_time: plan.contest.penaltyTimeMinutes,
  });
  const contestJson = JSON.stringify(contestData);
  upsertContest(db, cid, contestJson, JSON.stringify(clock), tx.nowMs);
  if (!existing) {
    counts.created++;
    tx.emit({ contestId: cid, type: 'contest', id: null, data: contestData, audience: 'public' });
    tx.emit({ contestId: cid, type: 'state', id: null, data: clicsState(clock, tx.nowMs), audience: 'public' });
  } else if (existing.data !== contestJson) {
    counts.updated++;
    tx.emit({ contestId: cid, type: 'contest', id: null, data: contestData, audience: 'public' });
  } else {
    counts.unchanged++;
  }

  const hiddenAudience = (hidden: boolean | undefined): Audience => (hidden ? 'jury' : 'public');
  const collections: Array<{ type: EventType; table: ObjectTable; items: CollectionItem[]; write(item: CollectionItem): void }> = [
    {
      type: 'judgement-types', table: 'judgement_types',
      items: DEFAULT_JUDGEMENT_TYPES.map((t: JudgementType) => ({ id: t.id, data: { ...t }, audience: 'public' })),
      write: (item) => upsertPlainObject(db, 'judgement_types', cid, item.id, JSON.stringify(item.data)),
    },
    {
      type: 'languages', table: 'languages',
      items: plan.languages.map((l) => ({ id: l.id, data: { ...l }, audience: 'public' })),
      write: (item) => upsertPlainObject(db, 'languages', cid, item.id, JSON.stringify(item.data)),
    },
    {
      type: 'problems', table: 'problems',
      items: plan.problems.map((p) => ({ id: p.id, data: { ...p.data }, audience: 'public' })),
      write: (item) => {
        const problem = plan.problems.find((p) => p.id === item.id) as LoadedProblem;
        upsertProblem(db, cid, problem.id, problem.ordinal, JSON.stringify(item.data), JSON.stringify(problem.spec));
      },
    },
    {
      type: 'groups', table: 'groups_',
      items: plan.groups.map((g) => ({ id: g.id, data: { ...g }, audience: hiddenAudience(g.hidden) })),
      write: (item) => upsertPlainObject(db, 'groups_', cid, item.id, JSON.stringify(item.data)),
    },
    {
      type: 'organizations', table: 'organizations',
      items: plan.organizations.map((o) => ({ id: o.id, data: { ...o }, audience: 'public' })),
      write: (item) => upsertPlainObject(db, 'organizations', cid, item.id, JSON.stringify(item.data)),
    },
    {
      type: 'teams', table: 'teams',
      items: plan.teams.map((t) => ({ id: t.id, data: { ...t }, audience: hiddenAudience(t.hidden) })),
      write: (item) => upsertTeam(db, cid, item.id, JSON.stringify(item.data)),
    },
    {
      type: 'accounts', table: 'accounts',
      items: plan.accounts.map((a) => ({ id: a.data.id, data: { ...a.data }, audience: 'jury' })),
      write: (item) => {
        const account = plan.accounts.find((a) => a.data.id === item.id) as HashedAccount;
        upsertAccount(db, cid, {
          id: item.id, data: JSON.stringify(item.data), username: account.data.username, type: account.data.type,
          teamId: account.data.team_id ?? null, passwordHash: account.passwordHash,
        });
      },
    },
  ];

  // Removals first, children before parents; then creations and updates, parents first.
  const stored = new Map(collections.map((c) => [c.type, readObjectData(db, c.table, cid)]));
  for (const collection of [...collections].reverse()) {
    const keep = new Set(collection.items.map((i) => i.id));
    for (const [id, oldJson] of stored.get(collection.type) ?? []) {
      if (keep.has(id)) continue;
      if (collection.type === 'problems' || collection.type === 'teams') {
        const column = collection.type === 'problems' ? 'problem_id' : 'team_id';
        const n = countSubmissions(db, cid, column, id);
        if (n > 0) {
          throw new AppError('conflict', `the package no longer has ${collection.type === 'problems' ? 'problem' : 'team'} ${JSON.stringify(id)}, ` +
            `but it has ${n} submission(s) in contest ${cid}; keep it in the package`);
        }
      }
      deleteObject(db, collection.table, cid, id);
      if (collection.type === 'problems') deleteProblemContent(db, cid, id);
      if (collection.type === 'accounts') revokeSessions(db, cid, id);
      const wasHidden = (safeJson(oldJson) as { hidden?: boolean } | null)?.hidden === true;
      const audience: Audience = collection.type === 'accounts' ? 'jury' : hiddenAudience(wasHidden);
      tx.emit({ contestId: cid, type: collection.type, id, data: null, audience });
      counts.deleted++;
    }
  }
  for (const collection of collections) {
    const old = stored.get(collection.type) ?? new Map<string, string>();
    for (const item of collection.items) {
      collection.write(item);
      const json = JSON.stringify(item.data);
      const oldJson = old.get(item.id);
      if (oldJson === json) {
        counts.unchanged++;
        continue;
      }
      if (oldJson !== undefined && collection.type !== 'accounts') {
        // Public -> hidden: public readers must see it go away.
        const wasHidden = (safeJson(oldJson) as { hidden?: boolean } | null)?.hidden === true;
        if (!wasHidden && item.audience === 'jury') tx.emit({ contestId: cid, type: collection.type, id: item.id, data: null, audience: 'public' });
      }
      tx.emit({ contestId: cid, type: collection.type, id: item.id, data: item.data, audience: item.audience });
      if (oldJson === undefined) counts.created++;
      else counts.updated++;
    }
  }

  for (const problem of plan.problems) {
    replaceProblemContent(db, cid, problem.id, {
      testcases: problem.testcases.map((t) => ({ ...t, extra: JSON.stringify(t.extra) })),
      statements: problem.statements.map((s) => ({ lang: s.lang, format: s.format, html: s.html, sourceSha256: s.sourceSha256 })),
      files: problem.files,
    });
  }

  appendAudit(db, { contestId: cid, timeMs: tx.nowMs, actor: plan.actor, action: existing ? 'contest.reimport' : 'contest.import', details: counts });
  return { created: !existing, changes: counts, warnings };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
