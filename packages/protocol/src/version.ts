/**
 * Version of everything that crosses a process boundary between Arena's own parts (host, judges,
 * desktop app). A peer with another version is refused at handshake with a clear message.
 * Bump it on any incompatible change to a schema in this package.
 */
export const PROTOCOL_VERSION = 1;
