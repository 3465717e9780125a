import type { EventType } from '@arena/protocol';
import type { Db } from './database';

/** Who may read an event: anyone; one team (and the jury); the jury only. */
export type Audience = 'public' | 'team' | 'jury';

export interface NewEvent {
  contestId: string;
  type: EventType;
  /** Object id; null for singletons (`contest`, `state`). */
  id: string | null;
  /** The CLICS object as served, or null for a delete. */
  data: Record<string, unknown> | null;
  audience: Audience;
  /** Owner team for `audience: 'team'`. */
  teamId?: string | null;
}

export interface StoredEvent extends Required<NewEvent> {
  token: number;
  timeMs: number;
}

/** Passed to a write: the open transaction's db, the write's timestamp, and the event sink. */
export interface WriteContext {
  readonly db: Db;
  /** Host clock reading taken once at the start of the write. */
  readonly nowMs: number;
  /** Appends to the event log inside this transaction; listeners hear of it only after commit. */
  emit(event: NewEvent): number;
}

export type EventListener = (events: readonly StoredEvent[]) => void;

/**
 * The single way state changes: `write(fn)` runs `fn` in ONE immediate SQLite transaction that
 * also appends its events, so a state change and its event commit together or not at all.
 * Listeners (projections, realtime) are called synchronously after the commit, never before.
 * A listener that throws is reported through `onListenerError` and does not undo the commit.
 */
export class Store {
  private readonly listeners = new Set<EventListener>();
  private readonly insertEvent;

  constructor(
    readonly db: Db,
    private readonly clock: () => number,
    private readonly onListenerError: (err: unknown) => void = () => {},
  ) {
    this.insertEvent = db.prepare<[string, string, string | null, string | null, string, string | null, number]>(
      'INSERT INTO events (contest_id, type, object_id, data, audience, team_id, time_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  nowMs(): number {
    return this.clock();
  }

  write<T>(fn: (tx: WriteContext) => T): T {
    const emitted: StoredEvent[] = [];
    const nowMs = this.clock();
    const ctx: WriteContext = {
      db: this.db,
      nowMs,
      emit: (event) => {
        const teamId = event.teamId ?? null;
        if (event.audience === 'team' && !teamId) throw new Error(`event ${event.type}/${event.id} has audience team but no teamId`);
        const info = this.insertEvent.run(event.contestId, event.type, event.id, event.data === null ? null : JSON.stringify(event.data),
          event.audience, teamId, nowMs);
        const token = Number(info.lastInsertRowid);
        emitted.push({ ...event, teamId, token, timeMs: nowMs });
        return token;
      },
    };
    const result = this.db.transaction(() => fn(ctx)).immediate();
    if (emitted.length > 0) {
      for (const listener of this.listeners) {
        try {
          listener(emitted);
        } catch (err) {
          this.onListenerError(err);
        }
      }
    }
    return result;
  }

  /** Subscribes to committed events; returns the unsubscribe function. */
  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads events after `sinceToken` (exclusive) in token order. */
  readEvents(contestId: string, sinceToken = 0, limit = 10_000): StoredEvent[] {
    const rows = this.db.prepare(
      'SELECT token, contest_id, type, object_id, data, audience, team_id, time_ms FROM events WHERE contest_id = ? AND token > ? ORDER BY token LIMIT ?',
    ).all(contestId, sinceToken, limit) as Array<{ token: number; contest_id: string; type: EventType; object_id: string | null; data: string | null; audience: Audience; team_id: string | null; time_ms: number }>;
    return rows.map((r) => ({
      token: r.token, contestId: r.contest_id, type: r.type, id: r.object_id,
      data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
      audience: r.audience, teamId: r.team_id, timeMs: r.time_ms,
    }));
  }
}
