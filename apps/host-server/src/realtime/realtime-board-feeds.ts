import type { BoardView, ScoreboardDelta, ScoreboardSnapshot } from '@arena/protocol';
import type { HostContext } from '../app/host-context';
import { diffRows, indexRows, type RowIndex } from '../app/scoreboard/row-diff';
import type { ScoreboardService } from '../app/scoreboard/scoreboard-service';

/** Sends one delta to every interested client (a socket.io room broadcast: encoded once). */
export type DeltaSink = (delta: ScoreboardDelta) => void;

export interface BoardFeedOptions {
  /** At most one delta per board per this many ms (4 per second by default). */
  minIntervalMs?: number;
  /** Monotonic time for pacing (ms); the contest clock is not used for it. Default performance.now. */
  monotonicMs?: () => number;
}

/**
 * The sequenced delta stream of one board (contest × view). Changes are coalesced: the first
 * change after a quiet period is sent on the next tick, later ones wait so that at most one delta
 * per `minIntervalMs` goes out, carrying everything that changed meanwhile. A delta is sent only
 * when a row, a rank or the state really changed (a post-freeze verdict changes nothing public, so
 * nothing is sent). `seq` counts deltas; a snapshot carries the seq it is current with.
 */
class BoardFeed {
  private seq = 0;
  private index: RowIndex;
  private stateJson: string;
  private timer: NodeJS.Timeout | null = null;
  private lastFlushMs = -Infinity;

  constructor(
    private readonly ctx: HostContext,
    private readonly service: ScoreboardService,
    readonly contestId: string,
    readonly view: BoardView,
    private readonly sinks: ReadonlySet<DeltaSink>,
    private readonly minIntervalMs: number,
    private readonly monotonicMs: () => number,
  ) {
    const board = service.scoreboard(contestId, view);
    this.index = indexRows(board.rows);
    this.stateJson = JSON.stringify(board.state);
  }

  snapshot(): ScoreboardSnapshot {
    return { contestId: this.contestId, view: this.view, seq: this.seq, serverTimeMs: this.ctx.clock(), scoreboard: this.service.scoreboard(this.contestId, this.view) };
  }

  changed(): void {
    if (this.timer) return;
    const waitMs = Math.max(0, this.lastFlushMs + this.minIntervalMs - this.monotonicMs());
    this.timer = setTimeout(() => this.flush(), waitMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    this.timer = null;
    this.lastFlushMs = this.monotonicMs();
    let board;
    try {
      board = this.service.scoreboard(this.contestId, this.view);
    } catch (err) {
      this.ctx.log.warn({ err, contestId: this.contestId }, 'scoreboard feed: board unavailable, no delta sent');
      return;
    }
    const diff = diffRows(this.index, board.rows);
    const stateJson = JSON.stringify(board.state);
    const stateChanged = stateJson !== this.stateJson;
    const reranked = Object.keys(diff.reranked).length > 0;
    if (diff.changed.length === 0 && !reranked && diff.removed.length === 0 && !stateChanged) return;
    this.index = diff.index;
    this.stateJson = stateJson;
    const delta: ScoreboardDelta = {
      contestId: this.contestId, view: this.view, seq: ++this.seq, serverTimeMs: this.ctx.clock(), rows: diff.changed,
      ...(reranked ? { ranks: diff.reranked } : {}),
      ...(diff.removed.length > 0 ? { removed: diff.removed } : {}),
      ...(stateChanged ? { state: board.state } : {}),
    };
    for (const sink of this.sinks) sink(delta);
  }
}

/**
 * Every board feed of the host, one per contest and view, created when a client first needs
 * it. Namespaces add sinks per view; the scoreboard service's change notifications drive them.
 */
export class BoardFeeds {
  private readonly feeds = new Map<string, BoardFeed>();
  private readonly sinks: Record<BoardView, Set<DeltaSink>> = { public: new Set(), jury: new Set() };
  private readonly minIntervalMs: number;
  private readonly monotonicMs: () => number;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: HostContext, private readonly service: ScoreboardService, options: BoardFeedOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? 250;
    this.monotonicMs = options.monotonicMs ?? (() => performance.now());
    this.unsubscribe = service.onChange((contestId) => {
      this.feeds.get(key(contestId, 'public'))?.changed();
      this.feeds.get(key(contestId, 'jury'))?.changed();
    });
  }

  addSink(view: BoardView, sink: DeltaSink): void {
    this.sinks[view].add(sink);
  }

  /** The board's current snapshot; creates its feed (throws not_found / unavailable like the service). */
  snapshot(contestId: string, view: BoardView): ScoreboardSnapshot {
    let feed = this.feeds.get(key(contestId, view));
    if (!feed) {
      feed = new BoardFeed(this.ctx, this.service, contestId, view, this.sinks[view], this.minIntervalMs, this.monotonicMs);
      this.feeds.set(key(contestId, view), feed);
    }
    return feed.snapshot();
  }

  close(): void {
    this.unsubscribe();
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
  }
}

function key(contestId: string, view: BoardView): string {
  return `${contestId}\n${view}`;
}
