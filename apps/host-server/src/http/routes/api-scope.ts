import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@arena/protocol';
import type { RequestAuth } from '../auth-hook';

/** The Fastify scope the API routes are registered in (zod type provider, auth hook). */
export type ApiScope = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteDeps {
  app: ApiScope;
  auth: RequestAuth;
}

export const ContestParams = z.object({ id: Id });
export const ObjectParams = z.object({ id: Id, oid: Id });
export const ProblemParams = z.object({ id: Id, pid: Id });
