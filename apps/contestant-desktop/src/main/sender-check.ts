import { originOf } from './origins';

/** The few facts about an IPC sender frame the check needs (from `event.senderFrame`). */
export interface SenderFrameFacts {
  /** The frame's URL; null when the frame is gone (navigated away or destroyed). */
  url: string | null;
  /** Whether it is the window's top-level frame (not an iframe). */
  isMainFrame: boolean;
}

/**
 * Whether an IPC call may be served: it must come from the renderer's own origin and from the
 * main frame — never from an iframe, a page the window was navigated to, or a vanished frame.
 */
export function isTrustedSender(frame: SenderFrameFacts, rendererOrigin: string): boolean {
  if (!frame.isMainFrame || frame.url === null) return false;
  return originOf(frame.url) === rendererOrigin;
}
