import type { Session } from 'electron';
import { CERT_REJECT, decideCertificate, type PinnedHost } from './certificate-policy';
import { patchResponseHeaders } from './response-headers';

/**
 * Locks down the window's session: every permission (camera, notifications, clipboard-read,
 * screen capture, HID/serial/USB…) denied, the CSP and host-only CORS headers on every
 * response, and TLS accepted only for the pinned host certificate. The host is read at each
 * request, since it is chosen after start.
 */
export function secureSession(session: Session, current: { rendererOrigin: string; hostOrigin(): string | null; pinnedHost(): PinnedHost | null }): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onHeadersReceived((details, callback) => {
    callback(patchResponseHeaders(details, { rendererOrigin: current.rendererOrigin, hostOrigin: current.hostOrigin() }));
  });
  session.setCertificateVerifyProc((request, callback) => {
    try {
      callback(decideCertificate({ hostname: request.hostname, certificatePem: request.certificate.data }, current.pinnedHost()));
    } catch {
      callback(CERT_REJECT);
    }
  });
}
