import { z } from 'zod';

/** The CLICS endpoint types that appear in the event feed. */
export const EventType = z.enum([
  'contest', 'state', 'judgement-types', 'languages', 'problems', 'groups', 'organizations', 'teams',
  'accounts', 'submissions', 'judgements', 'runs', 'clarifications', 'awards', 'commentary',
]);
export type EventType = z.infer<typeof EventType>;

/**
 * One line of the CLICS event feed (current notification format). `data: null` means the object
 * was deleted. `token` resumes the feed with `since_token`. `id` is absent for singletons
 * (`contest`, `state`).
 */
export const FeedEvent = z.object({
  type: EventType,
  id: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable(),
  token: z.string().optional(),
});
export type FeedEvent = z.infer<typeof FeedEvent>;
