import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { FastifyRequest } from 'fastify';
import type { HostContext } from '../../../app/host-context';

/**
 * The URLs contestants can reach this host at, for credential slips: the configured listen
 * address, or every non-internal IPv4 address when listening on all interfaces; the address the
 * request came in on when nothing else is known.
 */
export function hostAddresses(ctx: HostContext, request: FastifyRequest): string[] {
  const scheme = ctx.config.tls ? 'https' : 'http';
  const address = request.server.server.address() as AddressInfo | string | null;
  const port = typeof address === 'object' && address !== null ? address.port : ctx.config.port;
  const wildcard = ctx.config.listenHost === '0.0.0.0' || ctx.config.listenHost === '::' || ctx.config.listenHost === '';
  const hosts = wildcard
    ? Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address)
    : [ctx.config.listenHost];
  if (hosts.length === 0) return [`${scheme}://${request.host}`];
  return hosts.map((h) => `${scheme}://${h.includes(':') ? `[${h}]` : h}:${port}`);
}

