import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HostSetupStatus, SETUP_CODE_HEADER } from '@arena/protocol';
import { AppError } from '../../../app/errors';
import type { HostContext } from '../../../app/host-context';
import { createSetupService } from '../../../app/venue/setup-upload';
import type { ArenaFastify } from '../../create-http-server';

const SetupQuery = z.object({ code: z.string().max(100).optional() });

/**
 * First-run setup of a fresh host (no login: there are no accounts yet):
 * `GET /api/arena/setup` → `{ needed }`, and `POST /api/arena/setup/contest-package` with the
 * contest package zip as the body and the one-time setup code in the `x-arena-setup-code` header
 * (or `?code=`). Answers the import report (201); see `SetupService.upload` for the refusals.
 */
export async function registerSetupRoutes(deps: { ctx: HostContext; http: ArenaFastify; onClose(fn: () => void): void }): Promise<void> {
  const { ctx } = deps;
  const setup = createSetupService(ctx);
  deps.onClose(() => setup.close());

  await deps.http.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    for (const type of ['application/zip', 'application/octet-stream', 'application/x-zip-compressed']) {
      app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    }

    app.get('/api/arena/setup', { schema: { response: { 200: HostSetupStatus } } }, async () => setup.status());

    app.post('/api/arena/setup/contest-package', { schema: { querystring: SetupQuery } }, async (request, reply) => {
      const maxBytes = ctx.config.uploads.maxPackageBytes;
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > maxBytes) throw new AppError('too_large', `the package is larger than the ${maxBytes} bytes the host accepts (config uploads.maxPackageBytes)`);
      const header = request.headers[SETUP_CODE_HEADER];
      const code = (Array.isArray(header) ? header[0] : header) ?? request.query.code;
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
        throw new AppError('bad_request', 'send the contest package zip as the request body with Content-Type: application/zip');
      }
      const report = await setup.upload(body, { code, clientIp: request.ip, maxBytes });
      return reply.status(201).send(report);
    });
  });
}
