import { Account, ContestState, Contest, Clarification, Group, JudgementType, Language, Organization, Problem, Submission, Team, type EventType } from '@arena/protocol';
import { ApiRepo, type CollectionType, type StoredObject } from '../../adapters/sqlite/repos/api-repo';
import { clicsState, hasStarted } from '../../domain/clock/contest-clock';
import {
  canSee, clarificationAudience, collectionAccess, isJury, canManageContest, type Viewer, type VisibilityFacts, type VisibleItem,
} from '../../domain/visibility/visibility';
import { AppError } from '../errors';
import type { HostContext } from '../host-context';
import { contestObject, loadContest } from '../clock/contest-clock-store';
import { createContestCache } from '../clock/contest-cache';

/** What visibility needs to know about a stored object of endpoint `type`. */
export function visibleItemOf(type: CollectionType, object: StoredObject): VisibleItem {
  switch (type) {
    case 'clarifications':
      return { type, ...clarificationAudience({ fromTeamId: object.fromTeamId, toTeamId: object.toTeamId }) };
    case 'judgements':
      // The judging module keeps a superseded judgement or an unfinished rejudge at valid=0: jury-only.
      return { type, audience: object.valid === false ? 'jury' : 'team', teamId: object.teamId };
    case 'submissions': case 'runs':
      return { type, audience: 'team', teamId: object.teamId };
    case 'accounts':
      return { type, audience: 'jury', teamId: object.teamId };
    default:
      return { type, audience: 'public', teamId: null };
  }
}

/** Endpoints `/access` reports, with the properties their objects may carry. */
const ENDPOINT_PROPERTIES: ReadonlyArray<[EventType, readonly string[]]> = [
  ['contest', Object.keys(Contest.shape)], ['state', Object.keys(ContestState.shape)],
  ['judgement-types', Object.keys(JudgementType.shape)], ['languages', Object.keys(Language.shape)],
  ['problems', Object.keys(Problem.shape)], ['groups', Object.keys(Group.shape)], ['organizations', Object.keys(Organization.shape)],
  ['teams', Object.keys(Team.shape)], ['accounts', Object.keys(Account.shape)], ['submissions', Object.keys(Submission.shape)],
  ['judgements', ['id', 'submission_id', 'judgement_type_id', 'score', 'start_time', 'start_contest_time', 'end_time', 'end_contest_time', 'max_run_time']],
  ['runs', ['id', 'judgement_id', 'ordinal', 'judgement_type_id', 'time', 'contest_time', 'run_time']],
  ['clarifications', Object.keys(Clarification.shape)],
];

export type ContestApi = ReturnType<typeof createContestApi>;

/**
 * The read side of the CLICS Contest API with visibility applied (domain/visibility): every
 * object a viewer may not see is left out as if it did not exist (404 for a single object),
 * and endpoints a viewer may not read at all answer `forbidden` with the reason.
 */
