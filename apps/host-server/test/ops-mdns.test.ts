import { PROTOCOL_VERSION, type DiscoveryInfo } from '@arena/protocol';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browseArenaHosts } from '@arena/lan-discovery';
import { advertiseArenaHost } from '../src/adapters/mdns/mdns-discovery';

const FP = Array.from({ length: 32 }, () => 'AB').join(':');

/**
 * Real multicast DNS on this machine: one process advertises and browses. Each test uses a unique
 * instance name and port, so hosts other tests (or the LAN) advertise do not confuse it.
 */
describe('mDNS discovery', () => {
  it('advertises _arena._tcp with the TXT record and finds it by browsing', async () => {
    const name = `Arena test ${randomUUID()}`;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const info: DiscoveryInfo = { contestId: 'c1', contestName: 'Test Contest', protocolVersion: PROTOCOL_VERSION, port, tls: true, tlsFingerprint: FP };
    const errors: Error[] = [];
    const advertiser = advertiseArenaHost({ name, info, onError: (err) => errors.push(err) });
    try {
      const found = (await browseArenaHosts(1500)).find((h) => h.name === name);
      expect(found).toBeDefined();
      expect(found?.port).toBe(port);
      expect(found?.info).toEqual(info);
      expect(found?.addresses.length).toBeGreaterThan(0);

      // A contest gets loaded: the advertisement changes to carry it.
      advertiser.update({ ...info, contestId: 'c2', contestName: 'Finals' });
      const updated = (await browseArenaHosts(1500)).find((h) => h.name === name);
      expect(updated?.info).toMatchObject({ contestId: 'c2', contestName: 'Finals' });
    } finally {
      await advertiser.stop();
    }
    expect(errors).toEqual([]);
  });

  it('stops advertising after stop()', async () => {
    const name = `Arena test ${randomUUID()}`;
    const info: DiscoveryInfo = { contestId: null, contestName: null, protocolVersion: PROTOCOL_VERSION, port: 4433, tls: false, tlsFingerprint: null };
    const advertiser = advertiseArenaHost({ name, info, onError: () => undefined });
    expect((await browseArenaHosts(1500)).some((h) => h.name === name)).toBe(true);
    await advertiser.stop();
    expect((await browseArenaHosts(1500)).some((h) => h.name === name)).toBe(false);
  });
});
