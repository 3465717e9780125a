import { z } from 'zod';
import { Id } from '@arena/protocol';
import type { ContestApi } from '../../app/contest-api/contest-api';
import { ProblemParams, type RouteDeps } from './api-scope';

const FileParams = z.object({ id: Id, pid: Id, '*': z.string().min(1).max(1000) });
const SampleParams = z.object({ id: Id, pid: Id, tcid: Id, which: z.enum(['input', 'answer']) });

/**
 * What teams may read of a problem once the contest has started (the jury always): the
 * sanitized statement, statement assets, attachments and SAMPLE test cases. Secret testdata is
 * never served here; judges fetch it by hash from the judge routes.
 */
export function registerProblemRoutes({ app, auth }: RouteDeps, api: ContestApi): void {
  app.get('/api/contests/:id/problems/:pid/statement', {
    schema: { params: ProblemParams, querystring: z.object({ lang: z.string().max(20).optional() }) },
  }, async (request, reply) => {
    const { id, pid } = request.params;
    const statement = api.statement(auth.viewer(request, id), id, pid, request.query.lang);
    return reply.type(statement.mime).header('content-security-policy', "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:").send(statement.body);
  });

  app.get('/api/contests/:id/problems/:pid/statement-assets/*', { schema: { params: FileParams } }, async (request, reply) => {
    const { id, pid } = request.params;
    const file = api.problemFile(auth.viewer(request, id), id, pid, 'statement-asset', request.params['*']);
    return reply.type(file.mime).header('x-content-type-options', 'nosniff').send(file.body);
  });

  app.get('/api/contests/:id/problems/:pid/statement/*', { schema: { params: FileParams } }, async (request, reply) => {
    const { id, pid } = request.params;
    const file = api.problemFile(auth.viewer(request, id), id, pid, 'statement-pdf', request.params['*']);
    return reply.type(file.mime).header('x-content-type-options', 'nosniff').send(file.body);
  });

  app.get('/api/contests/:id/problems/:pid/attachments', { schema: { params: ProblemParams } }, async (request) =>
    api.attachments(auth.viewer(request, request.params.id), request.params.id, request.params.pid));

  app.get('/api/contests/:id/problems/:pid/attachments/*', { schema: { params: FileParams } }, async (request, reply) => {
    const { id, pid } = request.params;
    const path = request.params['*'];
    const file = api.problemFile(auth.viewer(request, id), id, pid, 'attachment', path);
    const filename = path.split('/').pop() ?? 'attachment';
    return reply.type(file.mime).header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`).send(file.body);
  });

  app.get('/api/contests/:id/problems/:pid/samples', { schema: { params: ProblemParams } }, async (request) =>
    api.samples(auth.viewer(request, request.params.id), request.params.id, request.params.pid));

  app.get('/api/contests/:id/problems/:pid/samples/:tcid/:which', { schema: { params: SampleParams } }, async (request, reply) => {
    const { id, pid, tcid, which } = request.params;
    return reply.type('text/plain; charset=utf-8').send(api.sampleFile(auth.viewer(request, id), id, pid, tcid, which));
  });
}
