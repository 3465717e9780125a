import { originOf } from './origins';

/**
 * Whether the kiosk window may navigate (or be redirected) to `url`: only when the URL's origin
 * is one of `allowedOrigins` exactly (scheme, host and port). Everything else — other hosts,
 * other ports, http instead of https, javascript:, data:, file:, blob:, unparsable text — is
 * denied. `allowedOrigins` are origins as `originOf` returns them (null entries are ignored, so
 * "no host chosen yet" can be passed as null).
 */
export function isAllowedNavigation(url: string, allowedOrigins: readonly (string | null)[]): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  return allowedOrigins.some((allowed) => allowed !== null && allowed === origin);
}
