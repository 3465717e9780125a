import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../app/errors';

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
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({ code: 'internal', message: 'internal error; the host logged the details' });
}
