import { isCompatibleHost, type DiscoveredHost as LanHost } from '@arena/protocol';
import type { DiscoveredHost, DiscoveryState } from '../shared/bridge';

export const NO_HOST_FOUND = 'No Arena host answered on this network. Type the address the proctor shows (e.g. 10.0.0.5:8443).';

/** A host found over mDNS as the renderer sees it; null for a host speaking another protocol version. */
export function toBridgeHost(host: LanHost, url: URL): DiscoveredHost | null {
  if (!isCompatibleHost(host.info)) return null;
  return { url: url.origin, contestId: host.info.contestId, contestName: host.info.contestName, fingerprint: host.info.tlsFingerprint, source: 'mdns' };
}

/** One entry per URL (the last seen wins), sorted by URL so the list does not jump around. */
export function uniqueHosts(hosts: readonly DiscoveredHost[]): DiscoveredHost[] {
  const byUrl = new Map<string, DiscoveredHost>();
  for (const host of hosts) byUrl.set(host.url, host);
  return [...byUrl.values()].sort((a, b) => a.url.localeCompare(b.url));
}

/**
 * The auto-connect rule, applied once when the first browse window closes: exactly one host →
 * connect to it with no question; none → ask for a typed address (with an explanation); two or
 * more → let the contestant choose (never guess between contests).
 */
export function stateAfterFirstBrowse(found: readonly DiscoveredHost[]): DiscoveryState {
  const hosts = uniqueHosts(found);
  if (hosts.length === 1) return { phase: 'connected', hosts, chosen: hosts[0]!, fingerprintToConfirm: null, error: null };
  return { phase: 'choose', hosts, chosen: null, fingerprintToConfirm: null, error: hosts.length === 0 ? NO_HOST_FOUND : null };
}
