import type { Rejudging, RejudgingCreate, RejudgingState } from '@arena/protocol';
import { contestExists } from '../../adapters/sqlite/repos/console-judging-submissions-repo';
import {
  findRejudgeCandidates, getRejudging, insertRejudging, insertRejudgingItem, listOtherValidJudgements, listRejudgingItems,
  listRejudgings, listRunObjects, nextRejudgingId, restoreQueueRow, setRejudgingState, type QueueSnapshot, type RejudgingDbRow, type RejudgingItemDbRow,
} from '../../adapters/sqlite/repos/console-judging-rejudgings-repo';
import { getJudgement, setJudgementValid } from '../../adapters/sqlite/repos/judge-queue-repo';
import type { WriteContext } from '../../adapters/sqlite/store';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { requeueForRejudge } from '../judging/queue';
import { ScoreboardSource, type TeamActivity } from '../scoreboard/scoreboard-source';
import type { ScoringInput } from '../../domain/scoring/scoring-input';
import { auditJuryAction, signalConsoles } from './console-audit';
import { scoreboardChanges } from './rejudge-preview';

/**
 * Console rejudgings. Creating one queues the chosen judged submissions again (normal priority,
 * the old judgement recorded as superseded); their new judgements stay hidden (valid=0, no CLICS
 * event) until the jury applies the rejudging, which swaps them in with CLICS events in ONE
 * write so the live scoreboard follows through the usual event path. Cancelling puts every
 * queue row back as it was; the old verdicts never stopped being the visible ones.
 */

function requireContest(ctx: HostContext, contestId: string): void {
  if (!contestExists(ctx.store.db, contestId)) throw new AppError('not_found', `no contest ${contestId}`);
}

function stateOf(row: RejudgingDbRow, items: readonly RejudgingItemDbRow[]): RejudgingState {
  if (row.state === 'applied' || row.state === 'cancelled') return row.state;
  return items.every((i) => i.newVerdict !== null) ? 'ready' : 'judging';
}

function scoringInputOf(ctx: HostContext, contestId: string): ScoringInput | null {
  const source = new ScoreboardSource(ctx.store.db);
  const structure = source.structure(contestId, ctx.clock());
  if (!structure) return null;
  const activity: TeamActivity[] = [...source.allActivity(contestId).values()];
  return {
    rules: structure.rules, problems: structure.problems, teams: structure.teams, judgementTypes: structure.judgementTypes,
    submissions: activity.flatMap((a) => a.submissions), judgements: activity.flatMap((a) => a.judgements),
  };
}

function previewOf(ctx: HostContext, contestId: string, items: readonly RejudgingItemDbRow[]): Rejudging['scoreboardPreview'] {
  const newVerdicts = new Map<string, string>();
  for (const item of items) if (item.newVerdict !== null) newVerdicts.set(item.submissionId, item.newVerdict);
  if (newVerdicts.size === 0) return [];
  try {
    const input = scoringInputOf(ctx, contestId);
    return input ? scoreboardChanges(input, newVerdicts) : [];
  } catch (err) {
    ctx.log.error({ err, contestId }, 'rejudging preview: the contest cannot be scored');
    return [];
  }
}

function toRejudging(ctx: HostContext, row: RejudgingDbRow, withPreview: boolean): Rejudging {
  const items = listRejudgingItems(ctx.store.db, row.contestId, row.id);
  const state = stateOf(row, items);
  return {
    id: row.id, createdBy: row.createdBy, createdMs: row.createdMs, reason: row.reason, state,
    total: items.length, done: items.filter((i) => i.newVerdict !== null).length,
    items: items.map((i) => ({ submissionId: i.submissionId, teamId: i.teamId, problemId: i.problemId, oldVerdict: i.oldVerdict, newVerdict: i.newVerdict })),
    scoreboardPreview: withPreview && (state === 'judging' || state === 'ready') ? previewOf(ctx, row.contestId, items) : [],
  };
}

