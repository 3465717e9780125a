import type { DiscoveryState, Draft, QuitResult } from '../shared/bridge';
import { IPC } from '../shared/bridge';
import { parseIpcPayload, type InvokeChannel, type IpcPayloadOf } from '../shared/ipc-schemas';
import type { DraftStore } from './draft-store';
import type { TeamSession } from './exit-code';
import { isTrustedSender } from './sender-check';

/** The part of an `IpcMainInvokeEvent` the check reads: the frame that sent the call. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of `ipcMain` used: one handler per channel. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

/** What the handlers call; main wires the real discovery controller, draft store and quit guard. */
export interface IpcServices {
  discoveryState(): DiscoveryState;
  discoveryChoose(address: string): Promise<DiscoveryState>;
  discoveryConfirm(fingerprint: string): DiscoveryState;
  drafts: DraftStore;
  setSession(session: TeamSession | null): void;
  quit(exitCode: string): Promise<QuitResult>;
}

/**
 * Registers one `ipcMain.handle` per invoke channel of `IPC`. Every call is checked before
 * anything runs: the sender must be the main frame of the renderer's own origin, and the single
 * payload argument must parse with its schema (ipc-schemas.ts). A refused call rejects in the
 * renderer with a message; nothing else happens.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, rendererOrigin: string, services: IpcServices): void {
  const on = <C extends InvokeChannel, R>(channel: C, run: (payload: IpcPayloadOf<C>) => Promise<R> | R): void => {
    ipcMain.handle(channel, async (event, ...args) => {
      const frame = event.senderFrame;
      if (!isTrustedSender({ url: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null }, rendererOrigin)) {
        throw new Error(`${channel} refused: the request did not come from the Arena app`);
      }
      if (args.length > 1) throw new Error(`invalid ${channel} request: expected one argument`);
      return run(parseIpcPayload(channel, args[0]));
    });
  };
  on(IPC.discoveryState, () => services.discoveryState());
  on(IPC.discoveryChoose, (p) => services.discoveryChoose(p.address));
  on(IPC.discoveryConfirm, (p) => services.discoveryConfirm(p.fingerprint));
  on(IPC.draftSave, async (p): Promise<void> => services.drafts.save(p.key, p.text));
  on(IPC.draftLoad, (p): Promise<Draft | null> => services.drafts.load(p.key));
  on(IPC.draftList, (p): Promise<Draft[]> => services.drafts.list(p.contestId));
  on(IPC.sessionSet, (p) => services.setSession(p.session));
  on(IPC.quit, (p) => services.quit(p.exitCode));
}
