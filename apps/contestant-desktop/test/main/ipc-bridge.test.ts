import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscoveryController } from '../../src/main/discovery-controller';
import { createDraftStore } from '../../src/main/draft-store';
import { verifyExitCode, type TeamSession } from '../../src/main/exit-code';
import { registerIpcHandlers, type IpcMainLike, type InvokeEventLike } from '../../src/main/ipc-handlers';
import { RENDERER_ORIGIN } from '../../src/main/origins';
import { createQuitGuard } from '../../src/main/quit-guard';
import { createArenaBridge, type IpcRendererLike } from '../../src/preload/create-bridge';
import { IPC, type ArenaBridge, type DiscoveredHost, type DiscoveryState, type LockdownSignal } from '../../src/shared/bridge';

/**
 * Preload and main wired through an in-process IPC pair that behaves like Electron's: arguments
 * and results are structured-cloned, each invoke carries the sender frame, errors reject.
 */
function ipcPair() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const sender = { frame: { url: 'app://arena/index.html', parent: null as unknown } as InvokeEventLike['senderFrame'] };
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: sender.frame }, ...structuredClone(args)));
    },
    on(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
  };
  const send = (channel: string, payload: unknown): void => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'event object' }, structuredClone(payload));
  };
  return { ipcMain, ipcRenderer, send, sender, handlers };
}

const FP = Array.from({ length: 32 }, () => 'AB').join(':');
const host = (n: number): DiscoveredHost => ({ url: `https://10.0.0.${n}:8443`, contestId: `c${n}`, contestName: null, fingerprint: FP, source: 'mdns' });
const key = { contestId: 'c1', problemId: 'A', languageId: 'cpp' };

let dir: string;
let bridge: ArenaBridge;
let pair: ReturnType<typeof ipcPair>;
let team: TeamSession | null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'arena-ipc-'));
  pair = ipcPair();
  team = null;
  const discovery = createDiscoveryController({
    browse: async () => [host(1), host(2)],
    probeFingerprint: async () => FP,
    preset: null,
    browseWindowMs: 1,
    rebrowsePauseMs: 0,
    sleep: async () => discovery.stop(),
    onChange: (state) => pair.send(IPC.discoveryChanged, state),
  });
  await discovery.run();
  const guard = createQuitGuard({
    verify: (code) => verifyExitCode({ fetch: (url, init) => fetch(url, init), hostOrigin: null, session: team, code }),
    reportAttempt: () => {},
    quit: () => {},
  });
  registerIpcHandlers(pair.ipcMain, RENDERER_ORIGIN, {
    discoveryState: () => discovery.state(),
    discoveryChoose: (address) => discovery.choose(address),
    discoveryConfirm: (fingerprint) => discovery.confirmFingerprint(fingerprint),
    drafts: createDraftStore(join(dir, 'drafts')),
    setSession: (next) => { team = next; },
    quit: (exitCode) => guard.requestQuit(exitCode),
  });
  bridge = createArenaBridge(pair.ipcRenderer);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('window.arena through IPC to main', () => {
  it('registers a handler for every invoke channel', () => {
    expect([...pair.handlers.keys()].sort()).toEqual(Object.values(IPC).filter((c) => c !== IPC.discoveryChanged && c !== IPC.lockdownSignal).sort());
  });

  it('saves, loads and lists drafts on disk', async () => {
    await bridge.drafts.save(key, 'int main() {}');
    expect(await bridge.drafts.load(key)).toMatchObject({ ...key, text: 'int main() {}' });
    expect(await bridge.drafts.list('c1')).toHaveLength(1);
    expect(await bridge.drafts.load({ ...key, problemId: 'B' })).toBeNull();
  });

  it('reports discovery state and pushes every change to subscribers', async () => {
    const pushed: DiscoveryState[] = [];
    const unsubscribe = bridge.discovery.onState((s) => pushed.push(s));
    expect(await bridge.discovery.state()).toMatchObject({ phase: 'choose', hosts: [host(1), host(2)] });
    expect(await bridge.discovery.choose('https://10.0.0.2:8443')).toMatchObject({ phase: 'connected', chosen: host(2) });
    expect(pushed.map((s) => s.phase)).toEqual(['connected']);
    unsubscribe();
    await bridge.discovery.choose('10.0.0.1');
    expect(pushed).toHaveLength(1);
  });

  it('stores the session for the exit-code check, and quit says why it refuses', async () => {
    expect(await bridge.quit('4711')).toMatchObject({ ok: false, message: expect.stringMatching(/Not connected/) });
    await bridge.session.set({ contestId: 'c1', token: 'tok' });
    expect(team).toEqual({ contestId: 'c1', token: 'tok' });
    await bridge.session.set(null);
    expect(team).toBeNull();
  });

  it('rejects bad payloads from a page that calls the channels itself, and runs nothing', async () => {
    await expect(pair.ipcRenderer.invoke(IPC.draftSave, { key: { ...key, problemId: '../../x' }, text: 'x' })).rejects.toThrow(/invalid arena:draft-save request: key.problemId/);
    await expect(pair.ipcRenderer.invoke(IPC.draftSave, key, 'text as a second argument')).rejects.toThrow(/expected one argument/);
    await expect(pair.ipcRenderer.invoke(IPC.sessionSet, { session: { contestId: 'c1', token: 'tok', admin: true } })).rejects.toThrow(/session/);
    expect(team).toBeNull();
    expect(await bridge.drafts.list('c1')).toEqual([]);
  });

  it.each([
    ['another origin in the main frame', { url: 'https://10.0.0.5:8443/app/', parent: null }],
    ['an iframe of the app', { url: 'app://arena/frame.html', parent: { url: 'app://arena/index.html' } }],
    ['a vanished frame', null],
  ])('refuses every call from %s', async (_name, frame) => {
    pair.sender.frame = frame;
    await expect(bridge.drafts.save(key, 'x')).rejects.toThrow(/did not come from the Arena app/);
    await expect(bridge.discovery.state()).rejects.toThrow(/did not come from the Arena app/);
    pair.sender.frame = { url: 'app://arena/index.html', parent: null };
    expect(await bridge.drafts.list('c1')).toEqual([]);
  });

  it('buffers lockdown signals until the page subscribes, then delivers them live', () => {
    const signal = (detail: string): LockdownSignal => ({ kind: 'focus-lost', detail, clientTimeMs: 5 });
    pair.send(IPC.lockdownSignal, signal('before'));
    const got: string[] = [];
    bridge.lockdown.onSignal((s) => got.push(s.detail));
    pair.send(IPC.lockdownSignal, signal('after'));
    expect(got).toEqual(['before', 'after']);
  });
});
