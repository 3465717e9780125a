import { Bonjour, type Service } from 'bonjour-service';
import { ARENA_SERVICE_TYPE, encodeDiscoveryTxt, type DiscoveryInfo } from '@arena/protocol';

export interface MdnsAdvertiser {
  /** Re-announces with new TXT data (e.g. a contest was loaded). Never throws; errors go to `onError`. */
  update(info: DiscoveryInfo): void;
  /** Sends goodbye packets and closes the multicast socket. Idempotent. */
  stop(): Promise<void>;
}

export interface AdvertiseOptions {
  /** DNS-SD instance name; must be unique on the LAN (defaults include the hostname). */
  name: string;
  info: DiscoveryInfo;
  /** Socket and probing errors (e.g. no multicast-capable interface); advertising is best effort. */
  onError(err: Error): void;
}

/**
 * Advertises this host as `_arena._tcp` on `info.port` with the discovery TXT record. mDNS is a
 * convenience, not a dependency: failures are reported through `onError` and never stop the host.
 */
export function advertiseArenaHost(options: AdvertiseOptions): MdnsAdvertiser {
  const bonjour = new Bonjour({}, (err: Error) => options.onError(err));
  let service: Service | null = null;
  let stopped = false;

  const publish = (info: DiscoveryInfo): void => {
    try {
      service = bonjour.publish({ name: options.name, type: ARENA_SERVICE_TYPE, port: info.port, txt: encodeDiscoveryTxt(info), probe: false });
      service.on('error', (err: Error) => options.onError(err));
    } catch (err) {
      options.onError(err as Error);
    }
  };
  publish(options.info);

  return {
    update(info) {
      if (stopped) return;
      const previous = service;
      service = null;
      if (previous) previous.stop(() => { if (!stopped) publish(info); });
      else publish(info);
    },
    stop() {
      if (stopped) return Promise.resolve();
      stopped = true;
      return new Promise<void>((resolve) => {
        bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
      });
    },
  };
}
