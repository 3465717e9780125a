import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer with every security preference written out', () => {
    const web = mainWindowOptions({ preloadPath: '/app/dist/main/preload.cjs', isPackaged: true }).webPreferences!;
    expect(web).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('allows developer tools only in an unpackaged (development) run', () => {
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools).toBe(true);
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: true }).webPreferences?.devTools).toBe(false);
  });

  it('is a fullscreen kiosk window without a frame, hidden until painted', () => {
    const options = mainWindowOptions({ preloadPath: 'p', isPackaged: true });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, show: false, minimizable: false, resizable: false, movable: false });
  });
});
