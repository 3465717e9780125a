/** The port the host listens on unless its config says otherwise (host-config `port` default). */
export const DEFAULT_HOST_PORT = 8443;

export type TypedAddress = { ok: true; origin: string; tls: boolean } | { ok: false; error: string };

/**
 * Turns what a contestant typed (`10.0.0.5`, `10.0.0.5:8443`, `arena.local`, `https://…`,
 * `http://…`) into the host's origin. No scheme means https; no port means the host's default
 * port (8443), not 443. Paths are ignored; user names (`user@host`), other schemes and
 * malformed text give an error a contestant understands.
 */
export function parseTypedAddress(text: string): TypedAddress {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Type the host address the proctor shows, e.g. 10.0.0.5:8443.' };
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : 'https';
  if (scheme !== 'https' && scheme !== 'http') return { ok: false, error: `"${scheme}://" is not a host address: use https://host:port or just host:port.` };
  const rest = schemeMatch ? trimmed.slice(schemeMatch[0].length) : trimmed;
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) return { ok: false, error: 'A host address has no user name part (nothing before an @).' };
  if (authority === '' || /\s/.test(authority)) return { ok: false, error: `"${trimmed}" is not a host address.` };
  const explicitPort = /:(\d+)$/.exec(authority);
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}`);
  } catch {
    return { ok: false, error: `"${trimmed}" is not a host address.` };
  }
  if (explicitPort === null) url.port = String(DEFAULT_HOST_PORT);
  return { ok: true, origin: url.origin, tls: scheme === 'https' };
}