export function createContestApi(ctx: HostContext) {
  const repo = new ApiRepo(ctx.store.db);
  const contests = createContestCache(ctx, repo);

  function facts(contestId: string): VisibilityFacts & { clock: ReturnType<typeof loadContest>['clock'] } {
    const { clock } = contests.get(contestId);
    return { contestStarted: hasStarted(clock, ctx.clock()), clock };
  }

  function requireAccess(viewer: Viewer, type: EventType): void {
    const access = collectionAccess(viewer, type);
    if (!access.ok) throw new AppError('forbidden', access.message);
  }

  /** A problem the viewer may see, or not_found (problems are hidden before the start). */
  function visibleProblem(viewer: Viewer, contestId: string, problemId: string): StoredObject {
    const f = facts(contestId);
    const problem = repo.get('problems', contestId, problemId);
    if (!problem || !canSee(viewer, visibleItemOf('problems', problem), f)) {
      if (problem && !f.contestStarted) throw new AppError('forbidden', 'problems are visible once the contest has started');
      throw new AppError('not_found', `no problem ${problemId} in contest ${contestId}`);
    }
    return problem;
  }

  return {
    repo,
    facts,

    contests(): Array<Record<string, unknown>> {
      return repo.listContests().map((row) => contestObject(row, loadContest(repo, row.id).clock));
    },

    contest(contestId: string): Record<string, unknown> {
      const { row, clock } = contests.get(contestId);
      return contestObject(row, clock);
    },

    state(contestId: string): ContestState {
      return clicsState(contests.get(contestId).clock, ctx.clock());
    },

    list(viewer: Viewer, contestId: string, type: CollectionType): Array<Record<string, unknown>> {
      const f = facts(contestId);
      requireAccess(viewer, type);
      return repo.list(type, contestId).filter((o) => canSee(viewer, visibleItemOf(type, o), f)).map((o) => o.data);
    },

    get(viewer: Viewer, contestId: string, type: CollectionType, id: string): Record<string, unknown> {
      const f = facts(contestId);
      requireAccess(viewer, type);
      const object = repo.get(type, contestId, id);
      if (!object || !canSee(viewer, visibleItemOf(type, object), f)) throw new AppError('not_found', `no ${type} object ${id} in contest ${contestId}`);
      return object.data;
    },

    /** The stored sanitized HTML statement (preferred language first), or the PDF. */
    statement(viewer: Viewer, contestId: string, problemId: string, lang?: string): { mime: string; body: string | Buffer } {
      visibleProblem(viewer, contestId, problemId);
      const statements = repo.statementsOf(contestId, problemId);
      const pick = (s: typeof statements) => s.find((x) => x.lang === lang) ?? s.find((x) => x.lang === 'en') ?? s[0];
      const html = pick(statements.filter((s) => s.html !== null));
      if (html?.html) return { mime: 'text/html; charset=utf-8', body: html.html };
      const pdf = pick(statements.filter((s) => s.format === 'pdf'));
      if (pdf) return { mime: 'application/pdf', body: ctx.blobs.read(pdf.sourceSha256) };
      throw new AppError('not_found', `problem ${problemId} has no statement`);
    },

    /** An attachment, statement asset or statement PDF registered for the problem (never testdata). */
    problemFile(viewer: Viewer, contestId: string, problemId: string, kind: 'attachment' | 'statement-asset' | 'statement-pdf', path: string): { mime: string; body: Buffer } {
      visibleProblem(viewer, contestId, problemId);
      const file = repo.problemFile(contestId, problemId, kind, path);
      if (!file) throw new AppError('not_found', `problem ${problemId} has no ${kind} ${JSON.stringify(path)}`);
      return { mime: file.mime, body: ctx.blobs.read(file.sha256) };
    },

    attachments(viewer: Viewer, contestId: string, problemId: string): Array<{ filename: string; mime: string; href: string }> {
      visibleProblem(viewer, contestId, problemId);
      return repo.problemFiles(contestId, problemId, 'attachment').map((f) => ({
        filename: f.path, mime: f.mime, href: `contests/${contestId}/problems/${problemId}/attachments/${f.path}`,
      }));
    },

    /** Sample test cases with their text; secret test cases are never read. */
    samples(viewer: Viewer, contestId: string, problemId: string): Array<{ id: string; name: string; ordinal: number; input: string; answer: string; input_href: string; answer_href: string }> {
      visibleProblem(viewer, contestId, problemId);
      return repo.samples(contestId, problemId).map((s) => ({
        id: s.id, name: s.name, ordinal: s.ordinal,
        input: ctx.blobs.read(s.inputSha256).toString('utf8'), answer: ctx.blobs.read(s.answerSha256).toString('utf8'),
        input_href: `contests/${contestId}/problems/${problemId}/samples/${s.id}/input`,
        answer_href: `contests/${contestId}/problems/${problemId}/samples/${s.id}/answer`,
      }));
    },

    sampleFile(viewer: Viewer, contestId: string, problemId: string, testcaseId: string, which: 'input' | 'answer'): Buffer {
      visibleProblem(viewer, contestId, problemId);
      const sample = repo.samples(contestId, problemId).find((s) => s.id === testcaseId);
      if (!sample) throw new AppError('not_found', `problem ${problemId} has no sample ${testcaseId}`);
      return ctx.blobs.read(which === 'input' ? sample.inputSha256 : sample.answerSha256);
    },

    /** The zip a team submitted: to that team and the jury only. */
    submissionFiles(viewer: Viewer, contestId: string, submissionId: string): Buffer {
      requireAccess(viewer, 'submissions');
      contests.get(contestId);
      const sub = repo.submissionZip(contestId, submissionId);
      const mine = viewer.role === 'team' && sub?.teamId === viewer.teamId;
      if (!sub || !(mine || isJury(viewer))) throw new AppError('not_found', `no submission ${submissionId} in contest ${contestId}`);
      return ctx.blobs.read(sub.zipSha256);
    },

    /** CLICS `/access`: what this viewer may do and read. */
    access(viewer: Viewer, contestId: string): { capabilities: string[]; endpoints: Array<{ type: string; properties: string[] }> } {
      const f = facts(contestId);
      const capabilities: string[] = [];
      if (viewer.role === 'team') capabilities.push('team_submit', 'team_clar');
      if (canManageContest(viewer)) capabilities.push('proxy_submit', 'admin_clar', 'contest_start', 'contest_thaw');
      const endpoints = ENDPOINT_PROPERTIES
        .filter(([type]) => collectionAccess(viewer, type).ok && (type !== 'problems' || f.contestStarted || isJury(viewer)))
        .map(([type, properties]) => ({ type, properties: [...properties] }));
      return { capabilities, endpoints };
    },
  };
}
