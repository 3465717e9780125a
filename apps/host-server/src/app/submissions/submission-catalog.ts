import type { ApiRepo } from '../../adapters/sqlite/repos/api-repo';
import type { HostContext } from '../host-context';

/** Backstop for a change written without its event: never use a catalog older than this. */
const MAX_AGE_MS = 1000;

interface Catalog {
  problemIds: ReadonlySet<string>;
  languages: ReadonlyMap<string, Record<string, unknown>>;
  atMs: number;
}

export interface SubmissionCatalog {
  /** Whether the contest has a problem with this id. */
  hasProblem(contestId: string, problemId: string): boolean;
  /** The CLICS language object, or undefined for an unknown language. */
  language(contestId: string, languageId: string): Record<string, unknown> | undefined;
  /** Stops listening to the store. */
  close(): void;
}

/**
 * A contest's problem ids and languages for the submit path, read once instead of per request.
 * Every change to problems, languages or the contest commits with its event; the entry is
 * dropped when one commits, and in any case after a second.
 */
export function createSubmissionCatalog(ctx: HostContext, api: ApiRepo): SubmissionCatalog {
  const entries = new Map<string, Catalog>();
  const unsubscribe = ctx.store.onEvents((events) => {
    for (const e of events) if (e.type === 'problems' || e.type === 'languages' || e.type === 'contest') entries.delete(e.contestId);
  });

  function catalog(contestId: string): Catalog {
    const nowMs = ctx.clock();
    const hit = entries.get(contestId);
    if (hit && nowMs - hit.atMs < MAX_AGE_MS && nowMs >= hit.atMs) return hit;
    const fresh: Catalog = {
      problemIds: new Set(api.list('problems', contestId).map((p) => p.id)),
      languages: new Map(api.list('languages', contestId).map((l) => [l.id, l.data])),
      atMs: nowMs,
    };
    entries.set(contestId, fresh);
    return fresh;
  }

  return {
    hasProblem: (contestId, problemId) => catalog(contestId).problemIds.has(problemId),
    language: (contestId, languageId) => catalog(contestId).languages.get(languageId),
    close: unsubscribe,
  };
}
