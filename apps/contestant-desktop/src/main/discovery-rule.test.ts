import { PROTOCOL_VERSION, type DiscoveredHost as LanHost } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import type { DiscoveredHost } from '../shared/bridge';
import { NO_HOST_FOUND, stateAfterFirstBrowse, toBridgeHost } from './discovery-rule';

const FP = Array.from({ length: 32 }, () => 'AB').join(':');
const host = (n: number): DiscoveredHost => ({ url: `https://10.0.0.${n}:8443`, contestId: `c${n}`, contestName: `Contest ${n}`, fingerprint: FP, source: 'mdns' });

describe('stateAfterFirstBrowse (auto-connect rule)', () => {
  it('0 hosts: asks for a typed address', () => {
    expect(stateAfterFirstBrowse([])).toEqual({ phase: 'choose', hosts: [], chosen: null, fingerprintToConfirm: null, error: NO_HOST_FOUND });
  });

  it('1 host: connects to it without asking', () => {
    expect(stateAfterFirstBrowse([host(1)])).toEqual({ phase: 'connected', hosts: [host(1)], chosen: host(1), fingerprintToConfirm: null, error: null });
  });

  it('the same host seen twice is still one host', () => {
    expect(stateAfterFirstBrowse([host(1), host(1)]).phase).toBe('connected');
  });

  it('2 hosts: lets the contestant choose, sorted, never guesses', () => {
    const state = stateAfterFirstBrowse([host(2), host(1)]);
    expect(state).toEqual({ phase: 'choose', hosts: [host(1), host(2)], chosen: null, fingerprintToConfirm: null, error: null });
  });
});

describe('toBridgeHost', () => {
  const lan: LanHost = { name: 'arena', hostName: 'arena.local', addresses: ['10.0.0.5'], port: 8443, info: { contestId: 'c1', contestName: 'NWERC', protocolVersion: PROTOCOL_VERSION, port: 8443, tls: true, tlsFingerprint: FP } };

  it('maps a compatible host with its TXT fingerprint', () => {
    expect(toBridgeHost(lan, new URL('https://10.0.0.5:8443'))).toEqual({ url: 'https://10.0.0.5:8443', contestId: 'c1', contestName: 'NWERC', fingerprint: FP, source: 'mdns' });
  });

  it('drops a host speaking another protocol version', () => {
    expect(toBridgeHost({ ...lan, info: { ...lan.info, protocolVersion: PROTOCOL_VERSION + 1 } }, new URL('https://10.0.0.5:8443'))).toBeNull();
  });
});
