import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HostContext } from '../app/host-context';
import { handleError } from './error-handler';

export type ArenaFastify = ReturnType<typeof createFastify>;

export interface HttpServerOptions {
  /** PEM key and certificate for HTTPS; omitted means plain HTTP (`--no-tls`, tests). */
  tls?: { key: string; cert: string };
}

function createFastify(ctx: HostContext, options: HttpServerOptions) {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: 8 * 1024 * 1024,
    // Per-request log lines would drown the host's log at contest load; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
  return app;
}

/**
 * Builds the Fastify instance with Arena's error shape and zod schemas. Route modules are
 * registered by the composition root (main/), which also owns listening and closing.
 */
export function createHttpServer(ctx: HostContext, options: HttpServerOptions = {}): ArenaFastify {
  return createFastify(ctx, options);
}

export type { FastifyInstance };
