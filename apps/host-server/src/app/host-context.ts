import type { Logger } from 'pino';
import type { BlobStore } from '../adapters/blobs/blob-store';
import type { Store } from '../adapters/sqlite/store';
import type { HostConfig } from './host-config';

/**
 * Everything a host module needs, built once by the composition root (main/) and passed in
 * (STYLE.md 6): nothing below main/ opens a database, reads the clock or creates a logger itself.
 */
export interface HostContext {
  readonly config: HostConfig;
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly log: Logger;
  /** Host clock in epoch milliseconds; tests inject a controllable one. */
  readonly clock: () => number;
}