function loadRejudging(ctx: HostContext, contestId: string, rejudgingId: string): RejudgingDbRow {
  requireContest(ctx, contestId);
  const row = getRejudging(ctx.store.db, contestId, rejudgingId);
  if (!row) throw new AppError('not_found', `no rejudging ${rejudgingId} in contest ${contestId}`);
  return row;
}

/**
 * Starts a rejudging of the judged submissions matching `body` (explicit ids and/or filters).
 * Refuses (`bad_request`) when nothing matches, and (`conflict`) when an explicitly named
 * submission is not judged yet or is already in another active rejudging; filters skip those.
 */
export function createRejudging(ctx: HostContext, actor: Principal, contestId: string, body: RejudgingCreate): Rejudging {
  requireContest(ctx, contestId);
  const id = ctx.store.write((tx) => {
    const candidates = findRejudgeCandidates(tx.db, contestId, body);
    if (body.submissionIds !== undefined) {
      const eligible = new Set(candidates.filter((c) => !c.inActiveRejudging).map((c) => c.submissionId));
      const refused = body.submissionIds.filter((sid) => !eligible.has(sid));
      if (refused.length > 0) {
        throw new AppError('conflict', `cannot rejudge submission(s) ${refused.join(', ')}: not found, not judged yet, not matching the filters, or already in an active rejudging`);
      }
    }
    const chosen = candidates.filter((c) => !c.inActiveRejudging);
    if (chosen.length === 0) throw new AppError('bad_request', 'no judged submission matches; nothing to rejudge');
    const rejudgingId = nextRejudgingId(tx.db, contestId);
    insertRejudging(tx.db, { contestId, id: rejudgingId, createdBy: actor.username, createdMs: tx.nowMs, reason: body.reason });
    for (const c of chosen) {
      insertRejudgingItem(tx.db, contestId, { rejudgingId, submissionId: c.submissionId, oldJudgementId: c.judgementId, oldVerdict: c.verdict, oldQueue: c.queue });
      requeueForRejudge(tx, contestId, c.submissionId);
    }
    auditJuryAction(tx, actor, contestId, 'rejudging-created', {
      rejudgingId, reason: body.reason, submissionIds: chosen.map((c) => c.submissionId),
      filters: { problemId: body.problemId, teamId: body.teamId, languageId: body.languageId, verdict: body.verdict },
    });
    return rejudgingId;
  });
  signalConsoles(ctx.store.db, [contestId], ['rejudgings', 'queue', 'audit']);
  return getRejudgingForJury(ctx, contestId, id);
}

/** One rejudging with its items and (while not applied or cancelled) the jury scoreboard preview. */
export function getRejudgingForJury(ctx: HostContext, contestId: string, rejudgingId: string): Rejudging {
  return toRejudging(ctx, loadRejudging(ctx, contestId, rejudgingId), true);
}

/** A contest's rejudgings, newest first (previews left out: open one to see its preview). */
export function listRejudgingsForJury(ctx: HostContext, contestId: string): Rejudging[] {
  requireContest(ctx, contestId);
  return listRejudgings(ctx.store.db, contestId).map((row) => toRejudging(ctx, row, false));
}

function requireActive(row: RejudgingDbRow, what: string): void {
  if (row.state !== 'active') throw new AppError('conflict', `rejudging ${row.id} is already ${row.state}; it cannot be ${what}`);
}

