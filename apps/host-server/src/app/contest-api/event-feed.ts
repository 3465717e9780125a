import type { FeedEvent } from '@arena/protocol';
import type { StoredEvent } from '../../adapters/sqlite/store';
import { canSee, type Viewer, type VisibilityFacts } from '../../domain/visibility/visibility';
import type { HostContext } from '../host-context';

/** A feed line as sent: `{type, id, data, token}` (id null for singletons, data null for a delete). */
export type FeedLine = FeedEvent & { token: string };

export function toFeedLine(event: StoredEvent): FeedLine {
  return { type: event.type, id: event.id, data: event.data, token: String(event.token) };
}

/** The events of one contest a viewer may see, in token order; visibility as for REST. */
export function visibleEvents(viewer: Viewer, events: readonly StoredEvent[], contestId: string, facts: VisibilityFacts): FeedLine[] {
  const lines: FeedLine[] = [];
  for (const event of events) {
    if (event.contestId !== contestId) continue;
    if (!canSee(viewer, { type: event.type, audience: event.audience, teamId: event.teamId }, facts)) continue;
    lines.push(toFeedLine(event));
  }
  return lines;
}

/**
 * Reads the log after `sinceToken` in pages of `pageSize` and returns the visible lines plus
 * the last token scanned (visible or not), so a stream can continue from there.
 */
export function readFeedPage(ctx: HostContext, viewer: Viewer, contestId: string, sinceToken: number, facts: VisibilityFacts, pageSize = 2000): { lines: FeedLine[]; lastToken: number; more: boolean } {
  const events = ctx.store.readEvents(contestId, sinceToken, pageSize);
  const lastToken = events.length > 0 ? (events[events.length - 1] as StoredEvent).token : sinceToken;
  return { lines: visibleEvents(viewer, events, contestId, facts), lastToken, more: events.length === pageSize };
}

/** Parses `since_token`: absent is the beginning; anything but a non-negative integer is refused. */
export function parseSinceToken(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return 0;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}
