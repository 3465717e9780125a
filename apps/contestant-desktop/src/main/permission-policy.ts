import { originOf } from './origins';

/**
 * Which web permission the renderer gets: only writing plain text to the clipboard (the
 * "copy sample" buttons), and only for the app's own origin. Everything else — camera,
 * microphone, notifications, clipboard READ, screen capture, geolocation, HID/USB/serial,
 * fullscreen requests, opening external apps — is denied.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, rendererOrigin: string): boolean {
  return permission === 'clipboard-sanitized-write' && originOf(requestingUrl) === rendererOrigin;
}
