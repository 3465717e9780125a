import type { Readable } from 'node:stream';
import { AppError } from '../../../app/errors';
import type { HostContext } from '../../../app/host-context';
import { requireConsoleRole } from '../../../app/venue/console-roles';
import { importUploadedPackage } from '../../../app/venue/upload-package';
import type { RouteDeps } from '../api-scope';

/**
 * `POST /api/arena/contest-packages` (admin of any contest): the request body is the contest
 * package zip (`Content-Type: application/zip` or `application/octet-stream`), streamed to disk
 * and imported like `pnpm host import`. Answers the import report (201 new contest, 200 update).
 */
export function registerPackageUploadRoute({ app, auth }: RouteDeps, ctx: HostContext): void {
  for (const type of ['application/zip', 'application/octet-stream', 'application/x-zip-compressed']) {
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }
  app.post('/api/arena/contest-packages', async (request, reply) => {
    const admin = requireConsoleRole(auth.principal(request), null, 'admin');
    const maxBytes = ctx.config.uploads.maxPackageBytes;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) throw new AppError('too_large', `the package is larger than the ${maxBytes} bytes the host accepts (config uploads.maxPackageBytes)`);
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
      throw new AppError('bad_request', 'send the contest package zip as the request body with Content-Type: application/zip');
    }
    const report = await importUploadedPackage(ctx, body, { actor: admin.accountId, maxBytes });
    return reply.status(report.created ? 201 : 200).send(report);
  });
}
