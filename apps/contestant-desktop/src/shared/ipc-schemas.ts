import { Id, TlsFingerprint } from '@arena/protocol';
import { z } from 'zod';
import { IPC } from './bridge';

/**
 * The payload of every invoke channel in `IPC` (bridge.ts), as main parses it: the renderer is
 * not trusted, so each handler receives `unknown` and gets either the parsed value or a
 * rejection naming what was wrong. The preload sends exactly these shapes (one argument each).
 */

/** Draft texts are capped like submitted source files (`SourceText`: 256 Ki characters). */
export const MAX_DRAFT_TEXT_CHARS = 256 * 1024;

export const DraftKeySchema = z.object({ contestId: Id, problemId: Id, languageId: Id }).strict();

export const IpcPayload = {
  [IPC.discoveryState]: z.undefined(),
  /** A listed host's URL or a typed `host`, `host:port` or URL. */
  [IPC.discoveryChoose]: z.object({ address: z.string().trim().min(1, 'type the host address').max(300) }).strict(),
  [IPC.discoveryConfirm]: z.object({ fingerprint: z.string().trim().toUpperCase().pipe(TlsFingerprint) }).strict(),
  [IPC.draftSave]: z.object({
    key: DraftKeySchema,
    text: z.string().max(MAX_DRAFT_TEXT_CHARS, 'drafts are limited to 256 KiB'),
  }).strict(),
  [IPC.draftLoad]: z.object({ key: DraftKeySchema }).strict(),
  [IPC.draftList]: z.object({ contestId: Id }).strict(),
  [IPC.sessionSet]: z.object({
    session: z.object({ contestId: Id, token: z.string().min(1).max(4096) }).strict().nullable(),
  }).strict(),
  [IPC.quit]: z.object({ exitCode: z.string().trim().min(1, 'type the exit code').max(64) }).strict(),
} as const;

/** Channels the renderer may invoke (the others are pushed by main). */
export type InvokeChannel = keyof typeof IpcPayload;
export type IpcPayloadOf<C extends InvokeChannel> = z.infer<(typeof IpcPayload)[C]>;

/**
 * Parses one invoke payload. Throws an Error whose message names the bad fields (Electron
 * passes the message to the renderer's rejected promise); nothing is executed on failure.
 */
export function parseIpcPayload<C extends InvokeChannel>(channel: C, raw: unknown): IpcPayloadOf<C> {
  const parsed = IpcPayload[channel].safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    throw new Error(`invalid ${channel} request: ${problems}`);
  }
  return parsed.data as IpcPayloadOf<C>;
}
