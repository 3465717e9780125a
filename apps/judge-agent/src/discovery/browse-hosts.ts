import { ARENA_SERVICE_TYPE, decodeDiscoveryTxt, type DiscoveredHost } from '@arena/protocol';
import { Bonjour, type Service } from 'bonjour-service';

/**
 * Browses the LAN for `_arena._tcp` for `timeoutMs` and returns every host whose TXT record is
 * a valid Arena advertisement (invalid ones are reported through `onInvalid`, not returned).
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
    const remember = (service: Service) => {
      const decoded = decodeDiscoveryTxt(service.txt);
      if (!decoded.ok) {
        onInvalid(service.name, decoded.error);
        return;
      }
      found.set(`${service.name}|${service.port}`, {
        name: service.name, hostName: service.host, addresses: service.addresses ?? [], port: service.port, info: decoded.info,
      });
    };
    const browser = bonjour.find({ type: ARENA_SERVICE_TYPE }, remember);
    setTimeout(() => {
      browser.stop();
      bonjour.destroy();
      resolve([...found.values()]);
    }, timeoutMs).unref();
  });
}

/** The URL to reach a discovered host: its first IPv4 address, else its host name. */
export function hostUrl(host: DiscoveredHost): URL {
  const address = host.addresses.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? host.hostName;
  return new URL(`${host.info.tls ? 'https' : 'http'}://${address}:${host.port}`);
}
