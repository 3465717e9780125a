import { TlsFingerprint } from '@arena/protocol';
import { z } from 'zod';
import type { DiscoveredHost } from '../shared/bridge';
import { parseTypedAddress } from './typed-address';

/**
 * The desktop app's configuration, fixed at build time: `arena-preset.json`, packaged as an
 * extraResource (written by build/desktop/build-main.mjs from ARENA_PRESET_* variables).
 * Sample: build/desktop/arena-preset.sample.json.
 */
export const DesktopConfigSchema = z.strictObject({
  /** A host to connect to without discovery (a venue that knows its host's address). */
  host: z.strictObject({
    /** `https://10.0.0.5:8443` (or `http://…` for a host without TLS). */
    url: z.string().min(1),
    /** Required for an https URL: the certificate is pinned to it. */
    fingerprint: z.string().trim().toUpperCase().pipe(TlsFingerprint).nullable().default(null),
  }).nullable().default(null),
  /** Ask the OS to keep the window out of screenshots and screen sharing (Windows, macOS). */
  contentProtection: z.boolean().default(false),
  /** How long the first LAN browse listens before auto-connecting. */
  discoveryWindowMs: z.number().int().min(500).max(30_000).default(3000),
});
export type DesktopConfig = Readonly<z.infer<typeof DesktopConfigSchema>>;

/**
 * Parses the preset (`unknown`: it is a file). A missing file is `{}` (all defaults). Throws an
 * Error naming the problem for a malformed file or an https host without a fingerprint; the app
 * refuses to start rather than run with half a configuration.
 */
export function parseDesktopConfig(raw: unknown): DesktopConfig {
  const parsed = DesktopConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`arena-preset.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  }
  const config = parsed.data;
  if (config.host !== null) {
    const address = parseTypedAddress(config.host.url);
    if (!address.ok) throw new Error(`arena-preset.json host.url: ${address.error}`);
    if (address.tls && config.host.fingerprint === null) throw new Error('arena-preset.json host.fingerprint is required for an https host (the certificate is pinned to it)');
    if (!address.tls && config.host.fingerprint !== null) throw new Error('arena-preset.json host.fingerprint makes no sense for an http host');
    config.host.url = address.origin;
  }
  return Object.freeze(config);
}

/** The preset host as discovery reports it; null when none is preset. */
export function presetHost(config: DesktopConfig): DiscoveredHost | null {
  if (config.host === null) return null;
  return { url: config.host.url, contestId: null, contestName: null, fingerprint: config.host.fingerprint, source: 'preset' };
}
