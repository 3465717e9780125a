import { browseArenaHosts, hostUrl } from '@arena/lan-discovery';
import { app, dialog, ipcMain, net, powerMonitor, screen, session, type BrowserWindow } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IPC, type DiscoveredHost, type LockdownSignal } from '../shared/bridge';
import { probeCertificateFingerprint } from './certificate-probe';
import { parseDesktopConfig, presetHost, type DesktopConfig } from './desktop-config';
import { createDiscoveryController } from './discovery-controller';
import { toBridgeHost } from './discovery-rule';
import { createDraftStore } from './draft-store';
import { verifyExitCode, type TeamSession } from './exit-code';
import { registerIpcHandlers } from './ipc-handlers';
import { createLockdownMonitor, createSignalOutbox } from './lockdown-monitor';
import { createMainWindow, guardTargetOf } from './main-window';
import { RENDERER_ENTRY_URL, RENDERER_ORIGIN } from './origins';
import { createQuitGuard } from './quit-guard';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { secureSession } from './session-security';
import { probeVirtualMachine } from './vm-probe';
import { attachWindowGuards } from './window-guards';

/**
 * Electron main process of the contestant app: the composition root. Every policy lives in a
 * pure module next to this file; here they are only wired to Electron. Built to
 * dist/main/main.cjs (build/desktop/build-main.mjs); the renderer is served from dist/renderer.
 */

const REBROWSE_PAUSE_MS = 2000;
const MAX_QUEUED_SIGNALS = 200;

app.setName('Arena');
app.enableSandbox();
registerRendererScheme();

if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.whenReady().then(start).catch((err: unknown) => fail(err));
}

async function start(): Promise<void> {
  const config = await loadConfig();
  let window: BrowserWindow | null = null;
  let team: TeamSession | null = null;

  const outbox = createSignalOutbox(MAX_QUEUED_SIGNALS);
  const monitor = createLockdownMonitor({ emit: (signal: LockdownSignal) => outbox.push(signal), nowMs: Date.now, initialDisplayCount: screen.getAllDisplays().length });

  const discovery = createDiscoveryController({
    browse: async (windowMs) => (await browseArenaHosts(windowMs)).map((host) => toBridgeHost(host, hostUrl(host))).filter((h): h is DiscoveredHost => h !== null),
    probeFingerprint: (origin) => probeCertificateFingerprint(origin),
    preset: presetHost(config),
    browseWindowMs: config.discoveryWindowMs,
    rebrowsePauseMs: REBROWSE_PAUSE_MS,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onChange: (state) => window?.webContents.send(IPC.discoveryChanged, state),
  });

  const guard = createQuitGuard({
    verify: (code) => verifyExitCode({ fetch: (url, init) => net.fetch(url, init), hostOrigin: discovery.hostOrigin(), session: team, code }),
    reportAttempt: (detail) => monitor.quitAttempt(detail),
    quit: () => app.quit(),
  });
  app.on('before-quit', (event) => guard.interceptQuit(event, 'quitting the app'));
  // The OS shutting down or logging out is not a contestant escaping: let it close the app.
  powerMonitor.on('shutdown', () => guard.allowQuit());

  secureSession(session.defaultSession, { rendererOrigin: RENDERER_ORIGIN, downloadsDir: app.getPath('downloads'), hostOrigin: () => discovery.hostOrigin(), pinnedHost: () => discovery.pinnedHost() });
  serveRenderer(join(__dirname, '..', 'renderer'), () => discovery.hostOrigin());

  registerIpcHandlers(ipcMain, RENDERER_ORIGIN, {
    discoveryState: () => discovery.state(),
    discoveryChoose: (address) => discovery.choose(address),
    discoveryConfirm: (fingerprint) => discovery.confirmFingerprint(fingerprint),
    drafts: createDraftStore(join(app.getPath('userData'), 'drafts')),
    setSession: (next) => {
      team = next;
    },
    quit: (exitCode) => guard.requestQuit(exitCode),
  });

  window = createMainWindow({ preloadPath: join(__dirname, 'preload.cjs'), isPackaged: app.isPackaged, contentProtection: config.contentProtection });
  const contents = window.webContents;
  attachWindowGuards(guardTargetOf(contents), {
    allowedOrigins: () => [RENDERER_ORIGIN, discovery.hostOrigin()],
    platform: process.platform,
    onBlocked: (what) => console.warn(`arena: blocked ${what}`),
  });
  window.on('close', (event) => guard.interceptQuit(event, 'closing the window'));
  window.on('session-end', () => guard.allowQuit());
  window.on('blur', () => monitor.focusLost());
  window.on('focus', () => monitor.focusRegained());
  screen.on('display-added', () => monitor.displaysChanged(screen.getAllDisplays().length));
  screen.on('display-removed', () => monitor.displaysChanged(screen.getAllDisplays().length));
  contents.on('did-start-loading', () => outbox.close());
  contents.on('did-finish-load', () => outbox.open((signal) => contents.send(IPC.lockdownSignal, signal)));
  contents.on('render-process-gone', () => void window?.loadURL(RENDERER_ENTRY_URL));
  app.on('second-instance', () => {
    window?.show();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());

  monitor.appStarted(`Arena desktop ${app.getVersion()} on ${process.platform}, ${screen.getAllDisplays().length} display(s)`);
  void probeVirtualMachine().then((vm) => {
    if (vm !== null) monitor.virtualMachine(vm);
  });
  await window.loadURL(RENDERER_ENTRY_URL);
  void discovery.run();
}

/** The preset packaged next to the app (resources/arena-preset.json; dist/preset/ when run unpackaged). */
async function loadConfig(): Promise<DesktopConfig> {
  const path = app.isPackaged ? join(process.resourcesPath, 'arena-preset.json') : join(__dirname, '..', 'preset', 'arena-preset.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return parseDesktopConfig({});
    throw err;
  }
  return parseDesktopConfig(JSON.parse(text) as unknown);
}

function fail(err: unknown): void {
  dialog.showErrorBox('Arena cannot start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}
