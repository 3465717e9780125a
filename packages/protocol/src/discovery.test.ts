import { describe, expect, it } from 'vitest';
import { decodeDiscoveryTxt, encodeDiscoveryTxt, isCompatibleHost, type DiscoveryInfo } from './discovery';
import { PROTOCOL_VERSION } from './version';

const FP = Array.from({ length: 32 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')).join(':');
const info: DiscoveryInfo = { contestId: 'nwerc-2026', contestName: 'NWERC 2026', protocolVersion: PROTOCOL_VERSION, port: 8443, tls: true, tlsFingerprint: FP };

describe('encodeDiscoveryTxt / decodeDiscoveryTxt', () => {
  it('round-trips host info through TXT strings', () => {
    const txt = encodeDiscoveryTxt(info);
    expect(txt).toEqual({ cid: 'nwerc-2026', cname: 'NWERC 2026', pv: String(PROTOCOL_VERSION), port: '8443', fp: FP, tls: '1' });
    expect(decodeDiscoveryTxt(txt)).toEqual({ ok: true, info });
  });

  it('round-trips a host with no contest and TLS off', () => {
    const plain: DiscoveryInfo = { ...info, contestId: null, contestName: null, tls: false, tlsFingerprint: null };
    expect(encodeDiscoveryTxt(plain)).toMatchObject({ cid: '', cname: '', fp: '', tls: '0' });
    expect(decodeDiscoveryTxt(encodeDiscoveryTxt(plain))).toEqual({ ok: true, info: plain });
  });

  it('decodes values that arrive as bytes and keys in any case', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const decoded = decodeDiscoveryTxt({ CID: bytes('c1'), cname: bytes('Zürich Open'), pv: bytes('1'), port: bytes('443'), fp: bytes(FP), tls: bytes('1') });
    expect(decoded).toEqual({ ok: true, info: { contestId: 'c1', contestName: 'Zürich Open', protocolVersion: 1, port: 443, tls: true, tlsFingerprint: FP } });
  });

  it('cuts a contest name too long for one TXT string at a character boundary', () => {
    const long = 'é'.repeat(200); // 400 bytes
    const txt = encodeDiscoveryTxt({ ...info, contestName: long });
    const bytes = new TextEncoder().encode(`cname=${txt.cname}`).length;
    expect(bytes).toBeLessThanOrEqual(255);
    expect(bytes).toBeGreaterThan(250);
    expect(long.startsWith(txt.cname)).toBe(true);
  });

  it.each([
    ['not an object', 'x', /key\/value object/],
    ['missing pv', { port: '1', tls: '0' }, /pv/],
    ['port not a number', { pv: '1', port: 'http', tls: '0' }, /port: must be a decimal number/],
    ['port zero', { pv: '1', port: '0', tls: '0' }, /port/],
    ['tls flag not 0/1', { pv: '1', port: '1', tls: 'yes' }, /tls/],
    ['tls on without fingerprint', { pv: '1', port: '1', tls: '1' }, /tlsFingerprint: tls=1 needs a fingerprint/],
    ['fingerprint with tls off', { pv: '1', port: '1', tls: '0', fp: FP }, /tlsFingerprint/],
    ['malformed fingerprint', { pv: '1', port: '1', tls: '1', fp: 'ab:cd' }, /SHA-256 fingerprint/],
  ])('rejects a record with %s', (_name, raw, message) => {
    const decoded = decodeDiscoveryTxt(raw);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(message);
  });

  it('refuses to encode inconsistent info', () => {
    expect(() => encodeDiscoveryTxt({ ...info, tlsFingerprint: null })).toThrow();
  });

  it('tells whether a host speaks our protocol version', () => {
    expect(isCompatibleHost(info)).toBe(true);
    expect(isCompatibleHost({ ...info, protocolVersion: PROTOCOL_VERSION + 1 })).toBe(false);
  });
});
