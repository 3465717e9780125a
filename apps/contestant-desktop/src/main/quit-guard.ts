import type { QuitResult } from '../shared/bridge';

/** An Electron event that can be cancelled (`before-quit`, the window's `close`). */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface QuitGuardDeps {
  /** Checks the code with the host (exit-code.ts `verifyExitCode` bound to the current host and session). */
  verify(code: string): Promise<QuitResult>;
  /** Reports a refused quit to the proctor (a `quit-attempt` lockdown signal). */
  reportAttempt(detail: string): void;
  /** Actually quits (`app.quit()`); called once, after a verified code. */
  quit(): void;
}

export interface QuitGuard {
  /** The renderer's quit request: verifies, and quits on success. At most one check runs at a time. */
  requestQuit(code: string): Promise<QuitResult>;
  /** For `before-quit` and the window's `close`: cancels the event unless quitting was allowed. */
  interceptQuit(event: PreventableEvent, source: string): void;
  /** Lets the app go without a code (the OS is shutting down, or startup failed). */
  allowQuit(): void;
  readonly quitAllowed: boolean;
}

/**
 * Keeps the kiosk open until the proctor's exit code was verified with the host. Every attempt
 * to close otherwise (window close, Cmd+Q that got through, `before-quit`) is cancelled and
 * reported; a wrong code is reported too.
 */
export function createQuitGuard(deps: QuitGuardDeps): QuitGuard {
  let allowed = false;
  let pending: Promise<QuitResult> | null = null;
  return {
    async requestQuit(code) {
      if (pending !== null) return { ok: false, message: 'Still checking the previous exit code…' };
      pending = deps.verify(code);
      try {
        const result = await pending;
        if (result.ok) {
          allowed = true;
          deps.quit();
        } else {
          deps.reportAttempt(`exit refused: ${result.message}`);
        }
        return result;
      } finally {
        pending = null;
      }
    },
    interceptQuit(event, source) {
      if (allowed) return;
      event.preventDefault();
      deps.reportAttempt(`${source} blocked (no exit code)`);
    },
    allowQuit() {
      allowed = true;
    },
    get quitAllowed() {
      return allowed;
    },
  };
}
