import { describe, expect, it } from 'vitest';
import { parseDesktopConfig, presetHost } from './desktop-config';

const FP = Array.from({ length: 32 }, () => 'AB').join(':');

describe('parseDesktopConfig', () => {
  it('defaults to LAN discovery with content protection off', () => {
    const config = parseDesktopConfig({});
    expect(config).toEqual({ host: null, contentProtection: false, discoveryWindowMs: 3000 });
    expect(presetHost(config)).toBeNull();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads a preset host with its pinned fingerprint (any case)', () => {
    const config = parseDesktopConfig({ host: { url: '10.0.0.5', fingerprint: FP.toLowerCase() }, contentProtection: true });
    expect(presetHost(config)).toEqual({ url: 'https://10.0.0.5:8443', contestId: null, contestName: null, fingerprint: FP, source: 'preset' });
    expect(config.contentProtection).toBe(true);
  });

  it.each([
    ['an https host without fingerprint', { host: { url: 'https://10.0.0.5:8443' } }, /fingerprint is required/],
    ['an http host with a fingerprint', { host: { url: 'http://10.0.0.5:8080', fingerprint: FP } }, /makes no sense/],
    ['a malformed fingerprint', { host: { url: '10.0.0.5', fingerprint: 'AB:CD' } }, /host.fingerprint/],
    ['a bad url', { host: { url: 'ftp://x', fingerprint: FP } }, /host.url/],
    ['an unknown key', { kiosk: false }, /kiosk|Unrecognized/i],
    ['a wrong type', { contentProtection: 'yes' }, /contentProtection/],
    ['a too short discovery window', { discoveryWindowMs: 10 }, /discoveryWindowMs/],
    ['not an object', 'host=10.0.0.5', /invalid/],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => parseDesktopConfig(raw)).toThrow(message);
  });
});
