import { z } from 'zod';

/**
 * `GET /api/arena/setup` (public, no login): whether this host still waits for its first
 * contest. While `needed`, the proctor console offers the "First run" upload, which takes the
 * one-time setup code the host printed at start (`POST /api/arena/setup/contest-package`).
 */
export const HostSetupStatus = z.object({
  /** True only while the host has no contest at all. */
  needed: z.boolean(),
});
export type HostSetupStatus = z.infer<typeof HostSetupStatus>;

/** Header that carries the one-time setup code with the first-run package upload. */
export const SETUP_CODE_HEADER = 'x-arena-setup-code';
