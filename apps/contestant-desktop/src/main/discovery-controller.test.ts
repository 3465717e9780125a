import { describe, expect, it } from 'vitest';
import type { DiscoveredHost, DiscoveryState } from '../shared/bridge';
import { createDiscoveryController, type DiscoveryDeps } from './discovery-controller';
import { NO_HOST_FOUND } from './discovery-rule';

const FP = Array.from({ length: 32 }, () => 'AB').join(':');
const FP2 = Array.from({ length: 32 }, () => 'CD').join(':');
const host = (n: number): DiscoveredHost => ({ url: `https://10.0.0.${n}:8443`, contestId: `c${n}`, contestName: `Contest ${n}`, fingerprint: FP, source: 'mdns' });

/** Browse results served in order (the last one repeats); the edge itself is tested in @arena/lan-discovery. */
function setup(browses: DiscoveredHost[][], overrides: Partial<DiscoveryDeps> = {}) {
  const states: DiscoveryState[] = [];
  const probed: string[] = [];
  let call = 0;
  let pauses = 0;
  const controller = createDiscoveryController({
    browse: async () => browses[Math.min(call++, browses.length - 1)]!,
    probeFingerprint: async (origin) => {
      probed.push(origin);
      return FP2;
    },
    preset: null,
    browseWindowMs: 3000,
    rebrowsePauseMs: 0,
    // Let the browse loop run a few rounds past the scripted results, then end it.
    sleep: async () => {
      pauses += 1;
      if (pauses >= browses.length + 2) controller.stop();
    },
    onChange: (state) => states.push(state),
    ...overrides,
  });
  return { controller, states, probed, browseCalls: () => call };
}

describe('discovery controller', () => {
  it('connects at once to a preset host without browsing', async () => {
    const preset: DiscoveredHost = { url: 'https://10.9.9.9:8443', contestId: null, contestName: null, fingerprint: FP, source: 'preset' };
    const { controller, browseCalls } = setup([[]], { preset });
    await controller.run();
    expect(controller.state().phase).toBe('connected');
    expect(controller.pinnedHost()).toEqual({ hostname: '10.9.9.9', fingerprint: FP });
    expect(browseCalls()).toBe(0);
  });

  it('auto-connects when exactly one host answers and stops browsing', async () => {
    const { controller, browseCalls } = setup([[host(1)]]);
    await controller.run();
    expect(controller.state().chosen).toEqual(host(1));
    expect(controller.hostOrigin()).toBe('https://10.0.0.1:8443');
    expect(browseCalls()).toBe(1);
  });

  it('with two hosts waits for the contestant, then connects to the one chosen', async () => {
    const { controller } = setup([[host(1), host(2)]]);
    await controller.run();
    expect(controller.state()).toMatchObject({ phase: 'choose', chosen: null });
    expect(controller.pinnedHost()).toBeNull();
    const state = await controller.choose('https://10.0.0.2:8443');
    expect(state).toMatchObject({ phase: 'connected', chosen: host(2) });
    expect(controller.pinnedHost()).toEqual({ hostname: '10.0.0.2', fingerprint: FP });
  });

  it('with no host explains, keeps browsing, and lists a host that appears later', async () => {
    const { controller, states } = setup([[], [], [host(3)]]);
    await controller.run();
    expect(states[0]).toMatchObject({ phase: 'choose', error: NO_HOST_FOUND });
    expect(controller.state()).toMatchObject({ phase: 'choose', hosts: [host(3)], error: null });
  });

  it('a typed https address shows its certificate fingerprint and connects only once it is confirmed', async () => {
    const { controller, probed } = setup([[]]);
    await controller.run();
    const shown = await controller.choose('10.0.0.7');
    expect(probed).toEqual(['https://10.0.0.7:8443']);
    expect(shown).toMatchObject({ phase: 'choose', fingerprintToConfirm: FP2, chosen: { url: 'https://10.0.0.7:8443', source: 'typed' } });
    expect(controller.pinnedHost()).toBeNull();
    expect(controller.confirmFingerprint(FP)).toMatchObject({ phase: 'choose', error: expect.stringMatching(/not the fingerprint/) });
    expect(controller.confirmFingerprint(FP2.toLowerCase())).toMatchObject({ phase: 'connected' });
    expect(controller.pinnedHost()).toEqual({ hostname: '10.0.0.7', fingerprint: FP2 });
  });

  it('a typed address of a listed host uses its advertised fingerprint (no probe)', async () => {
    const { controller, probed } = setup([[host(1), host(2)]]);
    await controller.run();
    expect(await controller.choose('10.0.0.1')).toMatchObject({ phase: 'connected', chosen: host(1) });
    expect(probed).toEqual([]);
  });

  it('shows why a typed address is wrong or unreachable, and changes nothing else', async () => {
    const { controller } = setup([[]], { probeFingerprint: async (origin) => { throw new Error(`cannot reach ${origin}: ECONNREFUSED`); } });
    await controller.run();
    expect(await controller.choose('user@10.0.0.5')).toMatchObject({ phase: 'choose', error: expect.stringMatching(/user name/) });
    expect(await controller.choose('10.0.0.5')).toMatchObject({ phase: 'choose', chosen: null, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(controller.pinnedHost()).toBeNull();
  });

  it('a typed http address connects without TLS (nothing pinned, so no certificate is ever accepted)', async () => {
    const { controller } = setup([[]]);
    await controller.run();
    expect(await controller.choose('http://10.0.0.5:8080')).toMatchObject({ phase: 'connected' });
    expect(controller.pinnedHost()).toEqual({ hostname: '10.0.0.5', fingerprint: null });
  });

  it('keeps the first connection: choosing again is refused', async () => {
    const { controller } = setup([[host(1)]]);
    await controller.run();
    expect(await controller.choose('https://10.0.0.9:8443')).toMatchObject({ phase: 'connected', chosen: host(1), error: expect.stringMatching(/restart the app/) });
  });

  it('refuses a confirmation when nothing waits for one', async () => {
    const { controller } = setup([[host(1), host(2)]]);
    await controller.run();
    expect(controller.confirmFingerprint(FP)).toMatchObject({ phase: 'choose', error: expect.stringMatching(/no fingerprint to confirm/) });
  });

  it('reports a failing mDNS browse and falls back to typing', async () => {
    const { controller } = setup([[]], { browse: async () => { throw new Error('EADDRINUSE'); } });
    await controller.run();
    expect(controller.state()).toMatchObject({ phase: 'choose', error: expect.stringMatching(/LAN discovery failed \(EADDRINUSE\)/) });
  });
});
