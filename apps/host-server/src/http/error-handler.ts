import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isStorageFull } from '../app/errors';

/**
 * Shapes every error at the edge (STYLE.md 11): `{ code, message, details? }`. Schema failures
 * become 400 with the offending fields; an AppError keeps its code; anything else is 500 with a
 * generic message (the real one is logged, never sent).
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
    void reply.status(400).send({ code: 'bad_request', message: `invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details });
    return;
  }
  if (error instanceof AppError) {
    // A refusal that says when to come back (rate limits) says it the HTTP way too.
    const retryAfterS = (error.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
    if (typeof retryAfterS === 'number' && Number.isFinite(retryAfterS)) void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterS))));
    void reply.status(error.statusCode).send({ code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, body too large, bad content type).
    const code = status === 413 ? 'too_large' : status === 415 ? 'bad_request' : status === 429 ? 'rate_limited' : 'bad_request';
    void reply.status(status).send({ code, message: error.message });
    return;
  }
  if (isStorageFull(error)) {
    request.log.error({ err: error }, 'the disk is full: a write was refused');
    void reply.status(507).send({ code: 'storage_full', message: 'the host\'s disk is full, so nothing was saved; tell the contest staff and try again later' });
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({ code: 'internal', message: 'internal error; the host logged the details' });
}
