import type { ConsoleTopic } from '@arena/protocol';
import { listContestIds } from '../../adapters/sqlite/repos/console-judging-agents-repo';
import type { HostContext } from '../host-context';
import { onJudgingSignal } from '../judging/judging-signals';
import { signalConsoles } from './console-audit';

/**
 * Forwards judge queue activity to open consoles as `console:changed`: work queued → `queue` (of
 * every contest: the signal names none); a verdict → `queue` and `judges`; a judging error →
 * also `audit` (it was audited). Bursts are coalesced: each (contest, topic) is sent at most once
 * per `coalesceMs`, so a submission storm does not make every console re-fetch per submission.
 * Returns the stop function (pending pushes are dropped).
 */
export function startQueueSignals(ctx: HostContext, options: { coalesceMs: number }): () => void {
  const pending = new Map<string, Set<ConsoleTopic>>();
  let allContests = false;
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    timer = null;
    const db = ctx.store.db;
    if (allContests) {
      for (const contestId of listContestIds(db)) {
        const topics = pending.get(contestId) ?? new Set<ConsoleTopic>();
        topics.add('queue');
        pending.set(contestId, topics);
      }
      allContests = false;
    }
    for (const [contestId, topics] of pending) signalConsoles(db, [contestId], [...topics]);
    pending.clear();
  };
  const note = (contestId: string | null, topics: readonly ConsoleTopic[]) => {
    if (contestId === null) allContests = true;
    else {
      const set = pending.get(contestId) ?? new Set<ConsoleTopic>();
      for (const topic of topics) set.add(topic);
      pending.set(contestId, set);
    }
    if (timer === null) {
      timer = setTimeout(flush, options.coalesceMs);
      timer.unref();
    }
  };

  const unsubscribe = onJudgingSignal(ctx.store.db, (signal) => {
    if (signal.type === 'queued') note(null, ['queue']);
    else if (signal.type === 'completed') note(signal.contestId, ['queue', 'judges']);
    else note(signal.contestId, ['queue', 'judges', 'audit']);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending.clear();
  };
}
