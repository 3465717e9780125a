import { ARENA_SERVICE_TYPE, decodeDiscoveryTxt, type DiscoveredHost } from '@arena/protocol';
import { Bonjour, type Service } from 'bonjour-service';

/**
 * Finding Arena hosts on the LAN, for every Node-side client (judge agents, the desktop app's
 * main process, the host's own tests). The host's advertising side lives in the host's adapter;
 * the TXT format both sides share is `@arena/protocol`'s discovery module.
 *
 * Browses `_arena._tcp` for `timeoutMs` and returns every host whose TXT record is a valid Arena
 * advertisement; invalid ones (anyone on the LAN can send packets) are skipped and reported to
 * `onInvalid`. Resolves with an empty list when nothing answers; rejects only if mDNS cannot start.
 */
export function browseArenaHosts(timeoutMs: number, onInvalid: (name: string, error: string) => void = () => {}): Promise<DiscoveredHost[]> {
  return new Promise((resolve, reject) => {
    let bonjour: Bonjour;
    try {
      bonjour = new Bonjour({}, (err: Error) => reject(err));
    } catch (err) {
      reject(err as Error);
      return;
    }
    const found = new Map<string, DiscoveredHost>();
    const remember = (service: Service): void => {
      const decoded = decodeDiscoveryTxt(service.txt);
      if (!decoded.ok) {
        onInvalid(service.name, decoded.error);
        return;
      }
      found.set(service.fqdn ?? service.name, {
        name: service.name,
        hostName: service.host,
        addresses: [...(service.addresses ?? [])],
        port: service.port,
        info: decoded.info,
      });
    };
    const browser = bonjour.find({ type: ARENA_SERVICE_TYPE }, remember);
    browser.on('txt-update', (service) => remember(service));
    setTimeout(() => {
      browser.stop();
      bonjour.destroy(() => resolve([...found.values()]));
    }, timeoutMs);
  });
}

/** The URL to reach a discovered host: its first IPv4 address, else its host name. */
export function hostUrl(host: DiscoveredHost): URL {
  const address = host.addresses.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? host.hostName;
  return new URL(`${host.info.tls ? 'https' : 'http'}://${address}:${host.port}`);
}
