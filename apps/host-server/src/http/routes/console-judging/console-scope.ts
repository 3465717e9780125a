import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../app/auth/principal';
import { requireJury } from '../../../app/console-judging/console-access';
import type { RequestAuth } from '../../auth-hook';
import type { ApiScope } from '../api-scope';

export interface ConsoleRouteDeps {
  app: ApiScope;
  /** The request's jury principal for `contestId` (401/403 otherwise). */
  jury(request: FastifyRequest, contestId?: string): Principal;
}

/** Builds the route deps of the console scope from the shared request authentication. */
export function consoleRouteDeps(app: ApiScope, auth: RequestAuth): ConsoleRouteDeps {
  return { app, jury: (request, contestId) => requireJury(auth.principal(request), contestId) };
}
