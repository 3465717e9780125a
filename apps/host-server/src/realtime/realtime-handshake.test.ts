import { PROTOCOL_VERSION } from '@arena/protocol';
import { describe, expect, it } from 'vitest';
import { parseHandshake } from './realtime-handshake';

describe('parseHandshake', () => {
  it('accepts the current version with optional token and contest', () => {
    expect(parseHandshake({ protocolVersion: PROTOCOL_VERSION, token: 'abc', contestId: 'wf' })).toEqual({ protocolVersion: PROTOCOL_VERSION, token: 'abc', contestId: 'wf' });
  });

  it.each([
    [{ protocolVersion: PROTOCOL_VERSION + 1 }, `protocol version ${PROTOCOL_VERSION + 1}, host speaks ${PROTOCOL_VERSION}: update the app`],
    [{ protocolVersion: String(PROTOCOL_VERSION) }, `no protocol version, host speaks ${PROTOCOL_VERSION}: update the app`],
    [{}, `no protocol version, host speaks ${PROTOCOL_VERSION}: update the app`],
    [null, `no protocol version, host speaks ${PROTOCOL_VERSION}: update the app`],
    [{ protocolVersion: PROTOCOL_VERSION, contestId: '../etc' }, /^invalid handshake: contestId/],
    [{ protocolVersion: PROTOCOL_VERSION, token: '' }, /^invalid handshake: token/],
  ])('refuses %j', (raw, message) => {
    expect(() => parseHandshake(raw)).toThrow(message);
  });
});