/** Makes one item's new judgement the valid one, with the CLICS events (judgement, then its runs) the team and scoreboard follow. */
function swapIn(tx: WriteContext, contestId: string, teamId: string, item: RejudgingItemDbRow & { newJudgementId: string }): void {
  const fresh = getJudgement(tx.db, contestId, item.newJudgementId);
  if (!fresh) throw new Error(`rejudging ${item.rejudgingId} lost judgement ${item.newJudgementId}`);
  for (const oldId of listOtherValidJudgements(tx.db, contestId, item.submissionId, fresh.id)) {
    setJudgementValid(tx.db, contestId, oldId, false);
    tx.emit({ contestId, type: 'judgements', id: oldId, data: null, audience: 'team', teamId });
  }
  setJudgementValid(tx.db, contestId, fresh.id, true);
  tx.emit({ contestId, type: 'judgements', id: fresh.id, data: JSON.parse(fresh.data) as Record<string, unknown>, audience: 'team', teamId });
  for (const run of listRunObjects(tx.db, contestId, fresh.id)) {
    tx.emit({ contestId, type: 'runs', id: run.id, data: JSON.parse(run.data) as Record<string, unknown>, audience: 'jury' });
  }
}

/**
 * Applies a rejudging whose every submission has its new verdict: in ONE write the new
 * judgements become the valid ones (delete events for the old, events for the new), the
 * rejudging is marked applied and audited. `conflict` before all are judged or when no longer active.
 */
export function applyRejudging(ctx: HostContext, actor: Principal, contestId: string, rejudgingId: string): Rejudging {
  loadRejudging(ctx, contestId, rejudgingId);
  ctx.store.write((tx) => {
    const row = getRejudging(tx.db, contestId, rejudgingId);
    if (!row) throw new AppError('not_found', `no rejudging ${rejudgingId} in contest ${contestId}`);
    requireActive(row, 'applied');
    const items = listRejudgingItems(tx.db, contestId, rejudgingId);
    const waiting = items.filter((i) => i.newJudgementId === null || i.newVerdict === null).length;
    if (waiting > 0) throw new AppError('conflict', `rejudging ${rejudgingId} is not finished: ${waiting} of ${items.length} submission(s) still being judged`);
    for (const item of items) swapIn(tx, contestId, item.teamId, { ...item, newJudgementId: item.newJudgementId as string });
    setRejudgingState(tx.db, contestId, rejudgingId, 'applied', tx.nowMs);
    auditJuryAction(tx, actor, contestId, 'rejudging-applied', {
      rejudgingId, changes: items.filter((i) => i.oldVerdict !== i.newVerdict).map((i) => ({ submissionId: i.submissionId, from: i.oldVerdict, to: i.newVerdict })),
    });
  });
  signalConsoles(ctx.store.db, [contestId], ['rejudgings', 'audit']);
  return getRejudgingForJury(ctx, contestId, rejudgingId);
}

/**
 * Cancels an active rejudging: every queue row goes back to done with its old judgement (an
 * agent still judging one gets "stale" and stops); new judgements stay invalid, kept for the
 * record. Nothing a team or the scoreboard sees changes. Audited.
 */
export function cancelRejudging(ctx: HostContext, actor: Principal, contestId: string, rejudgingId: string): Rejudging {
  loadRejudging(ctx, contestId, rejudgingId);
  ctx.store.write((tx) => {
    const row = getRejudging(tx.db, contestId, rejudgingId);
    if (!row) throw new AppError('not_found', `no rejudging ${rejudgingId} in contest ${contestId}`);
    requireActive(row, 'cancelled');
    const items = listRejudgingItems(tx.db, contestId, rejudgingId);
    // Judgements the rejudging started or finished were never made valid: nothing to undo there.
    for (const item of items) {
      restoreQueueRow(tx.db, contestId, item.submissionId, item.oldJudgementId, JSON.parse(item.oldQueue) as QueueSnapshot);
    }
    setRejudgingState(tx.db, contestId, rejudgingId, 'cancelled', tx.nowMs);
    auditJuryAction(tx, actor, contestId, 'rejudging-cancelled', { rejudgingId, submissionIds: items.map((i) => i.submissionId) });
  });
  signalConsoles(ctx.store.db, [contestId], ['rejudgings', 'queue', 'audit']);
  return getRejudgingForJury(ctx, contestId, rejudgingId);
}
