import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../app/auth/auth-service';
import { viewerInContest, type Principal } from '../app/auth/principal';
import type { Viewer } from '../domain/visibility/visibility';

export interface RequestAuth {
  /**
   * The request's principal (Bearer token or HTTP Basic), null when it sent no credentials.
   * Resolved once per request; bad credentials throw `unauthorized` (401).
   */
  principal(request: FastifyRequest): Principal | null;
  /** The viewer the request is in `contestId` (anonymous for another contest's account). */
  viewer(request: FastifyRequest, contestId: string): Viewer;
}

function contestIdOf(request: FastifyRequest): string | undefined {
  const params = request.params as Record<string, unknown> | undefined;
  return typeof params?.id === 'string' && request.routeOptions.url?.startsWith('/api/contests/:id') ? params.id : undefined;
}

/**
 * Request authentication for every API route, built on the auth service. Other modules that
 * serve contest data reuse it (`viewer(request, contestId)`) so the same rules apply everywhere.
 */
export function createRequestAuth(auth: AuthService): RequestAuth {
  const resolved = new WeakMap<FastifyRequest, Principal | null>();
  function principal(request: FastifyRequest): Principal | null {
    if (resolved.has(request)) return resolved.get(request) ?? null;
    const contestId = contestIdOf(request);
    const found = auth.authenticate(request.headers.authorization, { clientIp: request.ip, ...(contestId === undefined ? {} : { contestId }) });
    resolved.set(request, found);
    return found;
  }
  return {
    principal,
    viewer: (request, contestId) => viewerInContest(principal(request), contestId),
  };
}
