import { formatRelTime, formatTime, type Award, type ContestState, type EventType, type Scoreboard } from '@arena/protocol';
import type { StoredEvent } from '../../adapters/sqlite/store';
import { clicsState, contestTimeMs } from '../../domain/clock/contest-clock';
import { computeAwards } from '../../domain/scoring/awards';
import type { ScoreboardView, ScoringSubmission } from '../../domain/scoring/scoring-input';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import type { RankingEntry, RankingStore } from '../ranking/ranking-store';
import type { RankingSnapshot } from '../ranking/resilient-ranking-store';
import { ContestBoard } from './contest-board';
import { newSubmissionOf } from './new-submission-of';
import { ScoreboardSource } from './scoreboard-source';
import { standingOf } from './standing-of';

/** Events after which a contest's boards are rebuilt from scratch. */
const STRUCTURAL: ReadonlySet<EventType> = new Set(['contest', 'state', 'teams', 'problems', 'judgement-types', 'groups']);
const VIEWS: readonly ScoreboardView[] = ['public', 'jury'];

interface PendingChange {
  full: boolean;
  /** Teams whose activity is re-read from SQLite. */
  teams: Set<string>;
  /** New submissions by team, in commit order: appended to the cached activity (no re-read) unless the team is re-read anyway. */
  appended: Map<string, ScoringSubmission[]>;
  /** Judgements whose event named no team (a rejudge starting): their team is looked up. */
  judgements: Set<string>;
}

type Loaded = { ok: true; board: ContestBoard } | { ok: false; error: string };

interface SerializedCache {
  version: number;
  /** `,"rows":[...]}` as UTF-8: the tail of every scoreboard body until the board changes. */
  rowsTail?: Buffer;
  awards?: Award[];
}

export type ScoreboardChangeListener = (contestId: string) => void;

export interface ScoreboardService {
  /** Loads every contest from SQLite and rebuilds the ranking store from it. */
  start(): Promise<void>;
  /** Reloads every contest from SQLite and rebuilds the ranking store (e.g. Redis came back). */
  rebuild(): Promise<void>;
  /** The contest's live boards, brought up to date with every committed event. not_found / unavailable. */
  board(contestId: string): ContestBoard;
  /** CLICS scoreboard object of a view at the host's current time. */
  scoreboard(contestId: string, view: ScoreboardView): Scoreboard;
  /** The same as a UTF-8 JSON body; the rows are serialized and encoded once per change and cached. */
  scoreboardBody(contestId: string, view: ScoreboardView): Buffer;
  /** CLICS awards of a view (public: only what the frozen board shows). */
  awards(contestId: string, view: ScoreboardView): Award[];
  /** CLICS state now. */
  state(contestId: string): ContestState;
  /** The most recently created contest, or null when there is none. */
  defaultContestId(): string | null;
  /** Tells `listener` (synchronously, after a commit) that a contest's boards may have changed. */
  onChange(listener: ScoreboardChangeListener): () => void;
  /** Every loaded board as ranking-store content (the resilient store refills Redis from it). */
  rankingSnapshots(): RankingSnapshot[];
  /** Waits for ranking-store writes issued so far. */
  settled(): Promise<void>;
  close(): void;
}

/**
 * The live scoreboard: SQLite → scoring domain → ranking store. Listens to committed store
 * events: a submission or judgement recomputes only its team (a new submission is appended to
 * the team's cached activity without re-reading SQLite; judgements and updates re-read); teams, problems, judgement types,
 * groups, the contest and its state rebuild the contest's boards. Work is lazy and batched:
 * the listener only records what changed; the boards are brought up to date on the next read
 * or on the next tick (which also writes the changed standings to the ranking store).
 * A contest whose stored data cannot be scored is left off (logged), never crashing the host.
 */
