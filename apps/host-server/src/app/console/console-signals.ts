import type { ConsoleChanged } from '@arena/protocol';
import type { Db } from '../../adapters/sqlite/database';
import { createDbSignal } from '../db-signal';

/**
 * In-process "console data changed" signals, per database, emitted after the change committed.
 * The realtime module forwards each to the contest's `/proctor` room as `console:changed`, and
 * the console re-fetches that topic. App code calls `emitConsoleChanged`; it never touches sockets.
 */
export type ConsoleSignal = ConsoleChanged & { contestId: string };
export type ConsoleSignalListener = (signal: ConsoleSignal) => void;

const changed = createDbSignal<ConsoleSignal>();

/** Subscribes to this database's console signals; returns the unsubscribe function. */
export const onConsoleChanged: (db: Db, listener: ConsoleSignalListener) => () => void = changed.on;

/** Tells every listener (a push never undoes a change). */
export const emitConsoleChanged: (db: Db, signal: ConsoleSignal) => void = changed.emit;
