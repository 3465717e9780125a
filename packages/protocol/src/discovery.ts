import { z } from 'zod';
import { PROTOCOL_VERSION } from './version';

/**
 * LAN discovery: the host advertises itself over mDNS / DNS-SD as `_arena._tcp` with a TXT
 * record; judge agents and the desktop app browse for it. This module is the pure half both
 * sides share (TXT encode/decode and its schema); the bonjour calls live in each app's adapter.
 */

/** DNS-SD service type, without the leading underscore and protocol (`_arena._tcp`). */
export const ARENA_SERVICE_TYPE = 'arena';

/** `AB:CD:...`: SHA-256 of the host's TLS certificate, 32 upper-case hex pairs. */
export const TlsFingerprint = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'must be a SHA-256 fingerprint like AB:CD:...');
export type TlsFingerprint = z.infer<typeof TlsFingerprint>;

/** What a host tells the LAN about itself. */
export const DiscoveryInfo = z.object({
  /** Id and name of the contest the host currently serves; null before one is loaded. */
  contestId: z.string().max(36).nullable(),
  contestName: z.string().nullable(),
  protocolVersion: z.number().int().nonnegative(),
  port: z.number().int().min(1).max(65535),
  tls: z.boolean(),
  /** Certificate fingerprint clients pin; null exactly when `tls` is false. */
  tlsFingerprint: TlsFingerprint.nullable(),
}).refine((info) => info.tls === (info.tlsFingerprint !== null), {
  message: 'tls=1 needs a fingerprint and tls=0 must not have one',
  path: ['tlsFingerprint'],
});
export type DiscoveryInfo = z.infer<typeof DiscoveryInfo>;

/** The TXT record as key/value strings: `cid`, `cname`, `pv`, `port`, `fp`, `tls`. */
export type DiscoveryTxt = Record<'cid' | 'cname' | 'pv' | 'port' | 'fp' | 'tls', string>;

/** One TXT string (`key=value`) may hold at most 255 bytes (RFC 6763 §6.1). */
const MAX_TXT_STRING_BYTES = 255;

/**
 * Encodes host info as TXT key/values. A contest name too long for one TXT string is cut at a
 * character boundary (the full name is in the API); everything else always fits.
 */
export function encodeDiscoveryTxt(info: DiscoveryInfo): DiscoveryTxt {
  const valid = DiscoveryInfo.parse(info);
  return {
    cid: valid.contestId ?? '',
    cname: truncateUtf8(valid.contestName ?? '', MAX_TXT_STRING_BYTES - 'cname='.length),
    pv: String(valid.protocolVersion),
    port: String(valid.port),
    fp: valid.tlsFingerprint ?? '',
    tls: valid.tls ? '1' : '0',
  };
}

const DecimalString = z.string().regex(/^\d{1,9}$/, 'must be a decimal number').transform(Number);
const RawTxt = z.object({
  cid: z.string().default(''),
  cname: z.string().default(''),
  pv: DecimalString,
  port: DecimalString,
  fp: z.string().default(''),
  tls: z.enum(['0', '1']),
});

/**
 * Decodes a TXT record received from the network (`unknown` until parsed). Values may arrive
 * as strings or bytes (Uint8Array). Returns `{ ok: false, error }` naming every problem for a
 * record that is not a valid Arena advertisement; never throws.
 */
export function decodeDiscoveryTxt(raw: unknown): { ok: true; info: DiscoveryInfo } | { ok: false; error: string } {
  const strings = toStringRecord(raw);
  if (strings === null) return { ok: false, error: 'TXT record must be a key/value object' };
  const txt = RawTxt.safeParse(strings);
  if (!txt.success) return { ok: false, error: describe(txt.error) };
  const info = DiscoveryInfo.safeParse({
    contestId: txt.data.cid || null,
    contestName: txt.data.cname || null,
    protocolVersion: txt.data.pv,
    port: txt.data.port,
    tls: txt.data.tls === '1',
    tlsFingerprint: txt.data.fp || null,
  });
  if (!info.success) return { ok: false, error: describe(info.error) };
  return { ok: true, info: info.data };
}

/** True when a discovered host speaks our protocol version. */
export function isCompatibleHost(info: DiscoveryInfo): boolean {
  return info.protocolVersion === PROTOCOL_VERSION;
}

/** A host found on the LAN, as the browse functions of the apps return it. */
export const DiscoveredHost = z.object({
  /** DNS-SD instance name, e.g. `Arena on judge-room-pc`. */
  name: z.string(),
  /** Host name the service record points at (`pc.local`). */
  hostName: z.string(),
  addresses: z.array(z.string()),
  port: z.number().int().min(1).max(65535),
  info: DiscoveryInfo,
});
export type DiscoveredHost = z.infer<typeof DiscoveredHost>;

function toStringRecord(raw: unknown): Record<string, string> | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const out: Record<string, string> = {};
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (value instanceof Uint8Array) out[key.toLowerCase()] = decoder.decode(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[key.toLowerCase()] = String(value);
  }
  return out;
}

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
}
