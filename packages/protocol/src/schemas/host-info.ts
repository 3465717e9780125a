import { z } from 'zod';
import { TlsFingerprint } from '../discovery';
import { Id } from './common';

/**
 * `GET /api/arena/host-info` (public, no login): what a page served by the host shows about it
 * (the projector's footer) and which contest it serves.
 */
export const HostInfo = z.object({
  /** SHA-256 fingerprint of the host's TLS certificate; null when the host runs without TLS. */
  fingerprint: TlsFingerprint.nullable(),
  protocolVersion: z.number().int().nonnegative(),
  /** The contest the host serves (the newest one); null before any is loaded. */
  contestId: Id.nullable(),
});
export type HostInfo = z.infer<typeof HostInfo>;
