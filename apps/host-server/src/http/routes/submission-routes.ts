import { SubmissionCreate } from '@arena/protocol';
import type { ContestApi } from '../../app/contest-api/contest-api';
import type { SubmitService } from '../../app/submissions/submit';
import { ContestParams, ObjectParams, type RouteDeps } from './api-scope';

/** `POST /api/contests/{id}/submissions` (CLICS team submission) and the submitted zip. */
export function registerSubmissionRoutes({ app, auth }: RouteDeps, api: ContestApi, submit: SubmitService): void {
  app.post('/api/contests/:id/submissions', { schema: { params: ContestParams, body: SubmissionCreate } }, async (request) => {
    const { id } = request.params;
    return submit.submit(auth.viewer(request, id), id, request.body);
  });

  app.get('/api/contests/:id/submissions/:oid/files', { schema: { params: ObjectParams } }, async (request, reply) => {
    const { id, oid } = request.params;
    const zip = api.submissionFiles(auth.viewer(request, id), id, oid);
    return reply.type('application/zip').header('content-disposition', `attachment; filename="submission-${oid}.zip"`).send(zip);
  });
}
