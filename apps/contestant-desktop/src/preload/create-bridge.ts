import { IPC, type ArenaBridge, type Draft, type DiscoveryState, type LockdownSignal, type QuitResult } from '../shared/bridge';

/** The part of `ipcRenderer` the bridge uses (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** Signals kept while no page listener has subscribed yet (the page loads after main's first signals). */
const MAX_BUFFERED_SIGNALS = 200;

/**
 * Builds `window.arena` on top of the fixed IPC channels: one `invoke` per method with exactly
 * one payload object (main parses it again), and two push channels fanned out to listeners.
 * The Electron event object never reaches the page. Lockdown signals that arrive before the
 * page subscribes are buffered and delivered to the first subscriber.
 */
export function createArenaBridge(ipc: IpcRendererLike): ArenaBridge {
  const stateListeners = new Set<(state: DiscoveryState) => void>();
  const signalListeners = new Set<(signal: LockdownSignal) => void>();
  let bufferedSignals: LockdownSignal[] | null = [];

  ipc.on(IPC.discoveryChanged, (_event, state) => {
    for (const listener of stateListeners) listener(state as DiscoveryState);
  });
  ipc.on(IPC.lockdownSignal, (_event, signal) => {
    if (bufferedSignals !== null) {
      if (bufferedSignals.length < MAX_BUFFERED_SIGNALS) bufferedSignals.push(signal as LockdownSignal);
      return;
    }
    for (const listener of signalListeners) listener(signal as LockdownSignal);
  });

  return {
    kind: 'desktop',
    discovery: {
      state: () => ipc.invoke(IPC.discoveryState) as Promise<DiscoveryState>,
      onState(listener) {
        stateListeners.add(listener);
        return () => void stateListeners.delete(listener);
      },
      choose: (address) => ipc.invoke(IPC.discoveryChoose, { address }) as Promise<DiscoveryState>,
      confirmFingerprint: (fingerprint) => ipc.invoke(IPC.discoveryConfirm, { fingerprint }) as Promise<DiscoveryState>,
    },
    drafts: {
      save: async (key, text) => {
        await ipc.invoke(IPC.draftSave, { key: { contestId: key.contestId, problemId: key.problemId, languageId: key.languageId }, text });
      },
      load: (key) => ipc.invoke(IPC.draftLoad, { key: { contestId: key.contestId, problemId: key.problemId, languageId: key.languageId } }) as Promise<Draft | null>,
      list: (contestId) => ipc.invoke(IPC.draftList, { contestId }) as Promise<Draft[]>,
    },
    session: {
      set: async (session) => {
        await ipc.invoke(IPC.sessionSet, { session: session === null ? null : { contestId: session.contestId, token: session.token } });
      },
    },
    lockdown: {
      onSignal(listener) {
        signalListeners.add(listener);
        if (bufferedSignals !== null) {
          const pending = bufferedSignals;
          bufferedSignals = null;
          for (const signal of pending) listener(signal);
        }
        return () => void signalListeners.delete(listener);
      },
    },
    quit: (exitCode) => ipc.invoke(IPC.quit, { exitCode }) as Promise<QuitResult>,
  };
}
