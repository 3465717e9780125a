import { contextBridge, ipcRenderer } from 'electron';
import { createArenaBridge } from './create-bridge';

/**
 * Preload of the kiosk window (sandboxed, context-isolated): exposes exactly `window.arena`
 * (ArenaBridge) and nothing of `ipcRenderer` itself. Bundled to dist/main/preload.cjs.
 */
contextBridge.exposeInMainWorld('arena', createArenaBridge(ipcRenderer));
