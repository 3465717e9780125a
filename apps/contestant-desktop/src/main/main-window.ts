import { BrowserWindow, type WebContents } from 'electron';
import type { GuardTarget } from './window-guards';
import { mainWindowOptions } from './window-options';

/** Creates the kiosk window (hidden until its first paint) with no menu and zoom locked at 100 %. */
export function createMainWindow(input: { preloadPath: string; isPackaged: boolean; contentProtection: boolean }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(input));
  window.removeMenu();
  window.setMenuBarVisibility(false);
  if (input.contentProtection) window.setContentProtection(true);
  void window.webContents.setVisualZoomLevelLimits(1, 1);
  window.webContents.on('zoom-changed', () => window.webContents.setZoomFactor(1));
  window.once('ready-to-show', () => {
    window.show();
    window.focus();
  });
  return window;
}

/** Adapts a real WebContents to the hooks window-guards.ts uses. */
export function guardTargetOf(contents: WebContents): GuardTarget {
  return {
    onNavigate(listener) {
      contents.on('will-navigate', (event) => listener(event.url, () => event.preventDefault()));
      contents.on('will-frame-navigate', (event) => listener(event.url, () => event.preventDefault()));
      contents.on('will-redirect', (event) => listener(event.url, () => event.preventDefault()));
    },
    onInput(listener) {
      contents.on('before-input-event', (event, input) => listener(input, () => event.preventDefault()));
    },
    setWindowOpenHandler(handler) {
      contents.setWindowOpenHandler((details) => handler(details.url));
    },
  };
}
