import { isAllowedNavigation } from './navigation-policy';
import { shouldSwallowKey, type KeyInput } from './shortcut-policy';

/**
 * The few hooks of a window's webContents the guards use, so that the policy wiring can be
 * tested without Electron (main-window.ts adapts a real WebContents to this).
 */
export interface GuardTarget {
  /** will-navigate, will-frame-navigate and will-redirect: `prevent` cancels the navigation. */
  onNavigate(listener: (url: string, prevent: () => void) => void): void;
  /** before-input-event: `prevent` swallows the key. */
  onInput(listener: (input: KeyInput, prevent: () => void) => void): void;
  /** window.open / target=_blank: the handler's answer decides. */
  setWindowOpenHandler(handler: (url: string) => { action: 'deny' }): void;
}

/**
 * Attaches the kiosk's navigation and keyboard policy: navigations and redirects only within the
 * allowed origins (read at each event: the host origin appears once chosen), no new windows
 * ever, and the escape shortcuts swallowed. `onBlocked` hears every refused navigation or window.
 */
export function attachWindowGuards(target: GuardTarget, options: { allowedOrigins(): readonly (string | null)[]; platform: NodeJS.Platform; onBlocked(what: string): void }): void {
  target.onNavigate((url, prevent) => {
    if (isAllowedNavigation(url, options.allowedOrigins())) return;
    prevent();
    options.onBlocked(`navigation to ${url.slice(0, 200)}`);
  });
  target.setWindowOpenHandler((url) => {
    options.onBlocked(`new window for ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  target.onInput((input, prevent) => {
    if (shouldSwallowKey(input, options.platform)) prevent();
  });
}
