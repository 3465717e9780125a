import type { Session } from 'electron';
import { CERT_REJECT, decideCertificate, type PinnedHost } from './certificate-policy';
import { downloadTarget } from './download-policy';
import { isPermissionAllowed } from './permission-policy';
import { patchResponseHeaders } from './response-headers';

/**
 * Locks down the window's session: every permission denied except clipboard text writes by the
 * app (permission-policy.ts), downloads only of the app's own attachment blobs into
 * `<downloads>/Arena` (download-policy.ts), the CSP and host-only CORS headers on every response,
 * and TLS accepted only for the pinned host certificate. The host is read at each request,
 * since it is chosen after start.
 */
export function secureSession(session: Session, current: { rendererOrigin: string; downloadsDir: string; hostOrigin(): string | null; pinnedHost(): PinnedHost | null }): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, current.rendererOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, current.rendererOrigin));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('will-download', (event, item) => {
    const target = downloadTarget(item.getURL(), item.getFilename(), current.downloadsDir);
    if (target === null) event.preventDefault();
    else item.setSavePath(target);
  });
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
