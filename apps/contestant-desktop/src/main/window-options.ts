import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one kiosk window's options, every security-relevant webPreference written out rather than
 * left to Electron's defaults: the renderer is isolated from Node and from the preload's world,
 * sandboxed, and cannot disable web security or open developer tools in a packaged app.
 */
export function mainWindowOptions(input: { preloadPath: string; isPackaged: boolean }): BrowserWindowConstructorOptions {
  return {
    show: false,
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    closable: true,
    minimizable: false,
    maximizable: false,
    resizable: false,
    movable: false,
    alwaysOnTop: true,
    skipTaskbar: false,
    backgroundColor: '#111418',
    title: 'Arena',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !input.isPackaged,
      safeDialogs: true,
      disableDialogs: true,
      autoplayPolicy: 'document-user-activation-required',
    },
  };
}