export function createScoreboardService(ctx: HostContext, ranking: RankingStore): ScoreboardService {
  const source = new ScoreboardSource(ctx.store.db);
  const loaded = new Map<string, Loaded>();
  const pending = new Map<string, PendingChange>();
  const caches = new Map<string, SerializedCache>();
  const listeners = new Set<ScoreboardChangeListener>();
  let rankingChain: Promise<void> = Promise.resolve();
  let tickScheduled: NodeJS.Immediate | null = null;
  let closed = false;

  function rankingWrite(what: string, contestId: string, op: () => Promise<void>): void {
    rankingChain = rankingChain.then(op).catch((err: unknown) => ctx.log.error({ err, contestId }, `ranking store: ${what} failed`));
  }

  function entriesOf(board: ContestBoard, view: ScoreboardView, teamIds?: Iterable<string>): RankingEntry[] {
    const type = board.structure.rules.scoreboardType;
    const onBoard = board.teamsOf(view);
    const wanted = teamIds === undefined ? onBoard : (() => {
      const ids = new Set(teamIds);
      return onBoard.filter((t) => ids.has(t.id));
    })();
    return wanted.map((t) => ({ teamId: t.id, standing: standingOf(type, board.teamScore(view, t.id)!) }));
  }

  function loadFull(contestId: string): void {
    const previous = loaded.get(contestId);
    const structure = source.structure(contestId, ctx.clock());
    if (structure === null) {
      loaded.delete(contestId);
      rankingWrite('clear', contestId, () => ranking.clear(contestId));
      return;
    }
    const board = new ContestBoard(structure, source.allActivity(contestId));
    loaded.set(contestId, { ok: true, board });
    if (previous && !previous.ok) ctx.log.info({ contestId }, 'scoreboard: contest can be scored again');
    for (const view of VIEWS) {
      const entries = entriesOf(board, view);
      rankingWrite('rebuild', contestId, () => ranking.rebuild(contestId, view, entries));
    }
  }

  function refresh(contestId: string): Loaded | undefined {
    const change = pending.get(contestId);
    const current = loaded.get(contestId);
    if (!change && current) return current;
    pending.delete(contestId);
    try {
      if (!current || !current.ok || !change || change.full) {
        loadFull(contestId);
      } else {
        const teams = new Set(change.teams);
        for (const judgementId of change.judgements) {
          const teamId = source.teamOfJudgement(contestId, judgementId);
          if (teamId !== null) teams.add(teamId);
        }
        const { board } = current;
        for (const teamId of teams) board.setTeamActivity(teamId, source.teamActivity(contestId, teamId));
        for (const [teamId, submissions] of change.appended) {
          if (teams.has(teamId)) continue;
          const cached = board.teamActivity(teamId);
          if (!cached) continue;
          const known = new Set(cached.submissions.map((s) => s.id));
          const fresh = submissions.filter((s) => !known.has(s.id));
          if (fresh.length === 0) continue;
          board.setTeamActivity(teamId, { submissions: [...cached.submissions, ...fresh], judgements: cached.judgements });
          teams.add(teamId);
        }
        for (const view of VIEWS) {
          const entries = entriesOf(board, view, teams);
          if (entries.length > 0) rankingWrite('update', contestId, () => ranking.setMany(contestId, view, entries));
        }
      }
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (current?.ok !== false || current.error !== error) ctx.log.warn({ err, contestId }, 'scoreboard: contest left off the live boards');
      loaded.set(contestId, { ok: false, error });
    }
    return loaded.get(contestId);
  }

  function refreshAllPending(): void {
    tickScheduled = null;
    if (closed) return;
    for (const contestId of [...pending.keys()]) refresh(contestId);
  }

  function onEvents(events: readonly StoredEvent[]): void {
    const touched = new Set<string>();
    for (const event of events) {
      const structural = STRUCTURAL.has(event.type);
      if (!structural && event.type !== 'submissions' && event.type !== 'judgements') continue;
      let change = pending.get(event.contestId);
      if (!change) {
        change = { full: !loaded.has(event.contestId), teams: new Set(), appended: new Map(), judgements: new Set() };
        pending.set(event.contestId, change);
      }
      if (structural) change.full = true;
      else if (event.teamId) {
        const submission = event.type === 'submissions' ? newSubmissionOf(event, event.teamId) : null;
        const isNew = submission !== null && !isKnownSubmission(event.contestId, submission)
          && !(change.appended.get(submission.teamId) ?? []).some((s) => s.id === submission.id);
        if (isNew) appendTo(change.appended, submission);
        else change.teams.add(event.teamId);
      }
      else if (event.type === 'judgements' && event.id !== null) change.judgements.add(event.id);
      else change.full = true;
      touched.add(event.contestId);
    }
    if (touched.size === 0) return;
    if (!tickScheduled && !closed) tickScheduled = setImmediate(refreshAllPending);
    for (const contestId of touched) {
      for (const listener of listeners) {
        try {
          listener(contestId);
        } catch (err) {
          ctx.log.error({ err, contestId }, 'scoreboard change listener failed');
        }
      }
    }
  }

  /** True when the loaded board already holds a submission with this id (an update, not a new one). */
  function isKnownSubmission(contestId: string, submission: ScoringSubmission): boolean {
    const current = loaded.get(contestId);
    if (!current?.ok) return false;
    const cached = current.board.teamActivity(submission.teamId);
    return cached === undefined || cached.submissions.some((s) => s.id === submission.id);
  }

  function boardOf(contestId: string): ContestBoard {
    const state = refresh(contestId);
    if (!state) throw new AppError('not_found', `no contest ${contestId}`);
    if (!state.ok) throw new AppError('unavailable', `the scoreboard of contest ${contestId} cannot be computed right now; the contest staff has been told`);
    return state.board;
  }

  function cacheOf(board: ContestBoard, view: ScoreboardView): SerializedCache {
    const key = `${board.contestId}\n${view}`;
    let cache = caches.get(key);
    if (!cache || cache.version !== board.version) {
      cache = { version: board.version };
      caches.set(key, cache);
    }
    return cache;
  }

  function header(board: ContestBoard): { time: string; contest_time: string; state: ContestState } {
    const nowMs = ctx.clock();
    const { clock } = board.structure;
    const sinceStart = Math.min(contestTimeMs(clock, nowMs) ?? 0, clock.durationMs);
    return { time: formatTime(nowMs), contest_time: formatRelTime(sinceStart), state: clicsState(clock, nowMs) };
  }

  const unsubscribe = ctx.store.onEvents(onEvents);

  const service: ScoreboardService = {
    async start() {
      for (const contestId of source.contestIds()) {
        pending.set(contestId, { full: true, teams: new Set(), appended: new Map(), judgements: new Set() });
        refresh(contestId);
      }
      await rankingChain;
    },

    async rebuild() {
      loaded.clear();
      await service.start();
    },

    board: boardOf,

    scoreboard(contestId, view) {
      const board = boardOf(contestId);
      return { ...header(board), rows: board.board(view).rows };
    },

    scoreboardBody(contestId, view) {
      const board = boardOf(contestId);
      const cache = cacheOf(board, view);
      cache.rowsTail ??= Buffer.from(`,"rows":${JSON.stringify(board.board(view).rows)}}`);
      const h = header(board);
      const head = Buffer.from(`{"time":${JSON.stringify(h.time)},"contest_time":${JSON.stringify(h.contest_time)},"state":${JSON.stringify(h.state)}`);
      return Buffer.concat([head, cache.rowsTail], head.length + cache.rowsTail.length);
    },

    awards(contestId, view) {
      const board = boardOf(contestId);
      const cache = cacheOf(board, view);
      const { structure } = board;
      cache.awards ??= computeAwards(board.board(view), board.teamsOf(view), structure.problems, structure.publicGroups);
      return cache.awards;
    },

    state(contestId) {
      return header(boardOf(contestId)).state;
    },

    defaultContestId() {
      return source.contestIds().at(-1) ?? null;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    rankingSnapshots() {
      const snapshots: RankingSnapshot[] = [];
      for (const contestId of source.contestIds()) {
        const state = refresh(contestId);
        if (!state?.ok) continue;
        for (const view of VIEWS) snapshots.push({ contestId, view, entries: entriesOf(state.board, view) });
      }
      return snapshots;
    },

    settled() {
      return rankingChain;
    },

    close() {
      closed = true;
      unsubscribe();
      if (tickScheduled) clearImmediate(tickScheduled);
      listeners.clear();
    },
  };
  return service;
}

function appendTo(appended: Map<string, ScoringSubmission[]>, submission: ScoringSubmission): void {
  const list = appended.get(submission.teamId);
  if (list) list.push(submission);
  else appended.set(submission.teamId, [submission]);
}
