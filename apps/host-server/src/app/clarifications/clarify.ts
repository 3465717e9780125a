import { formatRelTime, formatTime, type Clarification, type ClarificationCreate } from '@arena/protocol';
import { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import { ClarificationRepo } from '../../adapters/sqlite/repos/clarification-repo';
import { contestTimeMs, hasStarted, phase } from '../../domain/clock/contest-clock';
import { canManageContest, canSee, clarificationAudience, type Viewer } from '../../domain/visibility/visibility';
import { createContestCache } from '../clock/contest-cache';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';

export type ClarificationService = ReturnType<typeof createClarificationService>;

/**
 * Clarification requests (a team asks the jury), answers (the jury replies to one team or to
 * everyone) and announcements (the jury writes to everyone or one team). Each is stored with
 * its `clarifications` event in one write: audience public for one to everyone, otherwise the
 * team's (so no other team ever sees it). Refusals throw AppError and change nothing.
 */
export function createClarificationService(ctx: HostContext) {
  const api = new ApiRepo(ctx.store.db);
  const repo = new ClarificationRepo(ctx.store.db);
  const contests = createContestCache(ctx, api);

  function checkProblem(viewer: Viewer, contestId: string, problemId: string | null, started: boolean): void {
    if (problemId === null) return;
    const problem = api.get('problems', contestId, problemId);
    if (!problem || !canSee(viewer, { type: 'problems', audience: 'public', teamId: null }, { contestStarted: started })) {
      throw new AppError('bad_request', `unknown problem_id ${JSON.stringify(problemId)}`);
    }
  }

  /** Works out who a clarification is from and to, or refuses. */
  function route(viewer: Viewer, contestId: string, body: ClarificationCreate): { fromTeamId: string | null; toTeamId: string | null; replyToId: string | null } {
    const replyToId = body.reply_to_id ?? null;
    if (viewer.role === 'anonymous') throw new AppError('unauthorized', 'log in as a team to ask for a clarification');
    if (viewer.role === 'team') {
      if (body.to_team_id !== undefined && body.to_team_id !== null) throw new AppError('forbidden', 'teams send clarification requests to the jury only (no to_team_id)');
      if (replyToId !== null) throw new AppError('forbidden', 'teams cannot reply to clarifications; ask a new question instead');
      return { fromTeamId: viewer.teamId, toTeamId: null, replyToId: null };
    }
    if (!canManageContest(viewer)) throw new AppError('forbidden', 'only judges and admins answer clarifications');
    let toTeamId = body.to_team_id;
    if (replyToId !== null) {
      const question = repo.get(contestId, replyToId);
      if (!question) throw new AppError('bad_request', `reply_to_id ${JSON.stringify(replyToId)}: no such clarification`);
      // A reply goes privately to the asking team unless to_team_id says otherwise (null = everyone).
      if (toTeamId === undefined) toTeamId = question.fromTeamId;
    }
    toTeamId = toTeamId ?? null;
    if (toTeamId !== null && api.get('teams', contestId, toTeamId) === undefined) throw new AppError('bad_request', `no team ${toTeamId} in contest ${contestId}`);
    return { fromTeamId: null, toTeamId, replyToId };
  }

  return {
    create(viewer: Viewer, contestId: string, body: ClarificationCreate): Clarification {
      const { clock } = contests.get(contestId);
      const nowMs = ctx.clock();
      if (phase(clock, nowMs) === 'finalized') throw new AppError('conflict', 'the contest is finalized; clarifications are closed');
      const ends = route(viewer, contestId, body);
      const problemId = body.problem_id ?? null;
      checkProblem(viewer, contestId, problemId, hasStarted(clock, nowMs));
      return ctx.store.write((tx) => {
        const id = repo.nextId(contestId);
        const data: Clarification = {
          id, from_team_id: ends.fromTeamId, to_team_id: ends.toTeamId, reply_to_id: ends.replyToId, problem_id: problemId,
          text: body.text, time: formatTime(tx.nowMs), contest_time: formatRelTime(contestTimeMs(clock, tx.nowMs) ?? 0),
        };
        repo.insert({ contestId, id, ...ends, problemId, timeMs: tx.nowMs, data });
        const { audience, teamId } = clarificationAudience(ends);
        tx.emit({ contestId, type: 'clarifications', id, data, audience, teamId });
        return data;
      });
    },
  };
}
