/** The fields of Electron's `before-input-event` Input that the policy reads. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** Keys swallowed with no modifier at all: reload, fullscreen toggle, devtools. */
const BARE_KEYS = new Set(['F5', 'F11', 'F12']);
/** With Ctrl (or Cmd): reload, close window/tab, quit, zoom. Editing keys (C V X Z Y A S F H…) are not here. */
const PRIMARY_KEYS = new Set(['r', 'w', 'q', '0', '=', '+', '-', '_', 'F4', 'F5']);
/** With Ctrl+Shift (or Cmd+Alt on macOS): developer tools and the element inspector. */
const DEVTOOLS_KEYS = new Set(['i', 'j', 'c']);
/** Only on macOS with Cmd: hide the app, minimize, hide others (Cmd+Alt+H). */
const MAC_COMMAND_KEYS = new Set(['h', 'm']);

/**
 * Whether the kiosk swallows a key event: the shortcuts that would reload the page, open developer
 * tools, change zoom, leave fullscreen, close the window or quit (Ctrl/Cmd+R, F5, Ctrl+Shift+I,
 * F12, Ctrl+0/+/-, Alt+F4, Ctrl+W, Ctrl+Q, Cmd+Q, Cmd+H, Cmd+M…). Normal editing shortcuts
 * (Ctrl/Cmd+C, V, X, Z, Y, A, S, F, H on Windows/Linux, arrows, Tab…) pass through to the editor.
 * Shortcuts the operating system handles before the app sees them (Alt+Tab, Ctrl+Alt+Del, the
 * Windows key, Cmd+Tab, Cmd+Opt+Esc) cannot be stopped here — see the README.
 */
export function shouldSwallowKey(input: KeyInput, platform: NodeJS.Platform): boolean {
  if (input.type !== 'keyDown' && input.type !== 'keyUp' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const mac = platform === 'darwin';
  const primary = mac ? input.meta : input.control;
  // Some keyboards report Ctrl on macOS too; reload/zoom/quit with Ctrl are swallowed everywhere.
  const anyPrimary = input.control || input.meta;
  if (BARE_KEYS.has(key)) return true;
  if (input.alt && key === 'F4') return true;
  if (anyPrimary && PRIMARY_KEYS.has(key)) return true;
  if (primary && input.shift && DEVTOOLS_KEYS.has(key)) return true;
  if (mac && input.meta && input.alt && DEVTOOLS_KEYS.has(key)) return true;
  if (mac && input.meta && MAC_COMMAND_KEYS.has(key)) return true;
  return false;
}
